/** @requires-tool moto_server */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callerKey } from '@agentic-memory/memory-core';
import { createAwsClients, S3BlobStore } from '@agentic-memory/provider-adapters/aws';
import { Mem0ContractServer } from '@agentic-memory/provider-adapters/testing/mem0';
import { freePort, type MotoServer, motoAwsEnv, startMoto } from '@agentic-memory/provider-adapters/testing/moto';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';

/**
 * `pnpm start` on real APIs: S3, SQS FIFO and Secrets Manager on moto_server, the memory store on
 * the loopback Mem0 contract server; then `pnpm demo` against it.
 */
const ROOT = join(__dirname, '..', '..', '..');
const PEPPER = 'pepper-e2e-0123456789abcdef';

function run(script: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'packages', 'local', 'src', script)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('pnpm start with AWS_BACKEND=aws and MEMORY_STORE=mem0, then pnpm demo', () => {
  let moto: MotoServer;
  let mem0: Mem0ContractServer;
  let runtime: ChildProcess;
  let env: NodeJS.ProcessEnv;
  let dataDir: string;
  let output = '';

  beforeAll(async () => {
    moto = await startMoto();
    mem0 = new Mem0ContractServer('m0-e2e-key');
    const mem0Host = await mem0.start();
    const clients = createAwsClients({ endpoint: moto.endpoint, region: 'us-east-1' });
    await clients.secretsManager.send(
      new CreateSecretCommand({
        Name: 'agentic-memory/e2e',
        SecretString: JSON.stringify({
          ELEVENLABS_WORKSPACE_KEY: 'ws-e2e-0123456789',
          ELEVENLABS_HMAC_KEY: 'hmac-e2e-0123456789',
          CALLER_ID_PEPPER: PEPPER,
          MEM0_API_KEY: 'm0-e2e-key',
        }),
      }),
    );
    dataDir = mkdtempSync(join(tmpdir(), 'am-e2e-aws-'));
    const port = await freePort();
    env = {
      ...process.env,
      ...motoAwsEnv(moto),
      SECRET_NAME: 'agentic-memory/e2e',
      BLOB_BUCKET: 'am-e2e',
      INGEST_QUEUE_NAME: 'am-e2e.fifo',
      MEMORY_STORE: 'mem0',
      MEM0_HOST: mem0Host,
      DATA_DIR: dataDir,
      PORT: String(port),
      POWERTOOLS_LOG_LEVEL: 'WARN',
    };
    runtime = run('start.ts', env);
    runtime.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    runtime.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const deadline = Date.now() + 30_000;
    // Ready once the whole start-up screen is out (its last line), not just its first.
    while (!output.includes('Ctrl-C stops the runtime')) {
      if (Date.now() > deadline || runtime.exitCode !== null) throw new Error(`runtime did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 60_000);

  afterAll(async () => {
    if (runtime && runtime.exitCode === null) {
      const exited = new Promise((r) => runtime.once('exit', r));
      runtime.kill('SIGTERM');
      await exited;
    }
    await mem0?.stop();
    await moto?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('reports the backends it runs on, without printing secret values', () => {
    expect(output).toContain('Secrets Manager agentic-memory/e2e');
    expect(output).toContain('s3://am-e2e');
    expect(output).toContain('am-e2e.fifo');
    expect(output).toContain('Mem0 at http://127.0.0.1:');
    expect(output).not.toContain('hmac-e2e-0123456789');
    expect(output).not.toContain(PEPPER);
  });

  it('runs the demo: greeting by name, memories from Mem0', async () => {
    const demo = run('demo.ts', env);
    let out = '';
    demo.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    demo.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    const code = await new Promise((r) => demo.once('exit', r));
    expect({ code, out }).toMatchObject({ code: 0 });
    expect(out).toContain('First message: Hello Maya Okafor!');
    expect(out).toMatch(/\[2026-10-14 issue\] Issue \(connectivity\)/);
    expect(mem0.calls('/v3/memories/add/').length).toBeGreaterThan(1);
    // The caller, in the ElevenLabs memory space (seed memories without a provider included).
    expect(mem0.calls('/v3/memories/search/')[0]?.body).toMatchObject({
      filters: {
        AND: [
          { user_id: callerKey(PEPPER, '+15550100123') },
          { NOT: [{ metadata: { provider: 'vapi' } }] },
          { NOT: [{ metadata: { provider: 'retell' } }] },
          { NOT: [{ metadata: { provider: 'generic' } }] },
        ],
      },
    });
  }, 60_000);

  it('leaves the raw payload, the done marker and the snapshot in S3 under caller keys only', async () => {
    const s3 = new S3BlobStore(createAwsClients({ endpoint: moto.endpoint, region: 'us-east-1' }).s3, 'am-e2e');
    const key = callerKey(PEPPER, '+15550100123');
    const keys = await s3.list('');
    expect(keys).toEqual(
      expect.arrayContaining([
        'raw/elevenlabs/post_call_transcription/conv_01kfix0support0000000000001',
        'done/elevenlabs/post_call_transcription/conv_01kfix0support0000000000001',
        `snapshots/${key}/elevenlabs_customer_support.json`,
        `callers/${key}/elevenlabs/conv_01kfix0support0000000000001`,
      ]),
    );
    for (const k of keys) expect(k).not.toMatch(/5550100123/);
  });
});
