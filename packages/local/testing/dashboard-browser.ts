/**
 * What the browser suite, the README screenshots and the dashboard bench share: `pnpm start` in a
 * child process on a fresh data folder, and Debian's headless Chromium driven by playwright-core
 * (`executablePath`: no browser download).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, waitUntil } from '@agentic-memory/function-kit/testing';
import { type Browser, chromium, type Page } from 'playwright-core';

/** The Chromium executable: `CHROMIUM_PATH`, else `chromium` on PATH (Debian's package), else null. */
export function chromiumPath(): string | null {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const found = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('chromium is not on PATH: apt-get install -y chromium');
  // playwright-core registers each browser it runs under $XDG_CACHE_HOME/ms-playwright: the temp
  // folder, not the user's home.
  process.env.XDG_CACHE_HOME = join(tmpdir(), 'agentic-memory-playwright');
  // Root in a container has no user namespace for Chromium's sandbox.
  return chromium.launch({ executablePath, headless: true, chromiumSandbox: false });
}

export interface RuntimeProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** What the runtime printed so far. */
  output(): string;
  /** The generated secrets (`DATA_DIR/secrets.json`). */
  secrets(): Record<string, string>;
  stop(): Promise<void>;
}

/** `pnpm start` (packages/local/src/start.ts) on a free loopback port, in its own process. */
export async function startRuntimeProcess(root: string, dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<RuntimeProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'packages', 'local', 'src', 'start.ts')], {
    cwd: root,
    env: {
      ...process.env,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      METRICS_SUMMARY_SECONDS: '0',
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitUntil('the runtime to listen', () => out.includes('listening on') || child.exitCode !== null, 60_000);
  if (child.exitCode !== null) throw new Error(`pnpm start exited: ${out}`);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    child,
    output: () => out,
    secrets: () => JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Opens the dashboard and signs in with `key` (the page keeps it in sessionStorage). */
export async function signIn(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/dashboard`);
  await page.locator('#admin-key').fill(key);
  await page.locator('#login-form button[type=submit]').click();
}
