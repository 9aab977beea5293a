import http from 'node:http';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { inParallel, type Operation, type OperationOptions, randomInt } from './operation.ts';
import { type ReplayAnswer, replay, requestSigner, type SignedRequest } from './replay.ts';

export const S3_OPERATIONS = [
  'PutObject 1 KB',
  'PutObject 8 MB',
  'GetObject 1 KB',
  'GetObject 8 MB',
  'ListObjectsV2',
] as const;

const KB = 1024;
const MB = 1024 * KB;
/** Objects GetObject reads at random, per size. */
const GET_OBJECTS = { small: 100, large: 4 };
/** Keys in the listed bucket, and the page size (S3's default and maximum). */
const LIST_KEYS = 10_000;
const LIST_PAGE = 1000;
/** Keys each virtual client overwrites in turn with `--client http` (each one's signed request is kept). */
const HTTP_PUT_KEYS = 20;

export function s3Operation(name: string, options: OperationOptions): Operation {
  const newClient = () =>
    new S3Client({
      endpoint: options.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
      forcePathStyle: true,
      maxAttempts: 1,
      // No CRC32 over every body in the load process: the figures are the server's, not the client's.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  const clients = Array.from({ length: options.clients }, newClient);
  const bucket = `bench-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  const put = (key: string, body: Uint8Array, client = clients[0]) =>
    client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  // A second run against the same target reuses its bucket.
  const createBucket = () =>
    clients[0].send(new CreateBucketCommand({ Bucket: bucket })).then(
      () => {},
      (error: Error) => {
        if (error.name !== 'BucketAlreadyOwnedByYou') throw error;
      },
    );
  const counters = new Array<number>(options.clients).fill(0);

  // --client http: each virtual client replays requests its own SDK client signed, on its own connection.
  const endpoint = new URL(options.endpoint);
  const agents = clients.map(() => new http.Agent({ keepAlive: true, maxSockets: 1 }));
  /** Signs what `call(client)` would send, with an SDK client of its own kept for signing. */
  const signer = newClient();
  const sign = requestSigner(signer);
  const signedBy = (call: (client: S3Client) => Promise<unknown>) => sign(() => call(signer));
  /** Signed requests per virtual client (or shared, at index 0), filled by `prepare`. */
  const signed: SignedRequest[][] = clients.map(() => []);
  const send = async (c: number, request: SignedRequest, keepText = false): Promise<ReplayAnswer> => {
    const answer = await replay(endpoint, agents[c], request, keepText);
    if (answer.status !== 200) throw new Error(`${name} answered ${answer.status}`);
    return answer;
  };

  const putObject = (size: number, keys: number): Operation => {
    const body = new Uint8Array(size).fill(97);
    if (options.client === 'http') {
      return {
        name,
        setup: createBucket,
        async prepare(mine) {
          for (const c of mine)
            for (let k = 0; k < HTTP_PUT_KEYS; k++)
              signed[c].push(await signedBy((client) => put(`c${c}/${k}`, body, client)));
        },
        async run(c) {
          await send(c, signed[c][counters[c]++ % HTTP_PUT_KEYS]);
        },
      };
    }
    return {
      name,
      setup: createBucket,
      async run(c) {
        await put(`c${c}/${counters[c]++ % keys}`, body, clients[c]);
      },
    };
  };
  const getObject = (size: number, objects: number): Operation => ({
    name,
    async setup() {
      await createBucket();
      const body = new Uint8Array(size).fill(98);
      await inParallel(
        Array.from({ length: objects }, (_, i) => i),
        4,
        async (i) => void (await put(`o${i}`, body)),
      );
    },
    async prepare() {
      if (options.client !== 'http') return;
      for (let i = 0; i < objects; i++)
        signed[0].push(
          await signedBy((client) => client.send(new GetObjectCommand({ Bucket: bucket, Key: `o${i}` }))),
        );
    },
    async run(c) {
      if (options.client === 'http') {
        const { length } = await send(c, signed[0][randomInt(objects)]);
        if (length !== size) throw new Error(`GetObject returned ${length} bytes, not ${size}`);
        return;
      }
      const output = await clients[c].send(
        new GetObjectCommand({ Bucket: bucket, Key: `o${randomInt(objects)}` }),
      );
      let length = 0;
      for await (const chunk of output.Body as AsyncIterable<Uint8Array>) length += chunk.length;
      if (length !== size) throw new Error(`GetObject returned ${length} bytes, not ${size}`);
    },
  });

  switch (name) {
    case 'PutObject 1 KB':
      return putObject(KB, 1000);
    case 'PutObject 8 MB':
      return putObject(8 * MB, 2);
    case 'GetObject 1 KB':
      return getObject(KB, GET_OBJECTS.small);
    case 'GetObject 8 MB':
      return getObject(8 * MB, GET_OBJECTS.large);
    case 'ListObjectsV2': {
      // Each client pages through the whole bucket, over and over: every request is one full page.
      const tokens = new Array<string | undefined>(options.clients).fill(undefined);
      const keyAt = (i: number) => `photos/2026/${String(i).padStart(5, '0')}.jpg`;
      // Replayed pages start after a key (a continuation token is the server's own, and differs on every page).
      const page = (startAfter: string | undefined) =>
        new ListObjectsV2Command({ Bucket: bucket, MaxKeys: LIST_PAGE, StartAfter: startAfter });
      return {
        name,
        async setup() {
          await createBucket();
          const body = new Uint8Array(16).fill(99);
          const keys = Array.from({ length: LIST_KEYS }, (_, i) => keyAt(i));
          await inParallel(keys, 32, async (key) => void (await put(key, body)));
        },
        async prepare() {
          if (options.client !== 'http') return;
          for (let from = 0; from < LIST_KEYS; from += LIST_PAGE) {
            const startAfter = from === 0 ? undefined : keyAt(from - 1);
            signed[0].push(await signedBy((client) => client.send(page(startAfter))));
          }
        },
        async run(c) {
          if (options.client === 'http') {
            const pages = signed[0];
            const { text } = await send(c, pages[counters[c]++ % pages.length], true);
            if (!text!.includes(`<KeyCount>${LIST_PAGE}</KeyCount>`))
              throw new Error('ListObjectsV2 did not return a full page');
            return;
          }
          const output = await clients[c].send(
            new ListObjectsV2Command({ Bucket: bucket, MaxKeys: LIST_PAGE, ContinuationToken: tokens[c] }),
          );
          if (output.KeyCount !== LIST_PAGE)
            throw new Error(`ListObjectsV2 returned ${output.KeyCount} keys`);
          tokens[c] = output.IsTruncated ? output.NextContinuationToken : undefined;
        },
      };
    }
    default:
      throw new Error(`unknown S3 operation ${name}: choose from ${S3_OPERATIONS.join(', ')}`);
  }
}
