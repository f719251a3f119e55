import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '@agentic-memory/fixtures';
import { waitForQueueDrain } from '@agentic-memory/function-kit/testing';
import { type LocalRuntime, type RuntimeOptions, replayFile, startLocalRuntime } from '../src';

/**
 * A local runtime in a fresh data folder for the tests of one `describe`: started before them,
 * stopped (and its folder deleted) after. Read `.runtime` inside the tests. `copyFrom`: a data
 * folder (a fixture) copied into the fresh one first — the fixture itself is never written.
 */
export function useLocalRuntime(options: Omit<RuntimeOptions, 'dataDir'> & { readonly copyFrom?: string } = {}): {
  readonly runtime: LocalRuntime;
  readonly dataDir: string;
} {
  const state = {} as { runtime: LocalRuntime; dataDir: string };
  beforeAll(async () => {
    state.dataDir = mkdtempSync(join(tmpdir(), 'am-runtime-'));
    const { copyFrom, ...runtimeOptions } = options;
    if (copyFrom) cpSync(copyFrom, state.dataDir, { recursive: true });
    state.runtime = await startLocalRuntime({
      port: 0,
      env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
      ...runtimeOptions,
      dataDir: state.dataDir,
    });
  });
  afterAll(async () => {
    await state.runtime?.stop();
    if (state.dataDir) rmSync(state.dataDir, { recursive: true, force: true });
  });
  return state;
}

/** The demo caller's post-call webhook (the ElevenLabs fixture), signed and sent; resolves once the worker ingested it. */
export async function ingestDemoCall(runtime: LocalRuntime): Promise<void> {
  await replayFile(fixturePath('elevenlabs/post-call-transcription.json'), {
    baseUrl: runtime.url,
    provider: 'elevenlabs',
    secret: runtime.secrets?.values.ELEVENLABS_HMAC_KEY as string,
  });
  await waitForQueueDrain(() => runtime.deps.queueDepth());
}
