import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalRuntime, type RuntimeOptions, startLocalRuntime } from '../src';

/**
 * A local runtime in a fresh data folder for the tests of one `describe`: started before them,
 * stopped (and its folder deleted) after. Read `.runtime` inside the tests.
 */
export function useLocalRuntime(options: Omit<RuntimeOptions, 'dataDir'> = {}): {
  readonly runtime: LocalRuntime;
  readonly dataDir: string;
} {
  const state = {} as { runtime: LocalRuntime; dataDir: string };
  beforeAll(async () => {
    state.dataDir = mkdtempSync(join(tmpdir(), 'am-runtime-'));
    state.runtime = await startLocalRuntime({ port: 0, env: { POWERTOOLS_LOG_LEVEL: 'SILENT' }, ...options, dataDir: state.dataDir });
  });
  afterAll(async () => {
    await state.runtime?.stop();
    if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
  });
  return state;
}
