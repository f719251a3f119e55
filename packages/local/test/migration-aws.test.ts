/** @requires-tool moto_server */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobKeys } from '@agentic-memory/function-kit';
import { callerKey, type ProfileSnapshot } from '@agentic-memory/memory-core';
import { createAwsClients, S3BlobStore } from '@agentic-memory/provider-adapters/aws';
import { Mem0ContractServer } from '@agentic-memory/provider-adapters/testing/mem0';
import { type MotoServer, motoAwsEnv, startMoto } from '@agentic-memory/provider-adapters/testing/moto';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { MEM0_KEY, migrate, seedMemory } from './migration-support';
import { ROOT } from './run-script';

describe('the backfill into S3 with the pepper from Secrets Manager (as against a deployed stack)', () => {
  const mem0 = new Mem0ContractServer(MEM0_KEY);
  const dataDir = mkdtempSync(join(tmpdir(), 'am-migrate-aws-'));
  let moto: MotoServer;

  beforeAll(async () => {
    moto = await startMoto();
    mem0.memories.push(seedMemory('+15550100123', 'Name is Maya Okafor', 3, { type: 'factual' }));
    const clients = createAwsClients({ endpoint: moto.endpoint, region: 'us-east-1' });
    await clients.secretsManager.send(
      new CreateSecretCommand({
        Name: 'agentic-memory/migrate',
        SecretString: JSON.stringify({ CALLER_ID_PEPPER: 'pepper-from-secrets-manager', MEM0_API_KEY: MEM0_KEY }),
      }),
    );
  }, 60_000);

  afterAll(async () => {
    await mem0.stop();
    await moto.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the snapshot under the caller key the deployed functions compute', async () => {
    const configDir = join(dataDir, 'config');
    cpSync(join(ROOT, 'config'), configDir, { recursive: true });
    const seedEnv = join(dataDir, 'seed.env');
    writeFileSync(seedEnv, 'MEM0_SEARCH_LIMIT=3\n');
    expect((await migrate(['config', '--from', seedEnv, '--config-dir', configDir, '--env', 'local', '--force'], {})).status).toBe(0);
    const run = await migrate(['backfill', '--rate', '200'], {
      ...motoAwsEnv(moto),
      SECRET_NAME: 'agentic-memory/migrate',
      BLOB_BUCKET: 'am-migrate',
      INGEST_QUEUE_NAME: 'am-migrate.fifo',
      MEMORY_STORE: 'mem0',
      MEM0_HOST: await mem0.start(),
      DATA_DIR: dataDir,
      AGENTIC_MEMORY_CONFIG_DIR: configDir,
    });
    expect(run.out).toContain('1 users (0 done by an earlier run), 1 memories read, wrote 1 snapshots');
    expect(run.out).toContain('snapshots: s3://am-migrate');
    const s3 = new S3BlobStore(createAwsClients({ endpoint: moto.endpoint, region: 'us-east-1' }).s3, 'am-migrate');
    const blob = await s3.get(BlobKeys.snapshot(callerKey('pepper-from-secrets-manager', '+15550100123'), 'elevenlabs_migrated'));
    expect((JSON.parse(Buffer.from(blob?.body ?? '').toString('utf8')) as ProfileSnapshot).fields.name).toBe('Maya Okafor');
  }, 120_000);
});
