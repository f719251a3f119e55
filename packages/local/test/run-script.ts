import { join } from 'node:path';
import { runProcess } from '../src/child-process';

export const ROOT = join(__dirname, '..', '..', '..');

/** What every child keeps whatever environment a test gives it: the file-access guard and the hermetic AWS config. */
const INHERITED = ['NODE_OPTIONS', 'AM_FS_GUARD_ROOT', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'] as const;
export function withTestHarnessEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const kept: NodeJS.ProcessEnv = {};
  for (const name of INHERITED) if (process.env[name] !== undefined) kept[name] = process.env[name];
  return { ...kept, ...env };
}

/**
 * Runs a script of `packages/local/src` to completion in a child process (on tsx), asynchronously
 * so that servers in the test's own process (the Mem0 contract server) keep answering. `env` is
 * the child's whole environment. Killed after `timeoutMs`.
 */
export async function runScript(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<{ status: number | null; out: string }> {
  const { status, output } = await runProcess(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'packages', 'local', 'src', script), ...args],
    {
      cwd: ROOT,
      env: withTestHarnessEnv(env),
      timeoutMs,
    },
  );
  return { status, out: output };
}
