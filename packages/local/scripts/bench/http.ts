/**
 * Call start over HTTP under load and the intake's ack: `pnpm start` in its own process on
 * loopback, autocannon from this one (2 cores shared), bounded request counts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFixtureBytes } from '@agentic-memory/fixtures';
import { freePort, TEST_SECRETS, waitForQueueDrain, waitUntil } from '@agentic-memory/function-kit/testing';
import { percentile } from '@agentic-memory/memory-core';
import { signElevenLabs } from '@agentic-memory/provider-adapters';
import autocannon from 'autocannon';
import type { BenchReport } from './report';

const SMALL = readFixtureBytes('elevenlabs/post-call-transcription.json');
const LARGE = readFixtureBytes('elevenlabs/post-call-transcription-long.json');

async function startRuntime(root: string, dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages', 'local', 'src', 'start.ts')], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'SILENT', ...TEST_SECRETS },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  await waitUntil('the runtime to listen', () => out.includes('listening on'), 30_000);
  return { url: `http://127.0.0.1:${port}`, child };
}

function post(url: string, body: Buffer): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/json',
      'elevenlabs-signature': signElevenLabs(body, TEST_SECRETS.ELEVENLABS_HMAC_KEY, Date.now() / 1000),
    },
  });
}

export async function benchHttp(root: string, report: BenchReport): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'am-bench-http-'));
  const { url, child } = await startRuntime(root, dataDir);
  try {
    // A returning caller: ingest the fixture call first.
    await (await post(`${url}/post-call`, SMALL)).arrayBuffer();
    await waitForQueueDrain(
      async () => ((await (await fetch(`${url}/health`)).json()) as { queue: { live: number; inFlight: number } }).queue,
    );
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
      report.record(`conversation_start.http_p50_ms.c${connections}`, result.latency.p50, method);
      report.record(`conversation_start.http_p99_ms.c${connections}`, result.latency.p99, method);
      report.record(`conversation_start.http_rps.c${connections}`, result.requests.average, method);
      report.record(
        `conversation_start.http_errors.c${connections}`,
        result.errors + result.timeouts + result.non2xx,
        `${method}: connection errors + timeouts + non-2xx`,
      );
    }
    for (const [size, payload, count] of [
      ['small', SMALL, 300],
      ['large', LARGE, 100],
    ] as const) {
      const samples: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const t0 = performance.now();
        const res = await post(`${url}/post-call`, payload);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`intake answered ${res.status}`);
        samples.push(performance.now() - t0);
      }
      report.record(
        `intake_ack_p99_ms.${size}`,
        percentile(samples, 99),
        `${count} sequential signed POST /post-call of the ${(payload.byteLength / 1024).toFixed(0)} KB fixture, warm: HMAC + raw payload fsynced to disk + queued (fsynced) + 200`,
      );
      report.record(`intake_ack_p50_ms.${size}`, percentile(samples, 50), 'same, median');
    }
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}
