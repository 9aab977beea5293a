import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AddPermissionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutBucketLifecycleConfigurationCommand,
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { createFunction, eventually, logLines } from '../lambda/support.ts';
import { clientConfig } from '../support/stratus.ts';
import { type S3Testbed, startS3 } from './helpers.ts';

const DAY = 86_400_000;
const RECORDER = `exports.handler = async (event) => {
  for (const record of event.Records) console.log('RECORD ' + JSON.stringify(record));
};`;

describe('s3: lifecycle transitions and lifecycle event notifications', () => {
  let bed: S3Testbed;
  let lambda: LambdaClient;
  /** Moves Stratus time; the clients sign with the instance's time as the SDK would after a skew answer. */
  const advance = (ms: number) => {
    bed.stratus.clock.advance(ms);
    bed.s3.config.systemClockOffset = bed.stratus.clock.offsetMs;
    lambda.config.systemClockOffset = bed.stratus.clock.offsetMs;
  };
  const storageClass = async (Key: string) =>
    (await bed.s3.send(new HeadObjectCommand({ Bucket: 'tiers', Key }))).StorageClass;
  const listed = async () =>
    ((await bed.s3.send(new ListObjectsV2Command({ Bucket: 'tiers' }))).Contents ?? []).map((o) => [
      o.Key,
      o.StorageClass,
    ]);

  before(async () => {
    bed = await startS3(['tiers']);
    lambda = new LambdaClient(clientConfig(bed.stratus));
    await createFunction(lambda, 'lifecycle-recorder', RECORDER);
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: 'lifecycle-recorder',
        StatementId: 's3',
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceArn: 'arn:aws:s3:::tiers',
      }),
    );
  });
  after(async () => {
    lambda.destroy();
    await bed.stop();
  });

  it('changes the storage class as transitions come due, and tells a function about transitions and expirations', async () => {
    await bed.s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket: 'tiers',
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              Id: 'lifecycle',
              LambdaFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:lifecycle-recorder',
              Events: ['s3:LifecycleTransition', 's3:LifecycleExpiration:*'],
            },
          ],
        },
      }),
    );
    await bed.s3.send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'tiers',
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'archive',
              Status: 'Enabled',
              Filter: { Prefix: 'logs/' },
              Transitions: [
                { Days: 30, StorageClass: 'STANDARD_IA' },
                { Days: 90, StorageClass: 'GLACIER' },
              ],
            },
            { ID: 'scratch', Status: 'Enabled', Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 } },
          ],
        },
      }),
    );
    await bed.s3.send(new PutObjectCommand({ Bucket: 'tiers', Key: 'logs/a', Body: 'log' }));
    await bed.s3.send(new PutObjectCommand({ Bucket: 'tiers', Key: 'other', Body: 'kept' }));
    await bed.s3.send(new PutObjectCommand({ Bucket: 'tiers', Key: 'tmp/x', Body: 'scratch' }));
    // STANDARD is the class S3 does not name in HeadObject.
    assert.equal(await storageClass('logs/a'), undefined);

    advance(2 * DAY);
    assert.deepEqual(await listed(), [
      ['logs/a', 'STANDARD'],
      ['other', 'STANDARD'],
    ]);
    advance(29 * DAY);
    assert.equal(await storageClass('logs/a'), 'STANDARD_IA');
    assert.equal(await storageClass('other'), undefined);
    advance(60 * DAY);
    assert.equal(await storageClass('logs/a'), 'GLACIER');
    assert.deepEqual(await listed(), [
      ['logs/a', 'GLACIER'],
      ['other', 'STANDARD'],
    ]);
    // Only the class is recorded: the body is still there to read.
    const body = await bed.s3.send(new GetObjectCommand({ Bucket: 'tiers', Key: 'logs/a' }));
    assert.equal(await body.Body!.transformToString(), 'log');

    const records = await eventually(async () => {
      const found = (await logLines(bed.stratus, 'lifecycle-recorder')).flatMap((line) => {
        const at = line.indexOf('RECORD ');
        return at < 0 ? [] : [JSON.parse(line.slice(at + 7).trim())];
      });
      // Invocations may log out of order: the sequencer orders the events.
      found.sort((a, b) => a.s3.object.sequencer.localeCompare(b.s3.object.sequencer));
      return found.length >= 3 ? found : undefined;
    }, 15_000);
    const byName = (name: string) => records.filter((r) => r.eventName === name);
    const [expired] = byName('LifecycleExpiration:Delete');
    assert.equal(expired.s3.object.key, 'tmp/x');
    assert.equal(expired.eventVersion, '2.3');
    assert.equal(expired.userIdentity.principalId, 's3.amazonaws.com');
    assert.equal(expired.requestParameters.sourceIPAddress, 's3.amazonaws.com');
    assert.equal(expired.s3.configurationId, 'lifecycle');
    const transitions = byName('LifecycleTransition');
    assert.deepEqual(
      transitions.map((r) => [
        r.s3.object.key,
        r.lifecycleEventData.transitionEventData.destinationStorageClass,
      ]),
      [
        ['logs/a', 'STANDARD_IA'],
        ['logs/a', 'GLACIER'],
      ],
    );
  });
});
