/** @requires-tool moto_server */
import { randomUUID } from 'node:crypto';
import { BlobExistsError, FixedClock } from '@agentic-memory/memory-core';
import { CreateBucketCommand, PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateQueueCommand, SQSClient } from '@aws-sdk/client-sqs';
import { S3BlobStore } from '../src/aws';
import {
  type AwsCredentials,
  AwsServiceError,
  LiteAwsClient,
  LiteS3BlobStore,
  LiteSecretsManagerSecrets,
  LiteSqsQueue,
} from '../src/aws-lite';
import { parseXml, xmlChildText } from '../src/aws-lite/xml';
import { type MotoServer, startMoto } from '../testing/moto';
import { describeBlobStoreContract } from './contract/blob-store-contract';
import { CONTRACT_NOW } from './contract/memory-store-contract';
import { describeQueueContract } from './contract/queue-contract';
import { sqsQueueHarness } from './contract/sqs-harness';

const REGION = 'us-east-1';

/**
 * Two moto servers: a plain one, and one that authenticates every request after the first three
 * (IAM access keys; the SigV4 signature recomputed by botocore), where those three create the IAM
 * user whose keys the signature-checked tests use. moto rebuilds the URL it checks a signature
 * against from a decoded path and query (`%2F`, `%28`… come back unescaped), unlike S3, so S3
 * requests whose path or query hold such characters (every list and delete, keys outside
 * `A-Za-z0-9-._~/`) run against the plain server; the SQS and Secrets Manager suites, whose
 * requests are POSTs to `/`, run signature-checked.
 */
let plain: MotoServer;
let checked: MotoServer;
let keys: AwsCredentials;

async function createIamUser(endpoint: string): Promise<AwsCredentials> {
  const bootstrap = new LiteAwsClient({
    region: REGION,
    endpoint,
    credentials: { accessKeyId: 'AKIABOOTSTRAP0000000', secretAccessKey: 'x' },
  });
  const iam = async (params: Record<string, string>) => {
    const res = await bootstrap.send({
      service: 'iam',
      method: 'POST',
      url: `${endpoint}/`,
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: Buffer.from(new URLSearchParams({ ...params, Version: '2010-05-08' }).toString(), 'utf8'),
    });
    return parseXml(Buffer.from(res.body).toString('utf8'));
  };
  await iam({ Action: 'CreateUser', UserName: 'lite-adapters' });
  const created = await iam({ Action: 'CreateAccessKey', UserName: 'lite-adapters' });
  const key = created.children.find((c) => c.name === 'CreateAccessKeyResult')?.children.find((c) => c.name === 'AccessKey');
  const accessKeyId = key && xmlChildText(key, 'AccessKeyId');
  const secretAccessKey = key && xmlChildText(key, 'SecretAccessKey');
  if (!accessKeyId || !secretAccessKey) throw new Error('moto did not return an access key');
  const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  await iam({ Action: 'PutUserPolicy', UserName: 'lite-adapters', PolicyName: 'all', PolicyDocument: JSON.stringify(policy) });
  return { accessKeyId, secretAccessKey };
}

const sdkConfig = (endpoint: string, credentials: AwsCredentials) => ({ endpoint, region: REGION, credentials });
const lite = (endpoint: string, credentials: AwsCredentials) => new LiteAwsClient({ region: REGION, endpoint, credentials });
const TESTING: AwsCredentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const text = (bytes: Uint8Array | undefined) => Buffer.from(bytes ?? new Uint8Array()).toString('utf8');

async function versionedBucket(s3: S3Client): Promise<string> {
  const bucket = `am-lite-${randomUUID().slice(0, 8)}`;
  await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  return bucket;
}

