/** @requires-tool moto_server */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients, S3BlobStore } from '@agentic-memory/provider-adapters/aws';
import { Mem0ContractServer } from '@agentic-memory/provider-adapters/testing/mem0';
import { type MotoServer, motoAwsEnv, startMoto } from '@agentic-memory/provider-adapters/testing/moto';
import { runScript } from './run-script';

/**
 * `pnpm demo` in the two backend combinations the other suites do not run: the embedded ports with
 * the Mem0 store (the loopback contract server), and AWS on moto with the SQLite store and local
 * secrets. (Embedded + SQLite and AWS + Secrets Manager + Mem0 run in demo-and-shapes and e2e-aws.)
 */
const demo = (env: Record<string, string>) =>
  runScript(
    'demo.ts',
    [],
    { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '1', POWERTOOLS_LOG_LEVEL: 'SILENT', ...env },
    90_000,
  );

describe('pnpm demo on the embedded ports with MEMORY_STORE=mem0', () => {
  it('greets the caller by name with memories kept in Mem0', async () => {
    const mem0 = new Mem0ContractServer('m0-demo-key');
    const host = await mem0.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'am-demo-mem0-'));
    try {
      const run = await demo({ DATA_DIR: dataDir, MEMORY_STORE: 'mem0', MEM0_HOST: host, MEM0_API_KEY: 'm0-demo-key' });
      expect(run.status).toBe(0);
      expect(run.out).toContain('First message: Hello Maya Okafor!');
      expect(mem0.memories.length).toBeGreaterThan(0);
      expect(mem0.memories.every((m) => /^[0-9a-f]{64}$/.test(m.user_id ?? ''))).toBe(true);
    } finally {
      await mem0.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 100_000);
});

describe('pnpm demo on AWS (moto) with the SQLite store and local secrets', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
  }, 60_000);
  afterAll(() => moto.stop());

  it('greets the caller by name; S3 holds the raw payload, the marker and the snapshot under caller keys', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'am-demo-moto-'));
    try {
      const run = await demo({
        DATA_DIR: dataDir,
        ...motoAwsEnv(moto),
        BLOB_BUCKET: 'am-demo',
        INGEST_QUEUE_NAME: 'am-demo.fifo',
      });
      expect(run.status).toBe(0);
      expect(run.out).toContain('First message: Hello Maya Okafor!');
      const keys = await new S3BlobStore(createAwsClients({ endpoint: moto.endpoint, region: 'us-east-1' }).s3, 'am-demo').list('');
      expect(keys.some((k) => k.startsWith('raw/elevenlabs/'))).toBe(true);
      expect(keys.some((k) => k.startsWith('done/elevenlabs/'))).toBe(true);
      expect(keys.some((k) => /^snapshots\/[0-9a-f]{64}\//.test(k))).toBe(true);
      expect(keys.join('\n')).not.toMatch(/555010/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 100_000);
});
