import type { Parameter } from '../../protocol/models/types/ssm.ts';
import { type ParameterRecord, parameterArn } from './store.ts';

/** A stored parameter as GetParameter(s) return it. SecureString values stay opaque unless decrypted. */
export function parameterShape(
  account: string,
  region: string,
  record: ParameterRecord,
  withDecryption: boolean | undefined,
  selector?: string,
): Parameter {
  const value =
    record.type === 'SecureString' && !withDecryption
      ? Buffer.from(`stratus-kms:${record.value}`).toString('base64')
      : record.value;
  return {
    Name: record.name,
    Type: record.type,
    Value: value,
    Version: record.version,
    ...(selector ? { Selector: selector } : {}),
    LastModifiedDate: new Date(record.lastModified),
    ARN: parameterArn(account, region, record.name),
    DataType: record.dataType,
  };
}
