import type { LifecycleRule, StorageClass } from '../../../protocol/models/types/s3.ts';
import type { S3Core } from '../core.ts';
import type { ObjectRecord } from '../store.ts';
import { dueAfter, selects } from './rules.ts';

/** S3's storage classes in the order lifecycle moves objects (it never moves one back up). */
const DOWNWARD: readonly string[] = [
  'STANDARD',
  'REDUCED_REDUNDANCY',
  'STANDARD_IA',
  'INTELLIGENT_TIERING',
  'ONEZONE_IA',
  'GLACIER_IR',
  'GLACIER',
  'DEEP_ARCHIVE',
];

/**
 * Current objects whose Transitions have come due, each with its new storage class (the last
 * transition due among the rules that select it). Only the class is recorded: the body stays
 * readable, as Stratus keeps every class the same way.
 */
export function dueTransitions(
  core: S3Core,
  bucket: string,
  rules: readonly LifecycleRule[],
  now: number,
): ObjectRecord[] {
  const moving = rules.filter((rule) => rule.Transitions?.length);
  if (moving.length === 0) return [];
  const changed: ObjectRecord[] = [];
  for (const object of core.store.objects(bucket, '', undefined)) {
    let target: { due: number; storageClass: string } | undefined;
    for (const rule of moving) {
      if (!selects(rule, object)) continue;
      for (const { Days, Date: date, StorageClass: storageClass } of rule.Transitions!) {
        if (!storageClass) continue;
        const due =
          Days !== undefined ? dueAfter(object.lastModified, Days) : date ? new Date(date).getTime() : NaN;
        if (due <= now && (!target || due > target.due)) target = { due, storageClass };
      }
    }
    const current = object.storageClass ?? 'STANDARD';
    if (target && DOWNWARD.indexOf(target.storageClass) > DOWNWARD.indexOf(current))
      changed.push({ ...object, storageClass: target.storageClass as StorageClass });
  }
  return changed;
}
