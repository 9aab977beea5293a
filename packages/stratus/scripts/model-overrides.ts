/**
 * Corrections applied to botocore 1.29's models where AWS has moved on since late 2022.
 * Each entry says what changed on AWS.
 */
type Model = { metadata: Record<string, unknown>; shapes: Record<string, any> };

function addEnumValues(model: Model, shape: string, values: string[]): void {
  const target = model.shapes[shape];
  if (!target?.enum) throw new Error(`model-overrides: ${shape} has no enum to extend`);
  for (const value of values) if (!target.enum.includes(value)) target.enum.push(value);
}

export const modelOverrides: Record<string, (model: Model) => void> = {
  lambda: (model) => {
    // Lambda added the Node.js 20 (Nov 2023), 22 (Nov 2024) and 24 (Nov 2025) runtimes, and newer Python ones.
    addEnumValues(model, 'Runtime', [
      'nodejs20.x',
      'nodejs22.x',
      'nodejs24.x',
      'python3.10',
      'python3.11',
      'python3.12',
      'python3.13',
    ]);
  },
};
