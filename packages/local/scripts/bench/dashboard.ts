/**
 * Does watching cost the callers anything? Call start over HTTP at 50 connections with the
 * dashboard closed, then open in headless Chromium (signed in, Live tab, polling the live metrics
 * every 5 s and the calls list every 10 s, charts redrawn), alternating A B B A A B … so drift on
 * the shared machine falls on both sides. `pnpm start` in its own process on loopback, metrics on
 * (the dashboard is fed by the EMF lines), autocannon from this process, bounded request counts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFixtureBytes } from '@agentic-memory/fixtures';
import { waitForQueueDrain } from '@agentic-memory/function-kit/testing';
import { signElevenLabs } from '@agentic-memory/provider-adapters';
import autocannon from 'autocannon';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launchChromium, signIn, startRuntimeProcess } from '../../testing/dashboard-browser';
import type { BenchReport } from './report';

export interface DashboardBenchOptions {
  /** Pairs of runs (one closed, one open); the median p99 of each side is reported. @default 3 */
  readonly rounds?: number;
  /** Seconds per run: long enough for several of the page's polls (live every 5 s, calls every 10 s). @default 20 */
  readonly seconds?: number;
  readonly connections?: number;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export async function benchDashboard(root: string, report: BenchReport, options: DashboardBenchOptions = {}): Promise<void> {
  const rounds = options.rounds ?? 3;
  const seconds = options.seconds ?? 20;
  const connections = options.connections ?? 50;
  if (!chromiumPath()) {
    report.record(
      'conversation_start.http_p99_ms.c50.dashboard_open',
      null,
      'not measured: chromium not on PATH (apt-get install -y chromium)',
    );
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'am-bench-dashboard-'));
  // The dashboard is fed by the functions' EMF lines: metrics stay on in the runtime, both sides.
  const env = { ...process.env, POWERTOOLS_METRICS_DISABLED: 'false' };
  const runtime = await startRuntimeProcess(root, dataDir, env);
  let browser: Browser | null = null;
  try {
    const secrets = runtime.secrets();
    // A returning caller: ingest the fixture call first.
    const call = Buffer.from(readFixtureBytes('elevenlabs/post-call-transcription.json'));
    const intake = await fetch(`${runtime.url}/post-call`, {
      method: 'POST',
      body: call,
      headers: {
        'content-type': 'application/json',
        'elevenlabs-signature': signElevenLabs(call, secrets.ELEVENLABS_HMAC_KEY ?? '', Date.now() / 1000),
      },
    });
    if (intake.status !== 200) throw new Error(`intake answered ${intake.status}`);
    await waitForQueueDrain(
      async () => ((await (await fetch(`${runtime.url}/health`)).json()) as { queue: { live: number; inFlight: number } }).queue,
    );
    const load = async (duration = seconds) => {
      const result = await autocannon({
        url: `${runtime.url}/client-data`,
        method: 'POST',
        connections,
        duration,
        headers: { 'content-type': 'application/json', 'x-workspace-key': secrets.ELEVENLABS_WORKSPACE_KEY ?? '' },
        body: JSON.stringify({ caller_id: '+15550100123', agent_id: 'agent_01kfixsupport00000000000000' }),
      });
      const errors = result.errors + result.timeouts + result.non2xx;
      if (errors > 0) throw new Error(`${errors} failed call starts under load`);
      return { p99: result.latency.p99, requests: result.requests.total };
    };
    // Warm-up (JIT, caches, the timeline's first minutes), not counted.
    await load(15);

    const closed: number[] = [];
    const open: number[] = [];
    let sent = 0;
    let polling = false;
    let polls = 0;
    for (let i = 0; i < rounds * 2; i += 1) {
      // A B B A A B …
      const withDashboard = i % 4 === 1 || i % 4 === 2;
      if (!withDashboard) {
        const run = await load();
        closed.push(run.p99);
        sent += run.requests;
        continue;
      }
      browser = await launchChromium();
      const page: Page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
      page.on('response', (r) => {
        if (polling && (r.url().includes('/dashboard/api/live') || r.url().includes('/v1/calls')) && r.status() === 200) polls += 1;
      });
      await signIn(page, runtime.url, secrets.ADMIN_API_KEY ?? '');
      // Signed in and drawing: the call-start chart has points (a locator: the page's CSP forbids eval).
      await page.locator('#chart-conversation-start[data-points]:not([data-points="0"])').waitFor({ timeout: 30_000 });
      polling = true;
      const run = await load();
      polling = false;
      open.push(run.p99);
      sent += run.requests;
      await browser.close();
      browser = null;
    }
    const method = `median of ${rounds} runs of ${seconds} s of POST /client-data (${sent.toLocaleString('en')} in all), autocannon, ${connections} connections, returning caller, loopback, runtime in its own process with metrics on; runs alternate closed/open (A B B A …), 2 cores shared with the load generator and Chromium`;
    const p99Closed = median(closed);
    const p99Open = median(open);
    report.record(`conversation_start.http_p99_ms.c${connections}.dashboard_closed`, p99Closed, `${method}; no browser`);
    report.record(
      `conversation_start.http_p99_ms.c${connections}.dashboard_open`,
      p99Open,
      `${method}; /dashboard open in headless Chromium, signed in, Live tab polling (${polls} polls of /dashboard/api/live and /v1/calls answered during the open runs)`,
    );
    report.record(
      `conversation_start.dashboard_open_p99_change_pct.c${connections}`,
      ((p99Open - p99Closed) / p99Closed) * 100,
      `(open − closed) / closed; the runs: closed ${closed.join(', ')} ms, open ${open.join(', ')} ms`,
    );
  } finally {
    await browser?.close();
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
