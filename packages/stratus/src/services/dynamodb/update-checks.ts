/**
 * What UpdateItem refuses before it reads the item: an index key given a value of another type (where
 * the expression fixes the type: a value, arithmetic, list_append, ADD), and paths that look inside a
 * key attribute. AWS checks these ahead of the item's own state, indexes in table order.
 */
import { type Item, typeOf } from './attribute-value.ts';
import { DynamoErrors } from './errors.ts';
import type { Operand, PathNode, UpdateAction } from './expressions/ast.ts';
import { attributeType, type TableRecord } from './table.ts';

export function checkIndexUpdates(table: TableRecord, actions: readonly UpdateAction[]): void {
  for (const index of [...table.localIndexes, ...table.globalIndexes]) {
    for (const { AttributeName: name } of index.keySchema) {
      const type = attributeType(table, name);
      for (const action of actions) {
        if (action.path.elements.length !== 1 || headOf(action.path) !== name) continue;
        const given = staticType(action);
        if (given && given !== type) {
          throw DynamoErrors.validation(
            `One or more parameter values were invalid: Type mismatch for Index Key ${name} Expected: ${type} Actual: ${given} IndexName: ${index.name}`,
          );
        }
      }
    }
  }
  checkScalarKeyPaths(table, actions.flatMap(paths));
}

/** Paths (of an update or a projection) may name key attributes but not look inside one. */
export function checkScalarKeyPaths(table: TableRecord, paths: readonly PathNode[]): void {
  const tableKeys = new Set(table.keySchema.map((k) => k.AttributeName));
  const indexKeys = new Set(
    [...table.localIndexes, ...table.globalIndexes].flatMap((i) => i.keySchema.map((k) => k.AttributeName)),
  );
  for (const path of paths) {
    const head = headOf(path);
    if (path.elements.length < 2 || !(tableKeys.has(head) || indexKeys.has(head))) continue;
    throw DynamoErrors.validation(
      `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: ${tableKeys.has(head) ? 'Key' : 'IndexKey'}: ${head}`,
    );
  }
}

function headOf(path: PathNode): string {
  const first = path.elements[0];
  return first?.kind === 'attribute' ? first.name : '';
}

/** The type an action gives its attribute whatever the item holds, if the expression fixes it. */
function staticType(action: UpdateAction): string | undefined {
  if (action.type === 'REMOVE') return undefined;
  if (action.type !== 'SET') return action.value.value ? typeOf(action.value.value) : undefined;
  const value = action.value;
  if (value.type === 'value') return value.value ? typeOf(value.value) : undefined;
  if (value.type === 'arithmetic') return 'N';
  if (value.type === 'call' && value.name === 'list_append') return 'L';
  return undefined;
}

function paths(action: UpdateAction): PathNode[] {
  const out = [action.path];
  const walk = (operand: Operand): void => {
    if (operand.type === 'path') out.push(operand);
    else if (operand.type === 'call') operand.args.forEach(walk);
    else if (operand.type === 'arithmetic') [operand.left, operand.right].forEach(walk);
  };
  if (action.type === 'SET') walk(action.value);
  return out;
}

/** An index key the update left with another type than its definition (known only from the item). */
export function checkUpdatedIndexKeys(table: TableRecord, item: Item): void {
  for (const index of [...table.localIndexes, ...table.globalIndexes]) {
    for (const { AttributeName: name } of index.keySchema) {
      const value = item[name];
      if (value && typeOf(value) !== attributeType(table, name)) {
        throw DynamoErrors.validation(
          'The update expression attempted to update the secondary index key to unsupported type',
        );
      }
    }
  }
}
