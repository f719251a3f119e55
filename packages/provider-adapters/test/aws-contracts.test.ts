/** @requires-tool moto_server */
import { randomUUID } from 'node:crypto';
import { FixedClock } from '@agentic-memory/memory-core';
import { CreateBucketCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { CreateSecretCommand, PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { type AwsClients, createAwsClients, S3BlobStore, SecretsManagerSecrets, SqsQueue } from '../src/aws';
import { type MotoServer, startMoto } from '../testing/moto';
import { describeBlobStoreContract } from './contract/blob-store-contract';
import { CONTRACT_NOW } from './contract/memory-store-contract';
import { describeQueueContract } from './contract/queue-contract';
import { sqsQueueHarness } from './contract/sqs-harness';

let moto: MotoServer;
let clients: AwsClients;

describe('AWS adapters on moto_server', () => {
  beforeAll(async () => {
    moto = await startMoto();
    clients = createAwsClients({ endpoint: moto.endpoint, region: 'us-east-1' });
  }, 30_000);
  afterAll(async () => {
    await moto?.stop();
  });

  describeBlobStoreContract('S3BlobStore', async () => {
    const bucket = `am-test-${randomUUID().slice(0, 8)}`;
    await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await clients.s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    return { store: new S3BlobStore(clients.s3, bucket), close: async () => undefined };
  });

  describeQueueContract('SqsQueue (FIFO)', () =>
    sqsQueueHarness(clients.sqs, 'am', (url, dlq) => new SqsQueue(clients.sqs, url, 30_000, dlq)),
  );

  describe('SecretsManagerSecrets', () => {
    it('reads the environment secret’s JSON keys, serves them from cache, refreshes on demand', async () => {
      const name = `agentic-memory/test-${randomUUID().slice(0, 8)}`;
      await clients.secretsManager.send(
        new CreateSecretCommand({
          Name: name,
          SecretString: JSON.stringify({ ELEVENLABS_WORKSPACE_KEY: 'one', CALLER_ID_PEPPER: 'pepper-0123456789abcdef', NOT_OURS: 'x' }),
        }),
      );
      const clock = new FixedClock(CONTRACT_NOW);
      const secrets = new SecretsManagerSecrets(clients.secretsManager, name, clock);
      await secrets.prefetch();
      expect(await secrets.get('ELEVENLABS_WORKSPACE_KEY')).toBe('one');
      expect(await secrets.get('ADMIN_API_KEY')).toBeNull();
      await clients.secretsManager.send(
        new PutSecretValueCommand({ SecretId: name, SecretString: JSON.stringify({ ELEVENLABS_WORKSPACE_KEY: 'two' }) }),
      );
      // Cached: still the prefetched value within the max age.
      clock.advance(60_000);
      expect(await secrets.get('ELEVENLABS_WORKSPACE_KEY')).toBe('one');
      await secrets.refresh();
      expect(await secrets.get('ELEVENLABS_WORKSPACE_KEY')).toBe('two');
    });

    it('fails clearly for a missing secret', async () => {
      const secrets = new SecretsManagerSecrets(clients.secretsManager, 'agentic-memory/missing', new FixedClock(CONTRACT_NOW));
      await expect(secrets.prefetch()).rejects.toThrow();
    });
  });
});
