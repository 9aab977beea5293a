export { Clock } from './clock/clock.ts';
export type { Logger } from './logger.ts';
export { AwsError } from './protocol/errors.ts';
export { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, Stratus, type StratusOptions } from './stratus.ts';
