import type { RequestContext } from '../../service.ts';
import { type LogsCore, logGroupArn, scopeOf } from '../core.ts';
import { LogsErrors } from '../errors.ts';
import { decodeToken, encodeToken } from '../tokens.ts';

export interface DescribeLogGroupsInput {
  readonly logGroupNamePrefix?: string;
  readonly logGroupNamePattern?: string;
  readonly nextToken?: string;
  readonly limit?: number;
}

export function describeLogGroups(core: LogsCore, input: DescribeLogGroupsInput, ctx: RequestContext) {
  if (input.logGroupNamePrefix !== undefined && input.logGroupNamePattern !== undefined) {
    throw LogsErrors.invalidParameter(
      'LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.',
    );
  }
  const scope = scopeOf(ctx);
  const limit = input.limit ?? 50;
  const after = decodeToken<{ after: string }>(input.nextToken, (v) => typeof v?.after === 'string');
  const pattern = input.logGroupNamePattern;
  const groups = [];
  let afterName = after?.after;
  // A name pattern (a case-insensitive substring) filters after the prefix scan, page by page.
  while (groups.length <= limit) {
    const page = core.store.listGroups(scope, {
      prefix: input.logGroupNamePrefix,
      afterName,
      limit: limit + 1,
    });
    for (const group of page) {
      if (!pattern || group.name.toLowerCase().includes(pattern.toLowerCase())) groups.push(group);
    }
    if (page.length < limit + 1) break;
    afterName = page[page.length - 1]!.name;
  }
  const shown = groups.slice(0, limit);
  return {
    logGroups: shown.map((group) => ({
      logGroupName: group.name,
      creationTime: group.creationTime,
      retentionInDays: group.retentionInDays,
      metricFilterCount: 0,
      arn: `${logGroupArn(scope, group.name)}:*`,
      logGroupArn: logGroupArn(scope, group.name),
      storedBytes: group.storedBytes,
      kmsKeyId: group.kmsKeyId,
      logGroupClass: 'STANDARD',
    })),
    nextToken: groups.length > limit ? encodeToken({ after: shown[shown.length - 1]!.name }) : undefined,
  };
}
