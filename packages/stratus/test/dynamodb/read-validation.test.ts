import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type AttributeValue, PutItemCommand, QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { indexedTable, startDynamo } from './helpers.ts';

// DynamoDB's words and check order for reads, as recorded against AWS (dynalite's suite): start keys,
// key-condition bounds, Select on a GSI, key attributes in filters, Coral's member order.
describe('DynamoDB read validation', () => {
  let testbed: Awaited<ReturnType<typeof startDynamo>>;
  const S = (s: string): AttributeValue => ({ S: s });

  before(async () => {
    testbed = await startDynamo([
      indexedTable('ranged', 'local', { name: 'global', keys: ['c', 'd'], projection: 'KEYS_ONLY' }),
    ]);
  });
  after(() => testbed.stop());

  const refused = async (command: ScanCommand | QueryCommand, message: string) => {
    await assert.rejects(testbed.client.send(command as never), { name: 'ValidationException', message });
  };
  const scan = (input: Partial<ConstructorParameters<typeof ScanCommand>[0]>) =>
    new ScanCommand({ TableName: 'ranged', ...input });
  const query = (input: Partial<ConstructorParameters<typeof QueryCommand>[0]>) =>
    new QueryCommand({ TableName: 'ranged', ...input });

  it("words a Scan's bad start key by what is wrong and where", async () => {
    const prefixed =
      'The provided starting key is invalid: The provided key element does not match the schema';
    await refused(scan({ ExclusiveStartKey: { a: S('a'), b: S('b'), c: S('c') } }), prefixed);
    await refused(
      scan({ IndexName: 'local', ExclusiveStartKey: { a: S('a'), c: S('c') } }),
      'The provided starting key is invalid',
    );
    await refused(
      scan({ IndexName: 'global', ExclusiveStartKey: { a: S('a'), b: S('b'), c: { N: '1' }, d: S('d') } }),
      'The provided key element does not match the schema',
    );
    await refused(
      scan({ IndexName: 'local', ExclusiveStartKey: { a: S('a'), b: { N: '1' }, c: S('c') } }),
      prefixed,
    );
  });

  it('checks Select ALL_ATTRIBUTES on a GSI between its key and the table key of the start key', async () => {
    const select =
      'One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index global because its projection type is not ALL';
    await refused(scan({ IndexName: 'global', Select: 'ALL_ATTRIBUTES' }), select);
    await refused(
      scan({
        IndexName: 'global',
        Select: 'ALL_ATTRIBUTES',
        ExclusiveStartKey: { x: S('1'), y: S('1'), c: S('c'), d: S('d') },
      }),
      select,
    );
    await refused(
      scan({
        IndexName: 'global',
        Select: 'ALL_ATTRIBUTES',
        ExclusiveStartKey: { a: S('1'), b: S('1'), c: S('c'), e: S('d') },
      }),
      'The provided starting key is invalid',
    );
  });

  it('refuses a look inside a key attribute in a Scan filter', async () => {
    await refused(
      scan({ FilterExpression: 'attribute_exists(a.b)' }),
      "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: a",
    );
    await refused(
      scan({ FilterExpression: 'attribute_exists(d[0])' }),
      "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: IndexKey: d",
    );
  });

  it("checks a Scan's AttributesToGet and ScanFilter before its start key and segments", async () => {
    await refused(
      scan({ Segment: 1, ExclusiveStartKey: { a: {} as AttributeValue }, AttributesToGet: ['a', 'a'] }),
      'One or more parameter values were invalid: Duplicate value in attribute name: a',
    );
  });

  it('reports the first ten constraint violations in the order Coral checks them', async () => {
    const error = await testbed.client
      .send(
        new ScanCommand({
          TableName: 'abc;',
          ReturnConsumedCapacity: 'hi' as never,
          AttributesToGet: [],
          IndexName: 'abc;',
          Segment: -1,
          TotalSegments: -1,
          Select: 'hi' as never,
          Limit: -1,
          ScanFilter: { a: {} as never, b: { ComparisonOperator: '' as never } },
          ConditionalOperator: 'AN' as never,
        }),
      )
      .catch((e: Error) => e);
    assert.ok(error instanceof Error);
    assert.match(error.message, /^10 validation errors detected: Value 'hi' at 'select'/);
    assert.ok(error.message.includes("Value '-1' at 'limit'"), 'limit is the tenth');
    assert.ok(!error.message.includes('attributesToGet'), 'AttributesToGet is the eleventh, not reported');
  });

  it("words a Query's start key against the queried key and its conditions", async () => {
    const a = S('a');
    await refused(
      query({
        KeyConditionExpression: 'a = :a',
        ExpressionAttributeValues: { ':a': a },
        ExclusiveStartKey: { a },
      }),
      'The provided starting key is invalid',
    );
    await refused(
      query({
        KeyConditionExpression: 'a = :a',
        ExpressionAttributeValues: { ':a': a },
        ExclusiveStartKey: { a: { N: '1' }, b: a },
      }),
      'The provided key element does not match the schema',
    );
    // The key conditions are checked after the start key's hash part, before its range part.
    await refused(
      query({
        KeyConditions: { z: { ComparisonOperator: 'NULL' } },
        ExclusiveStartKey: { a, b: { N: '1' } },
      }),
      'Query condition missed key schema element: a',
    );
  });

  it("refuses a Query's start key outside the queried range", async () => {
    const values = { ':a': S('b') };
    const start = { a: S('a'), b: S('a') };
    await refused(
      query({
        KeyConditionExpression: 'a = :a',
        ExpressionAttributeValues: values,
        ExclusiveStartKey: start,
      }),
      'The provided starting key is outside query boundaries based on provided conditions',
    );
    await refused(
      query({
        KeyConditionExpression: 'a = :a and b > :a',
        ExpressionAttributeValues: values,
        ExclusiveStartKey: start,
      }),
      'The provided starting key does not match the range key predicate',
    );
    await refused(
      query({
        KeyConditionExpression: 'a = :a and b < :a',
        ExpressionAttributeValues: values,
        ExclusiveStartKey: start,
      }),
      'The query can return at most one row and cannot be restarted',
    );
  });

  it('checks a Query filter on the queried keys before Select', async () => {
    await refused(
      query({
        IndexName: 'global',
        Select: 'ALL_ATTRIBUTES',
        KeyConditions: { c: { ComparisonOperator: 'EQ', AttributeValueList: [S('a')] } },
        QueryFilter: { d: { ComparisonOperator: 'EQ', AttributeValueList: [S('a')] } },
      }),
      'QueryFilter can only contain non-primary key attributes: Primary key attribute: d',
    );
    await refused(query({ KeyConditions: {}, QueryFilter: {} }), 'Conditions can be of length 1 or 2 only');
  });

  it("checks a KeyConditionExpression's conditions in AWS's order", async () => {
    const cases: [string, string][] = [
      ['b.d > a AND c.d > e.f', 'KeyConditionExpressions cannot have conditions on nested attributes'],
      [
        'a between b and size(a)',
        'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition',
      ],
      ['a > size(b.d)', 'KeyConditionExpressions cannot contain nested operations'],
    ];
    for (const [KeyConditionExpression, message] of cases)
      await refused(query({ KeyConditionExpression }), message);
  });

  it("refuses a path as attribute_type's type operand, naming every type it could have", async () => {
    const message = (expression: string) =>
      `Invalid ${expression}: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}`;
    // In a key condition it is found before an empty filter is (as AWS answers dynalite's query case).
    await refused(
      query({ KeyConditionExpression: 'attribute_type(a, b)', FilterExpression: '' }),
      message('KeyConditionExpression'),
    );
    await refused(scan({ FilterExpression: 'attribute_type(ab.bc[1].a, SS)' }), message('FilterExpression'));
  });

  it('counts a string by its characters in size()', async () => {
    await testbed.client.send(
      new PutItemCommand({ TableName: 'ranged', Item: { a: S('sz'), b: S('1'), e: S('abÿ') } }),
    );
    const found = await testbed.client.send(
      scan({ FilterExpression: 'size(e) = :three', ExpressionAttributeValues: { ':three': { N: '3' } } }),
    );
    assert.deepEqual(
      found.Items?.map((item) => item.e?.S),
      ['abÿ'],
    );
  });

  it('reports the first of several expression problems met left to right', async () => {
    await refused(
      scan({ FilterExpression: 'attribute_exists(:a) and a=a', ExpressionAttributeValues: { ':a': S('1') } }),
      'Invalid FilterExpression: Operator or function requires a document path; operator or function: attribute_exists',
    );
    await refused(
      scan({ FilterExpression: 'a = a AND #a = b AND :views > a', ExpressionAttributeNames: { '#a': 'a' } }),
      'Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]',
    );
    await refused(
      scan({
        FilterExpression: 'attribute_type(a, size(a)) and a=a and a=:a',
        ExpressionAttributeValues: { ':a': { N: '1' } },
      }),
      'Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N',
    );
    await refused(
      scan({
        FilterExpression: 'contains(ab.bc[1].a, ab.bc[1].#a)',
        ExpressionAttributeNames: { '#a': 'a' },
      }),
      'Invalid FilterExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [ab, bc, [1], a]',
    );
    await refused(
      scan({ FilterExpression: '(a)between(((b.c)).d)and(c)' }),
      'Invalid FilterExpression: The expression has redundant parentheses;',
    );
  });
});
