/**
 * Does watching cost the callers anything? Call start over HTTP at 50 connections with the
 * dashboard closed, then open in headless Chromium (signed in, Live tab, polling the live metrics
 * every 10 s, the calls list when calls change and once a minute, charts redrawn), alternating A B B A A B … so drift on
 * the shared machine falls on both sides. `pnpm start` in its own process on loopback, metrics on
 * (the dashboard is fed by the EMF lines), autocannon from this process, the browser driven from
 * another (dashboard-viewer.ts) so it never delays the load generator's clock; bounded request counts.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFixtureBytes } from '@agentic-memory/fixtures';
import { waitForQueueDrain, waitUntil } from '@agentic-memory/function-kit/testing';
import { signElevenLabs } from '@agentic-memory/provider-adapters';
import autocannon from 'autocannon';
import { chromiumPath, startRuntimeProcess } from '../../testing/dashboard-browser';
import type { BenchReport } from './report';

export interface DashboardBenchOptions {
  /** Pairs of runs (one closed, one open); the median p99 of each side is reported. @default 3 */
  readonly rounds?: number;
  /** Seconds per run: long enough for several of the page's polls (live metrics every 10 s). @default 20 */
  readonly seconds?: number;
  readonly connections?: number;
}

/** CPU time (user + system, ms) the processes used so far, from /proc (Linux); 0 for one that is gone. */
function cpuMs(pids: readonly number[]): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * tick;
    } catch {
      // exited
    }
  }
  return total;
}

/** A process and every process under it (the viewer: its Node process and Chromium's). */
function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // exited
    }
  }
  const under = (pid: number, ancestor: number): boolean => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === ancestor) return true;
    return false;
  };
  return [...parent.keys()].filter((pid) => pid === root || under(pid, root));
}

interface Viewer {
  readonly pid: number;
  /** Closes the page and the browser; resolves with the paths the page requested since it was ready. */
  close(): Promise<Record<string, number>>;
}

/** The dashboard open in Chromium, driven from its own process (dashboard-viewer.ts), signed in and drawing. */
async function openViewer(root: string, url: string, adminKey: string): Promise<Viewer> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'packages', 'local', 'scripts', 'bench', 'dashboard-viewer.ts'), url],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.stdin.write(`${adminKey}\n`);
  await waitUntil('the dashboard to be open and drawing', () => out.includes('ready\n') || child.exitCode !== null, 90_000);
  if (child.exitCode !== null) throw new Error(`the dashboard viewer exited: ${out}`);
  return {
    pid: child.pid as number,
    async close() {
      child.stdin.end();
      const code = await exited;
      if (code !== 0) throw new Error(`the dashboard viewer exited with ${code}: ${out}`);
      return JSON.parse(out.slice(out.indexOf('ready\n') + 'ready\n'.length).trim()) as Record<string, number>;
    },
  };
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
  let viewer: Viewer | null = null;
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

    /** One run: p99, requests served, the runtime's CPU per 1,000 call starts, the viewer's CPU. */
    const measure = async (viewer: Viewer | null) => {
      const runtimeBefore = cpuMs([runtime.child.pid as number]);
      const viewerBefore = viewer ? cpuMs(processTree(viewer.pid)) : 0;
      const started = performance.now();
      const run = await load();
      const elapsed = (performance.now() - started) / 1000;
      const runtimeCpu = cpuMs([runtime.child.pid as number]) - runtimeBefore;
      const viewerCpu = viewer ? cpuMs(processTree(viewer.pid)) - viewerBefore : 0;
      return { ...run, runtimeCpuPer1000: (runtimeCpu / run.requests) * 1000, viewerCores: viewerCpu / 1000 / elapsed };
    };

    const closed: Awaited<ReturnType<typeof measure>>[] = [];
    const open: Awaited<ReturnType<typeof measure>>[] = [];
    const requested = new Map<string, number>();
    for (let i = 0; i < rounds * 2; i += 1) {
      // A B B A A B …
      const withDashboard = i % 4 === 1 || i % 4 === 2;
      if (!withDashboard) {
        closed.push(await measure(null));
        continue;
      }
      viewer = await openViewer(root, runtime.url, secrets.ADMIN_API_KEY ?? '');
      open.push(await measure(viewer));
      const seen = await viewer.close();
      viewer = null;
      for (const [path, n] of Object.entries(seen)) requested.set(path, (requested.get(path) ?? 0) + n);
    }
    const sent = [...closed, ...open].reduce((n, r) => n + r.requests, 0);
    const method = `median of ${rounds} runs of ${seconds} s of POST /client-data (${sent.toLocaleString('en')} in all), autocannon, ${connections} connections, returning caller, loopback, runtime in its own process with metrics on; runs alternate closed/open (A B B A …), 2 cores shared with the load generator and Chromium`;
    const p99Closed = median(closed.map((r) => r.p99));
    const p99Open = median(open.map((r) => r.p99));
    report.record(`conversation_start.http_p99_ms.c${connections}.dashboard_closed`, p99Closed, `${method}; no browser`);
    report.record(
      `conversation_start.http_p99_ms.c${connections}.dashboard_open`,
      p99Open,
      `${method}; /dashboard open in headless Chromium, signed in, Live tab polling (requested during the open runs: ${[...requested].map(([path, n]) => `${path} ×${n}`).join(', ') || 'nothing'})`,
    );
    report.record(
      `conversation_start.dashboard_open_p99_change_pct.c${connections}`,
      ((p99Open - p99Closed) / p99Closed) * 100,
      `(open − closed) / closed; the runs: closed ${closed.map((r) => r.p99).join(', ')} ms, open ${open.map((r) => r.p99).join(', ')} ms`,
    );
    const perThousand = (runs: typeof closed) => median(runs.map((r) => r.runtimeCpuPer1000));
    report.record(
      `conversation_start.runtime_cpu_ms_per_1000.c${connections}.dashboard_closed`,
      perThousand(closed),
      "the runtime process's CPU time (user + system, /proc) per 1,000 call starts served, median of the closed runs: less sensitive than p99 to other work on the machine",
    );
    report.record(
      `conversation_start.runtime_cpu_ms_per_1000.c${connections}.dashboard_open`,
      perThousand(open),
      'same, open runs (the polls served by the runtime included)',
    );
    report.record(
      'dashboard.viewer_cores_while_polling',
      median(open.map((r) => r.viewerCores)),
      "the viewer's CPU time (Chromium's processes and the Node process driving it) per second of an open run, in cores: what watching takes from the 2 cores",
    );
  } finally {
    await viewer?.close().catch(() => undefined);
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
