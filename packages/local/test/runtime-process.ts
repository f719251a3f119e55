import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@agentic-memory/function-kit/testing';
import type { SecretName } from '@agentic-memory/memory-core';
import { ROOT, withTestHarnessEnv } from './run-script';

/**
 * `pnpm start` as its own process, for the fault tests: started on a data folder, killed with
 * SIGKILL (no shutdown of any kind), started again on the same folder and port.
 */
export class RuntimeProcess {
  private child: ChildProcess | null = null;
  private output = '';
  readonly url: string;

  private constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts `pnpm start` with `env` (DATA_DIR required) on a free port; resolves once it serves. */
  static async start(env: NodeJS.ProcessEnv): Promise<RuntimeProcess> {
    if (!env.DATA_DIR) throw new Error('RuntimeProcess needs DATA_DIR');
    const runtime = new RuntimeProcess(env, await freePort());
    await runtime.restart();
    return runtime;
  }

  /** The secrets the runtime uses (generated into DATA_DIR/secrets.json on first start, or from env). */
  secret(name: SecretName): string {
    const fromEnv = this.env[name];
    if (fromEnv) return fromEnv;
    const file = JSON.parse(readFileSync(join(this.env.DATA_DIR as string, 'secrets.json'), 'utf8')) as Record<string, string>;
    const value = file[name];
    if (!value) throw new Error(`${name} is not in ${this.env.DATA_DIR}/secrets.json`);
    return value;
  }

  /** Starts the process again (same data folder and port); resolves once the start-up screen is out. */
  async restart(timeoutMs = 60_000): Promise<number> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) throw new Error('the runtime is still running');
    const started = Date.now();
    this.output = '';
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'packages', 'local', 'src', 'start.ts')], {
      cwd: ROOT,
      env: withTestHarnessEnv({
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        POWERTOOLS_LOG_LEVEL: 'WARN',
        METRICS_SUMMARY_SECONDS: '0',
        ...this.env,
        PORT: String(this.port),
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (c: Buffer) => {
      this.output += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      this.output += c.toString();
    });
    while (!this.output.includes('Ctrl-C stops the runtime')) {
      if (Date.now() - started > timeoutMs || child.exitCode !== null) {
        throw new Error(`the runtime did not start:\n${this.output.slice(-4000)}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return Date.now() - started;
  }

  /** kill -9: the process gets no chance to finish, acknowledge or close anything. */
  kill9(): Promise<void> {
    return this.signal('SIGKILL');
  }

  /** A graceful stop (SIGTERM). */
  stop(): Promise<void> {
    return this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill(signal);
    await exited;
  }

  /** What the process printed since its last start (for failure messages). */
  get log(): string {
    return this.output;
  }
}
