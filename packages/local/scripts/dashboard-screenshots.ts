/**
 * `pnpm docs:screenshots`: the README's pictures of the dashboard and the caller inspector, taken
 * the way a new user would see them — `pnpm start` on a fresh data folder, `pnpm demo`, then a few
 * minutes of real traffic (call starts, mid-call searches, another caller's post-call webhook, a refused
 * request) so the charts have several minutes to draw — in Debian's headless Chromium through
 * playwright-core, as the browser suite drives it. Writes docs/images/dashboard.png and
 * docs/images/inspector.png. Options: `--minutes N` of traffic (default 3), `--out DIR`.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findWorkspaceRoot } from '@agentic-memory/config';
import { fixturePath } from '@agentic-memory/fixtures';
import { waitForQueueDrain } from '@agentic-memory/function-kit/testing';
import { replayFile } from '../src/replay';
import { launchChromium, type RuntimeProcess, signIn, startRuntimeProcess } from '../testing/dashboard-browser';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '3' }, out: { type: 'string' } } });
const minutes = Number(values.minutes);
if (!Number.isFinite(minutes) || minutes < 0 || minutes > 30) throw new Error('--minutes must be a number from 0 to 30');
const root = findWorkspaceRoot();
const outDir = resolve(values.out ?? join(root, 'docs', 'images'));

function run(script: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages', 'local', 'src', script)], {
      cwd: root,
      env,
      stdio: 'inherit',
    });
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${script} exited with ${code}`))));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function traffic(runtime: RuntimeProcess, untilMs: number): Promise<number> {
  const secrets = runtime.secrets();
  const workspace = { 'content-type': 'application/json', 'x-workspace-key': secrets.ELEVENLABS_WORKSPACE_KEY ?? '' };
  const post = (path: string, body: unknown, headers: Record<string, string> = workspace) =>
    fetch(`${runtime.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) }).then((r) => r.arrayBuffer());
  let sent = 0;
  for (let i = 0; Date.now() < untilMs; i += 1) {
    await post('/client-data', { caller_id: '+15550100123', agent_id: 'agent_01kfixsupport00000000000000' });
    await post(
      '/retrieve',
      { query: i % 2 ? 'how does the caller want to be contacted' : 'what was the last issue' },
      {
        ...workspace,
        'x-caller-id': '+15550100123',
      },
    );
    if (i % 5 === 0) await post('/client-data', { caller_id: `+1555010${String(2000 + (i % 50)).padStart(4, '0')}` });
    if (i % 17 === 0)
      await post('/client-data', { caller_id: '+15550100123' }, { 'content-type': 'application/json', 'x-workspace-key': 'wrong' });
    sent += 3;
    await sleep(400);
  }
  return sent;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'am-screenshots-'));
  const runtime = await startRuntimeProcess(root, dataDir);
  const env = { ...process.env, PORT: String(runtime.port), HOST: '127.0.0.1', DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'ERROR' };
  try {
    await run('demo.ts', env);
    const secret = runtime.secrets().ELEVENLABS_HMAC_KEY ?? '';
    // Another caller's sales call (the long support call would bury the demo call's few memories).
    for (const fixture of ['post-call-transcription-sales.json']) {
      await replayFile(fixturePath(`elevenlabs/${fixture}`), { baseUrl: runtime.url, provider: 'elevenlabs', secret });
    }
    await waitForQueueDrain(
      async () => ((await (await fetch(`${runtime.url}/health`)).json()) as { queue: { live: number; inFlight: number } }).queue,
    );
    console.log(`traffic for ${minutes} min…`);
    const sent = await traffic(runtime, Date.now() + minutes * 60_000);
    console.log(`${sent} requests sent`);

    mkdirSync(outDir, { recursive: true });
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
      await signIn(page, runtime.url, runtime.secrets().ADMIN_API_KEY ?? '');
      await page.locator('#calls-table tbody tr').first().waitFor();
      // A locator, not waitForFunction: the page's CSP forbids the eval a string predicate needs.
      await page.locator('#chart-conversation-start[data-points]:not([data-points="0"])').waitFor({ timeout: 30_000 });
      await page.screenshot({ path: join(outDir, 'dashboard.png'), fullPage: true });

      await page.locator('.tab[data-tab=inspector]').click();
      await page.locator('#lookup-phone').fill('+15550100123');
      await page.locator('#lookup-form button[type=submit]').click();
      await page.locator('#memory-calls .call').first().waitFor();
      await page.locator('#search-query').fill('how does she want to be contacted');
      await page.locator('#search-form button[type=submit]').click();
      await page.locator('#search-results li').first().waitFor();
      await page.setViewportSize({ width: 1440, height: 1500 });
      await page.evaluate('window.scrollTo(0, 0)');
      await page.screenshot({ path: join(outDir, 'inspector.png') });
      console.log(`wrote ${join(outDir, 'dashboard.png')} and ${join(outDir, 'inspector.png')}`);
    } finally {
      await browser.close();
    }
  } finally {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
