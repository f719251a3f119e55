import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Mem0ContractServer } from '@agentic-memory/provider-adapters/testing/mem0';
import { type BundleResult, bundleFunction } from '../src/bundle-function';
import { withTestHarnessEnv } from './run-script';

/** The Lambda bundles, built as the CDK app builds them, run in a fresh Node process. */
const ROOT = join(__dirname, '..', '..', '..');

describe('Lambda bundles', () => {
  let outDir: string;
  const bundles: Record<string, BundleResult> = {};

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'am-bundles-'));
    for (const role of ['conversation-start', 'memory-search', 'webhook-intake', 'ingest-worker'] as const) {
      bundles[role] = await bundleFunction(ROOT, role, outDir);
    }
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('are single ESM files without the unused axios, under 1 MB each', () => {
    for (const bundle of Object.values(bundles)) {
      expect(bundle.bytes).toBeGreaterThan(100_000);
      expect(bundle.bytes).toBeLessThan(1_000_000);
      const inputs = Object.keys(Object.values(bundle.metafile.outputs)[0]?.inputs ?? {});
      expect(inputs.some((p) => p.includes('node_modules/axios/'))).toBe(false);
      expect(inputs.some((p) => p.includes('unused-axios'))).toBe(true);
    }
  });

  async function invoke(
    role: string,
    env: Record<string, string>,
    event: unknown,
  ): Promise<{ status: number | null; stdout: string; stderr: string }> {
    const runner = join(outDir, `run-${role}.mjs`);
    writeFileSync(
      runner,
      `const { handler } = await import(${JSON.stringify(bundles[role]?.file)});\n` +
        `const res = await handler(${JSON.stringify(event)}, { functionName: '${role}', awsRequestId: 'r', getRemainingTimeInMillis: () => 10000 });\n` +
        `console.log('RESULT ' + JSON.stringify(res));\n`,
    );
    const child = spawn(process.execPath, [runner], {
      env: withTestHarnessEnv({
        PATH: process.env.PATH ?? '',
        POWERTOOLS_LOG_LEVEL: 'SILENT',
        POWERTOOLS_METRICS_DISABLED: 'true',
        ...env,
      }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { status, stdout, stderr };
  }

  const startEvent = {
    version: '2.0',
    routeKey: 'POST /client-data',
    rawPath: '/client-data',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'x-workspace-key': 'ws-bundle-test-0123' },
    requestContext: {
      http: { method: 'POST', path: '/client-data' },
      requestId: 'r',
      routeKey: 'POST /client-data',
      stage: '$default',
      timeEpoch: 0,
    },
    body: JSON.stringify({ caller_id: '+15550100123', agent_id: 'agent_01kfixsupport00000000000000' }),
    isBase64Encoded: false,
  };

  it('serve a request from the bundle on embedded ports (fresh process, init at import)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'am-bundle-data-'));
    try {
      const res = await invoke(
        'conversation-start',
        { DATA_DIR: dataDir, ELEVENLABS_WORKSPACE_KEY: 'ws-bundle-test-0123', CALLER_ID_PEPPER: 'pepper-bundle-0123456789' },
        startEvent,
      );
      expect(res.stderr).toBe('');
      const result = JSON.parse(res.stdout.split('RESULT ')[1] ?? '{}') as { statusCode: number; body: string };
      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body).type).toBe('conversation_initiation_client_data');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('talk to Mem0 through the SDK with axios stubbed out', async () => {
    const server = new Mem0ContractServer('m0-bundle-key');
    const host = await server.start();
    const dataDir = mkdtempSync(join(tmpdir(), 'am-bundle-data-'));
    try {
      const event = {
        ...startEvent,
        routeKey: 'POST /retrieve',
        rawPath: '/retrieve',
        body: JSON.stringify({ query: 'router', user_id: '+15550100123' }),
      };
      const res = await invoke(
        'memory-search',
        {
          DATA_DIR: dataDir,
          MEMORY_STORE: 'mem0',
          MEM0_HOST: host,
          MEM0_API_KEY: 'm0-bundle-key',
          ELEVENLABS_WORKSPACE_KEY: 'ws-bundle-test-0123',
          CALLER_ID_PEPPER: 'pepper-bundle-0123456789',
        },
        event,
      );
      const result = JSON.parse(res.stdout.split('RESULT ')[1] ?? '{}') as { statusCode: number };
      expect({ status: result.statusCode, stderr: res.stderr }).toEqual({ status: 200, stderr: '' });
      expect(server.calls('/v3/memories/search/').length).toBe(1);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