describe('lightweight AWS adapters on moto_server', () => {
  beforeAll(async () => {
    [plain, checked] = await Promise.all([startMoto(), startMoto({ authenticateAfter: 3 })]);
    keys = await createIamUser(checked.endpoint);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([plain?.stop(), checked?.stop()]);
  });

  describeBlobStoreContract('LiteS3BlobStore', async () => {
    const bucket = await versionedBucket(new S3Client({ ...sdkConfig(plain.endpoint, TESTING), forcePathStyle: true }));
    return { store: new LiteS3BlobStore(lite(plain.endpoint, TESTING), bucket), close: async () => undefined };
  });

  describe('LiteS3BlobStore beyond the contract', () => {
    let sdk: S3Client;
    beforeAll(() => {
      sdk = new S3Client({ ...sdkConfig(plain.endpoint, TESTING), forcePathStyle: true });
    });

    it('round-trips keys with every character the key rule allows (each encoded once in the path)', async () => {
      const store = new LiteS3BlobStore(lite(plain.endpoint, TESTING), await versionedBucket(sdk));
      const odd = ["raw/x/a!b_c.d*e'f(g)h=i:j+k@l-m", 'raw/x/(1)', 'raw/x/a+b', 'raw/x/=:@'];
      for (const key of odd) await store.put(key, key, { contentType: 'text/plain' });
      for (const key of odd) expect(text((await store.get(key))?.body)).toBe(key);
      expect(await store.list('raw/x/')).toEqual([...odd].sort());
      expect(await store.list("raw/x/a!b_c.d*e'f(")).toEqual([odd[0]]);
      await store.putIfAbsent('done/a+b=(c)', 'first');
      await expect(store.putIfAbsent('done/a+b=(c)', 'second')).rejects.toBeInstanceOf(BlobExistsError);
      for (const key of odd) expect(await store.delete(key)).toBe(1);
      expect(await store.list('raw/')).toEqual([]);
    });

    it('reads and writes the same objects as the SDK adapter (content type, bytes, versions)', async () => {
      const bucket = await versionedBucket(sdk);
      const viaSdk = new S3BlobStore(sdk, bucket);
      const viaLite = new LiteS3BlobStore(lite(plain.endpoint, TESTING), bucket);
      const bytes = new Uint8Array([0, 1, 2, 253, 254, 255]);
      await viaSdk.put('snap/k', bytes, { contentType: 'application/octet-stream' });
      expect(await viaLite.get('snap/k')).toEqual({ body: bytes, contentType: 'application/octet-stream', etag: expect.any(String) });
      await viaLite.put('snap/k', '{"v":2}', { contentType: 'application/json' });
      await viaLite.put('snap/plain', 'no type given');
      expect(text((await viaSdk.get('snap/k'))?.body)).toBe('{"v":2}');
      expect((await viaLite.get('snap/plain'))?.contentType).toBe((await viaSdk.get('snap/plain'))?.contentType ?? null);
      await viaSdk.put('snap/k', 'v3');
      // Three versions of snap/k (two by the SDK, one by the lite store): all removed.
      expect(await viaLite.delete('snap/k')).toBe(3);
      expect(await viaSdk.get('snap/k')).toBeNull();
      expect(await viaSdk.list('snap/')).toEqual(['snap/plain']);
    });

    it('answers null only for an absent key: a missing bucket is an error', async () => {
      const store = new LiteS3BlobStore(lite(plain.endpoint, TESTING), `am-missing-${randomUUID().slice(0, 8)}`);
      await expect(store.get('snap/k')).rejects.toMatchObject({ name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 } });
    });

    it('honours abort signals: an aborted read rejects, an aborted write writes nothing', async () => {
      const store = new LiteS3BlobStore(lite(plain.endpoint, TESTING), await versionedBucket(sdk));
      const aborted = AbortSignal.abort();
      await expect(store.get('snap/k', aborted)).rejects.toMatchObject({ name: 'AbortError' });
      await expect(store.put('snap/k', 'v', { signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });
      await expect(store.putIfAbsent('snap/k', 'v', { signal: aborted })).rejects.toMatchObject({ name: 'AbortError' });
      await expect(store.list('snap/', aborted)).rejects.toMatchObject({ name: 'AbortError' });
      await expect(store.delete('snap/k', aborted)).rejects.toMatchObject({ name: 'AbortError' });
      expect(await store.get('snap/k')).toBeNull();
    });

    it('is accepted by a server that checks SigV4 signatures, and refused with a wrong secret or an unknown key', async () => {
      const bucket = await versionedBucket(new S3Client({ ...sdkConfig(checked.endpoint, keys), forcePathStyle: true }));
      const store = new LiteS3BlobStore(lite(checked.endpoint, keys), bucket);
      await store.put('snap/k', 'signed', { contentType: 'text/plain' });
      expect(await store.get('snap/k')).toEqual({
        body: new Uint8Array(Buffer.from('signed')),
        contentType: 'text/plain',
        etag: expect.any(String),
      });
      await store.putIfAbsent('done/k', 'once');
      await expect(store.putIfAbsent('done/k', 'twice')).rejects.toBeInstanceOf(BlobExistsError);
      expect(await store.get('snap/missing')).toBeNull();
      expect(await store.list('')).toEqual(['done/k', 'snap/k']);
      const wrongSecret = new LiteS3BlobStore(lite(checked.endpoint, { ...keys, secretAccessKey: `${keys.secretAccessKey}x` }), bucket);
      await expect(wrongSecret.get('snap/k')).rejects.toMatchObject({ name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } });
      const unknownKey = new LiteS3BlobStore(lite(checked.endpoint, { accessKeyId: 'AKIAUNKNOWN000000000', secretAccessKey: 'x' }), bucket);
      await expect(unknownKey.get('snap/k')).rejects.toMatchObject({ name: 'InvalidAccessKeyId' });
    });
  });

  describeQueueContract('LiteSqsQueue (FIFO, signatures checked)', () =>
    sqsQueueHarness(
      new SQSClient(sdkConfig(checked.endpoint, keys)),
      'am-lite',
      (url, dlq) => new LiteSqsQueue(lite(checked.endpoint, keys), url, 30_000, dlq),
    ),
  );

  describe('LiteSqsQueue beyond the contract', () => {
    it('names SQS’s errors: a missing queue, a wrong signature', async () => {
      const sqs = new SQSClient(sdkConfig(checked.endpoint, keys));
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({ QueueName: `am-lite-${randomUUID().slice(0, 8)}.fifo`, Attributes: { FifoQueue: 'true' } }),
      );
      const request = { body: '{}', groupId: 'g', deduplicationId: 'd' };
      await expect(new LiteSqsQueue(lite(checked.endpoint, keys), `${QueueUrl}-gone.fifo`).send(request)).rejects.toMatchObject({
        name: 'QueueDoesNotExist',
      });
      const wrong = new LiteSqsQueue(lite(checked.endpoint, { ...keys, secretAccessKey: 'wrong' }), QueueUrl as string);
      await expect(wrong.send(request)).rejects.toBeInstanceOf(AwsServiceError);
      await expect(wrong.send(request)).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
      // Nothing was queued by the refused sends.
      expect(await new LiteSqsQueue(lite(checked.endpoint, keys), QueueUrl as string).receive({ max: 10 })).toEqual([]);
    });

    it('carries bodies of any Unicode text byte for byte (MD5 checked both ways)', async () => {
      const sqs = new SQSClient(sdkConfig(checked.endpoint, keys));
      const { QueueUrl } = await sqs.send(
        new CreateQueueCommand({ QueueName: `am-lite-${randomUUID().slice(0, 8)}.fifo`, Attributes: { FifoQueue: 'true' } }),
      );
      const queue = new LiteSqsQueue(lite(checked.endpoint, keys), QueueUrl as string);
      const body = JSON.stringify({ text: 'Grüße, 你好, 👋 — "quoted" \\ back', n: 1 });
      await queue.send({ body, groupId: 'caller-1', deduplicationId: 'u1' });
      const [got] = await queue.receive({ max: 1 });
      expect(got).toMatchObject({ body, groupId: 'caller-1', deduplicationId: 'u1', receiveCount: 1 });
      expect(got?.sentAt).toBeGreaterThan(0);
    });
  });

  describe('LiteSecretsManagerSecrets (signatures checked)', () => {
    let sm: SecretsManagerClient;
    beforeAll(() => {
      sm = new SecretsManagerClient(sdkConfig(checked.endpoint, keys));
    });
    const create = async (value: string) => {
      const name = `agentic-memory/lite-${randomUUID().slice(0, 8)}`;
      await sm.send(new CreateSecretCommand({ Name: name, SecretString: value }));
      return name;
    };

    it('reads the environment secret’s JSON keys, serves them from cache, refreshes on demand', async () => {
      const name = await create(
        JSON.stringify({ ELEVENLABS_WORKSPACE_KEY: 'one', CALLER_ID_PEPPER: 'pepper-0123456789abcdef', NOT_OURS: 'x' }),
      );
      const clock = new FixedClock(CONTRACT_NOW);
      const secrets = new LiteSecretsManagerSecrets(lite(checked.endpoint, keys), name, clock);
      await secrets.prefetch();
      expect(await secrets.get('ELEVENLABS_WORKSPACE_KEY')).toBe('one');
      expect(await secrets.get('CALLER_ID_PEPPER')).toBe('pepper-0123456789abcdef');
      expect(await secrets.get('ADMIN_API_KEY')).toBeNull();
      await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: JSON.stringify({ ELEVENLABS_WORKSPACE_KEY: 'two' }) }));
      clock.advance(60_000);
      expect(await secrets.get('ELEVENLABS_WORKSPACE_KEY')).toBe('one');
      await secrets.refresh();
      expect(await secrets.get('ELEVENLABS_WORKSPACE_KEY')).toBe('two');
      expect(await secrets.get('CALLER_ID_PEPPER')).toBeNull();
    });

    it('past the max age serves the cached value at once and refreshes in the background', async () => {
      const name = await create(JSON.stringify({ ADMIN_API_KEY: 'old' }));
      const clock = new FixedClock(CONTRACT_NOW);
      const secrets = new LiteSecretsManagerSecrets(lite(checked.endpoint, keys), name, clock);
      await secrets.prefetch();
      await sm.send(new PutSecretValueCommand({ SecretId: name, SecretString: JSON.stringify({ ADMIN_API_KEY: 'new' }) }));
      clock.advance(5 * 60_000 + 1);
      expect(await secrets.get('ADMIN_API_KEY')).toBe('old');
      const deadline = Date.now() + 5000;
      while ((await secrets.get('ADMIN_API_KEY')) !== 'new' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(await secrets.get('ADMIN_API_KEY')).toBe('new');
    });

    it('fails clearly for a missing secret, a secret that is not a JSON object, and a refused signature', async () => {
      const client = lite(checked.endpoint, keys);
      await expect(new LiteSecretsManagerSecrets(client, 'agentic-memory/missing', new FixedClock(0)).prefetch()).rejects.toMatchObject({
        name: 'ResourceNotFoundException',
      });
      const notJson = await create('plain text');
      await expect(new LiteSecretsManagerSecrets(client, notJson, new FixedClock(0)).get('ADMIN_API_KEY')).rejects.toThrow(
        /not a JSON object/,
      );
      const list = await create('["a"]');
      await expect(new LiteSecretsManagerSecrets(client, list, new FixedClock(0)).prefetch()).rejects.toThrow(/not a JSON object/);
      const wrong = lite(checked.endpoint, { ...keys, secretAccessKey: 'wrong' });
      await expect(new LiteSecretsManagerSecrets(wrong, notJson, new FixedClock(0)).prefetch()).rejects.toMatchObject({
        $metadata: { httpStatusCode: 403 },
      });
    });
  });
});
