import { Stratus, type StratusOptions } from '../../src/stratus.ts';

/** Credentials every test client signs with (the always-allowed root credential). */
export const testCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Client settings for the AWS SDK v3 pointed at an instance. */
export function clientConfig(stratus: Stratus, region = 'us-east-1') {
  return { endpoint: stratus.endpoint, region, credentials: testCredentials, maxAttempts: 1 };
}

/**
 * Starts an ephemeral instance on free ports for one test file. Call `stop()` in `after`:
 * it closes the ports, ends the workers and removes the temporary state directory.
 */
export async function startStratus(options: StratusOptions = {}): Promise<Stratus> {
  return Stratus.start({ ephemeral: true, port: 0, httpsPort: 0, ...options });
}
