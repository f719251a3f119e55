/**
 * `pnpm bench`: the numbers that keep the product honest about its latency budget
 * (ARCHITECTURE.md, "What it is"). Prints a table (each figure with its method) and writes
 * bench-results.json at the repository root. Loopback only; every loop is bounded. Not a test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFixtureBytes } from '@agentic-memory/fixtures';
import { createConversationStartHandler } from '@agentic-memory/fn-conversation-start';
import { seedCall, TtlCache } from '@agentic-memory/function-kit';
import { TEST_SECRETS, testContext, testDependencies, testHttpEvent } from '@agentic-memory/function-kit/testing';
import { FixedClock, type MemoryStore } from '@agentic-memory/memory-core';
import { elevenLabsCallRecord, parseElevenLabsPostCall, signElevenLabs } from '@agentic-memory/provider-adapters';
import { Mem0ContractServer } from '@agentic-memory/provider-adapters/testing/mem0';
import autocannon from 'autocannon';
import { bundleFunction } from '../src/bundle-function';
import { percentile } from '../src/replay';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const ROLES = ['conversation-start', 'memory-search', 'webhook-intake', 'ingest-worker', 'insights'] as const;
const COLD_RUNS = 11;
const results: Record<string, number> = {};
const methods: Record<string, string> = {};
const started = Date.now();

function record(key: string, value: number, method: string): void {
  results[key] = Math.round(value * 100) / 100;
  methods[key] = method;
}

const median = (values: number[]) => percentile(values, 50);

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? res(a.port) : rej(new Error('no port'))));
    });
  });
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string; stderr: string; code: number | null }> {
  return new Promise((res) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('exit', (code) => res({ ms: performance.now() - t0, stdout, stderr, code }));
  });
}

const smallBody = readFixtureBytes('elevenlabs/post-call-transcription.json');
const largeBody = readFixtureBytes('elevenlabs/post-call-transcription-long.json');
const secretsEnv = {
  ADMIN_API_KEY: 'admin-bench-0123456789',
  ELEVENLABS_WORKSPACE_KEY: TEST_SECRETS.ELEVENLABS_WORKSPACE_KEY,
  ELEVENLABS_HMAC_KEY: TEST_SECRETS.ELEVENLABS_HMAC_KEY,
  CALLER_ID_PEPPER: TEST_SECRETS.CALLER_ID_PEPPER,
};

function apiEvent(path: string, body: string | Buffer, headers: Record<string, string>) {
  return testHttpEvent({ path, body, headers });
}

function coldEvent(role: (typeof ROLES)[number], conversation: string): unknown {
  const ws = { 'x-workspace-key': TEST_SECRETS.ELEVENLABS_WORKSPACE_KEY };
  if (role === 'conversation-start')
    return apiEvent('/client-data', JSON.stringify({ caller_id: '+15550100123', agent_id: 'agent_01kfixsupport00000000000000' }), ws);
  if (role === 'memory-search') return apiEvent('/retrieve', JSON.stringify({ query: 'router issue', user_id: '+15550100123' }), ws);
  if (role === 'insights') {
    const event = testHttpEvent({
      path: '/v1/users/%2B15550100123/insights',
      method: 'GET',
      headers: { 'x-admin-key': 'admin-bench-0123456789' },
    });
    return event;
  }
  if (role === 'webhook-intake') {
    return apiEvent('/post-call', smallBody, {
      'elevenlabs-signature': signElevenLabs(smallBody, TEST_SECRETS.ELEVENLABS_HMAC_KEY, Date.now() / 1000),
    });
  }
  const message = {
    provider: 'elevenlabs',
    event: 'post_call_transcription',
    conversationId: conversation,
    blobKey: `raw/elevenlabs/post_call_transcription/${conversation}`,
    receivedAt: new Date().toISOString(),
  };
  return {
    Records: [
      {
        messageId: conversation,
        receiptHandle: 'rh',
        body: JSON.stringify(message),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          MessageGroupId: 'g',
          MessageDeduplicationId: conversation,
          SenderId: 'b',
          ApproximateFirstReceiveTimestamp: '0',
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:q.fifo',
        awsRegion: 'us-east-1',
      },
    ],
  };
}

async function benchBundlesAndColdStarts(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'am-bench-bundles-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'am-bench-cold-'));
  try {
    const bundles: Record<string, string> = {};
    for (const role of ROLES) {
      const stubbed = await bundleFunction(ROOT, role, outDir);
      const full = await bundleFunction(ROOT, role, outDir, { stubAxios: false });
      bundles[role] = stubbed.file;
      bundles[`${role}:with-axios`] = full.file;
      record(
        `bundle_kb.${role}`,
        stubbed.bytes / 1024,
        'esbuild with the kit options (ESM, minified, node24, AWS SDK bundled, axios stubbed), bytes/1024',
      );
      record(`bundle_kb_with_axios.${role}`, full.bytes / 1024, 'same, with the real axios that mem0ai imports but never calls');
      const mem0Bytes = Object.values(stubbed.metafile.outputs)
        .flatMap((o) => Object.entries(o.inputs))
        .filter(([path]) => /node_modules\/(?:\.pnpm\/mem0ai@[^/]+\/node_modules\/)?mem0ai\//.test(path))
        .reduce((sum, [, input]) => sum + input.bytesInOutput, 0);
      record(`bundle_kb_mem0ai.${role}`, mem0Bytes / 1024, "mem0ai's share of that bundle (esbuild metafile bytesInOutput), axios stubbed");
    }
    // The daily cost report: its size only (a scheduled job, off every call path; no cold-start figure).
    const costReport = await bundleFunction(ROOT, 'cost-report', outDir);
    record(
      'bundle_kb.cost-report',
      costReport.bytes / 1024,
      'esbuild with the kit options (ESM, minified, node24, AWS SDK bundled, axios stubbed), bytes/1024',
    );
    const baseline: number[] = [];
    for (let i = 0; i < COLD_RUNS; i += 1) baseline.push((await run(['-e', ''], { PATH: process.env.PATH })).ms);
    record('node_baseline_ms', median(baseline), `wall time of a fresh \`node -e ''\`, median of ${COLD_RUNS}`);

    // Stage a raw payload per worker run, so every cold worker really ingests a call.
    const rawDir = join(dataDir, 'blobs', 'raw', 'elevenlabs', 'post_call_transcription');
    mkdirSync(rawDir, { recursive: true });
    const runner = join(outDir, 'cold-runner.mjs');
    writeFileSync(
      runner,
      `const t0 = performance.now();
const { handler } = await import(process.argv[2]);
const t1 = performance.now();
const res = await handler(JSON.parse(process.argv[3]), { functionName: 'bench', awsRequestId: 'r', getRemainingTimeInMillis: () => 10000 });
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstMs: t2 - t1, status: res?.statusCode ?? (res?.batchItemFailures?.length === 0 ? 200 : 500) }));
`,
    );
    for (const role of ROLES) {
      const wall: number[] = [];
      const inProcess: number[] = [];
      for (let i = 0; i < COLD_RUNS; i += 1) {
        const conversation = `conv_bench_${role}_${i}`;
        if (role === 'ingest-worker') writeFileSync(join(rawDir, `${conversation}~`), smallBody);
        const env = {
          PATH: process.env.PATH,
          DATA_DIR: dataDir,
          POWERTOOLS_LOG_LEVEL: 'SILENT',
          POWERTOOLS_METRICS_DISABLED: 'true',
          ...secretsEnv,
        };
        const r = await run([runner, bundles[role] as string, JSON.stringify(coldEvent(role, conversation))], env);
        const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { importMs: number; firstMs: number; status: number };
        if (out.status !== 200) throw new Error(`cold ${role} answered ${out.status}: ${r.stderr.slice(0, 400)}`);
        wall.push(r.ms);
        inProcess.push(out.importMs + out.firstMs);
      }
      record(
        `cold_init_ms.${role}`,
        median(wall),
        `wall time of a fresh node process that imports the bundle and serves one request (embedded ports), median of ${COLD_RUNS}`,
      );
      record(`cold_init_in_process_ms.${role}`, median(inProcess), 'inside that process: bundle import + first request, median');
    }

    // What the Mem0 client costs a cold start: memory-search on MEMORY_STORE=mem0, axios stubbed vs real.
    const server = new Mem0ContractServer('m0-bench');
    const host = await server.start();
    try {
      for (const variant of ['memory-search', 'memory-search:with-axios']) {
        const wall: number[] = [];
        for (let i = 0; i < COLD_RUNS; i += 1) {
          const env = {
            PATH: process.env.PATH,
            DATA_DIR: dataDir,
            POWERTOOLS_LOG_LEVEL: 'SILENT',
            POWERTOOLS_METRICS_DISABLED: 'true',
            MEMORY_STORE: 'mem0',
            MEM0_HOST: host,
            MEM0_API_KEY: 'm0-bench',
            ...secretsEnv,
          };
          const r = await run([runner, bundles[variant] as string, JSON.stringify(coldEvent('memory-search', 'x'))], env);
          const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as { status: number };
          if (out.status !== 200) throw new Error(`cold mem0 ${variant} answered ${out.status}: ${r.stderr.slice(0, 400)}`);
          wall.push(r.ms);
        }
        const key = variant.endsWith('with-axios') ? 'mem0_cold_init_ms.with_axios' : 'mem0_cold_init_ms.axios_stubbed';
        record(
          key,
          median(wall),
          `memory-search bundle on MEMORY_STORE=mem0 (loopback Mem0 contract server), fresh process + one search, median of ${COLD_RUNS}`,
        );
      }
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function startRuntime(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'packages', 'local', 'src', 'start.ts')], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'SILENT', ...secretsEnv },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const deadline = Date.now() + 30_000;
  while (!out.includes('listening on')) {
    if (Date.now() > deadline) throw new Error('runtime did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, child };
}

async function benchHttp(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'am-bench-http-'));
  const { url, child } = await startRuntime(dataDir);
  try {
    // A returning caller: ingest the fixture call first.
    await fetch(`${url}/post-call`, {
      method: 'POST',
      body: smallBody,
      headers: {
        'content-type': 'application/json',
        'elevenlabs-signature': signElevenLabs(smallBody, TEST_SECRETS.ELEVENLABS_HMAC_KEY, Date.now() / 1000),
      },
    });
    for (let i = 0; i < 200; i += 1) {
      const h = (await (await fetch(`${url}/health`)).json()) as { queue: { live: number } };
      if (h.queue.live === 0) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const body = JSON.stringify({ caller_id: '+15550100123', agent_id: 'agent_01kfixsupport00000000000000' });
    for (const connections of [10, 50]) {
      const result = await autocannon({
        url: `${url}/client-data`,
        method: 'POST',
        connections,
        amount: 4000,
        duration: 60,
        headers: { 'content-type': 'application/json', 'x-workspace-key': TEST_SECRETS.ELEVENLABS_WORKSPACE_KEY },
        body,
      });
      const method = `autocannon, ${connections} connections, 4,000 POST /client-data for a returning caller over loopback (runtime in its own process, 2 cores shared with the load generator)`;
      record(`conversation_start.http_p50_ms.c${connections}`, result.latency.p50, method);
      record(`conversation_start.http_p99_ms.c${connections}`, result.latency.p99, method);
      record(`conversation_start.http_rps.c${connections}`, result.requests.average, method);
      record(
        `conversation_start.http_errors.c${connections}`,
        result.errors + result.timeouts + result.non2xx,
        `${method}: connection errors + timeouts + non-2xx`,
      );
    }
    for (const [size, payload, count] of [
      ['small', smallBody, 300],
      ['large', largeBody, 100],
    ] as const) {
      const samples: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const t0 = performance.now();
        const res = await fetch(`${url}/post-call`, {
          method: 'POST',
          body: payload,
          headers: {
            'content-type': 'application/json',
            'elevenlabs-signature': signElevenLabs(payload, TEST_SECRETS.ELEVENLABS_HMAC_KEY, Date.now() / 1000),
          },
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`intake answered ${res.status}`);
        samples.push(performance.now() - t0);
      }
      record(
        `intake_ack_p99_ms.${size}`,
        percentile(samples, 99),
        `${count} sequential signed POST /post-call of the ${(payload.byteLength / 1024).toFixed(0)} KB fixture, warm: HMAC + raw payload fsynced to disk + queued (fsynced) + 200`,
      );
      record(`intake_ack_p50_ms.${size}`, percentile(samples, 50), 'same, median');
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchSnapshotVersusStore(): Promise<void> {
  const deps = testDependencies({ clock: new FixedClock(Date.parse('2026-10-20T00:00:00Z')) });
  try {
    const record0 = elevenLabsCallRecord(parseElevenLabsPostCall(JSON.parse(smallBody.toString('utf8'))));
    const { callerKey } = await seedCall(deps, 'elevenlabs_customer_support', record0);
    const event = () =>
      testHttpEvent({
        path: '/client-data',
        body: JSON.stringify({ caller_id: '+15550100123' }),
        headers: { 'x-workspace-key': TEST_SECRETS.ELEVENLABS_WORKSPACE_KEY },
      });
    // A cache that keeps nothing: every request reads the snapshot.
    const noCache = () => new TtlCache<never>(0);
    const snapshotHandler = createConversationStartHandler(deps, { cache: noCache() });
    const snap: number[] = [];
    for (let i = 0; i < 500; i += 1) {
      const t0 = performance.now();
      const res = await snapshotHandler(event(), testContext('conversation-start'));
      snap.push(performance.now() - t0);
      if (!res.body?.includes('Maya')) throw new Error('snapshot path did not greet the caller');
    }
    record(
      'conversation_start.snapshot_p99_ms',
      percentile(snap, 99),
      '500 handler calls through the Middy stack, in-process, no TTL cache: one snapshot read (disk blob store) per call',
    );
    record('conversation_start.snapshot_p50_ms', percentile(snap, 50), 'same, median');

    await deps.blobStore.delete(`snapshots/${callerKey}/elevenlabs_customer_support.json`);
    const slow: MemoryStore = {
      ...deps.memoryStore,
      add: deps.memoryStore.add.bind(deps.memoryStore),
      search: deps.memoryStore.search.bind(deps.memoryStore),
      deleteUser: deps.memoryStore.deleteUser.bind(deps.memoryStore),
      list: (userId, options) => new Promise((r) => setTimeout(() => r(deps.memoryStore.list(userId, options)), 400)),
    };
    const support = deps.agentTypes.elevenlabs_customer_support;
    if (!support) throw new Error('no support agent type');
    const agentTypes = { ...deps.agentTypes, elevenlabs_customer_support: { ...support, on_snapshot_miss: 'query_store' as const } };
    const storeHandler = createConversationStartHandler({ ...deps, memoryStore: slow, agentTypes }, { cache: noCache() });
    const store: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const t0 = performance.now();
      const res = await storeHandler(event(), testContext('conversation-start'));
      store.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error('store path failed the call');
    }
    record(
      'conversation_start.store_p99_ms',
      percentile(store, 99),
      `40 calls with the snapshot removed, on_snapshot_miss=query_store, the store answering in 400 ms: the ${support.recall_deadline_ms} ms deadline fires and the new-caller reply is served`,
    );
  } finally {
    deps.dispose();
  }
}

async function main(): Promise<void> {
  await benchBundlesAndColdStarts();
  await benchHttp();
  await benchSnapshotVersusStore();
  const out = {
    generated_at: new Date().toISOString(),
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    results,
    methods,
  };
  writeFileSync(join(ROOT, 'bench-results.json'), `${JSON.stringify(out, null, 2)}\n`);
  const width = Math.max(...Object.keys(results).map((k) => k.length));
  console.log(`\nAgentic Memory bench — Node ${process.version}, ${out.cpus} cores, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  for (const [key, value] of Object.entries(results)) console.log(`${key.padEnd(width)}  ${String(value).padStart(9)}  ${methods[key]}`);
  console.log(`\nwritten to ${join(ROOT, 'bench-results.json')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
