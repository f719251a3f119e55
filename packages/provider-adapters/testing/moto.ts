import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from './network';

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

/** The environment that points the runtime's AWS backend at this moto_server (test credentials). */
export function motoAwsEnv(moto: MotoServer): Record<string, string> {
  return {
    AWS_BACKEND: 'aws',
    AWS_ENDPOINT_URL: moto.endpoint,
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_REGION: 'us-east-1',
  };
}

export interface MotoOptions {
  /**
   * Requests served before moto starts authenticating every request (IAM access keys, and SigV4
   * signatures recomputed with botocore): moto's `INITIAL_NO_AUTH_ACTION_COUNT`. Unset: never.
   */
  readonly authenticateAfter?: number;
}

/** Starts moto_server on a free loopback port; `stop()` kills it by PID and waits for the exit. */
export async function startMoto(options: MotoOptions = {}): Promise<MotoServer> {
  const port = await freePort();
  const env =
    options.authenticateAfter === undefined
      ? process.env
      : { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: String(options.authenticateAfter) };
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore', env });
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const res = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1000) });
      if (res.status < 500) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null) throw new Error(`moto_server exited with ${child.exitCode}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('moto_server did not start within 20 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  process.env.AWS_ACCESS_KEY_ID ??= 'testing';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
  process.env.AWS_REGION ??= 'us-east-1';
  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

export { freePort };
