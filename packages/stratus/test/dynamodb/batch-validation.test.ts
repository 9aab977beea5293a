import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type AttributeValue, BatchGetItemCommand, BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { hashTable, startDynamo } from './helpers.ts';

// The batches' words, as recorded against AWS (dynalite's suite).
describe('DynamoDB batch validation', () => {
  let testbed: Awaited<ReturnType<typeof startDynamo>>;
  before(async () => {
    testbed = await startDynamo([hashTable('things', 'a')]);
  });
  after(() => testbed.stop());

  it("words a put's missing or mistyped table key as a key's", async () => {
    for (const Item of [{}, { b: { S: 'a' } }, { a: { N: '1' } }] as Record<string, AttributeValue>[]) {
      await assert.rejects(
        testbed.client.send(
          new BatchWriteItemCommand({ RequestItems: { things: [{ PutRequest: { Item } }] } }),
        ),
        { name: 'ValidationException', message: 'The provided key element does not match the schema' },
      );
    }
  });

  it("reports a table's empty or over-long request list at the map, listing the list's constraints", async () => {
    const listing =
      'failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]';
    await assert.rejects(testbed.client.send(new BatchWriteItemCommand({ RequestItems: { things: [] } })), {
      name: 'ValidationException',
      message: `1 validation error detected: Value '{things=[]}' at 'requestItems' ${listing}`,
    });
    const requests = Array.from({ length: 26 }, (_, i) => ({
      DeleteRequest: { Key: { a: { S: String(i) } } },
    }));
    await assert.rejects(
      testbed.client.send(new BatchWriteItemCommand({ RequestItems: { things: requests } })),
      {
        name: 'ValidationException',
        message: new RegExp(
          `^1 validation error detected: Value '\\{things=\\[WriteRequest\\(deleteRequest=DeleteRequest\\(key=\\{a=AttributeValue\\(s=0\\)\\}\\)\\), .+\\]\\}' at 'requestItems' ${listing.replace(/[[\]]/g, '\\$&')}$`,
        ),
      },
    );
    // With a bad table name too, both the key's and the value's listings are reported.
    await assert.rejects(
      testbed.client.send(new BatchWriteItemCommand({ RequestItems: { a: [] } })),
      (error: Error) => {
        assert.match(error.message, /^2 validation errors detected: /);
        assert.ok(error.message.includes(`Value '{a=[]}' at 'requestItems' ${listing}`));
        assert.ok(error.message.includes('Map keys must satisfy constraint'));
        return true;
      },
    );
    // A batch get's keys list is no map value: its limits are reported at its own path.
    await assert.rejects(
      testbed.client.send(new BatchGetItemCommand({ RequestItems: { things: { Keys: [] } } })),
      {
        name: 'ValidationException',
        message:
          "1 validation error detected: Value '[]' at 'requestItems.things.member.keys' failed to satisfy constraint: Member must have length greater than or equal to 1",
      },
    );
  });

  it('lists every constraint of a table-name key when one fails, as Coral prints map keys', async () => {
    await assert.rejects(
      testbed.client.send(new BatchGetItemCommand({ RequestItems: { a: { Keys: [{ a: { S: 'a' } }] } } })),
      {
        name: 'ValidationException',
        message:
          "1 validation error detected: Value '{a=KeysAndAttributes(keys=[{a=AttributeValue(s=a)}])}' at 'requestItems' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have length greater than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]",
      },
    );
  });
});
