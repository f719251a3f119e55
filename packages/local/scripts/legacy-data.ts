/**
 * Writes the data folder `fixtures/legacy-data/` as the code of the commit it runs on does: one
 * caller (+15550177001) who called through every platform (each platform's post-call fixture),
 * ingested by the local runtime, plus one memory without `provider` metadata as the seed system's
 * migrated memories are. The folder in the repository was written by main before memory spaces
 * (commit ea8f3b5); the memory-spaces tests read it with today's code. Not part of `pnpm test`.
 *
 *   pnpm tsx packages/local/scripts/legacy-data.ts <empty folder>
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { waitForQueueDrain } from '@agentic-memory/function-kit/testing';
import { callerKey, type Provider } from '@agentic-memory/memory-core';
import { SqliteMemoryStore } from '@agentic-memory/provider-adapters/embedded';
import { startLocalRuntime } from '../src';
import { credentialHeaders, post, postCallBody, secretNameFor } from '../test/platform-client';

export const LEGACY_CALLER = '+15550177001';
const PROVIDERS: readonly Provider[] = ['elevenlabs', 'vapi', 'retell', 'generic'];

async function main(): Promise<void> {
  const dir = resolve(process.argv[2] ?? '');
  if (!process.argv[2]) throw new Error('usage: legacy-data.ts <empty folder>');
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).length > 0) throw new Error(`${dir} is not empty`);
  const runtime = await startLocalRuntime({ dataDir: dir, port: 0, env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } });
  const secrets = runtime.secrets?.values ?? {};
  for (const provider of PROVIDERS) {
    const body = postCallBody(provider, {
      caller: LEGACY_CALLER,
      conversationId: `legacy_${provider}_0001`,
      startedAtMs: Date.parse('2026-11-01T10:00:00Z'),
    });
    const path = {
      elevenlabs: '/v1/elevenlabs/webhook',
      vapi: '/v1/vapi/webhook',
      retell: '/v1/retell/webhook',
      generic: '/v1/generic/webhook',
    }[provider];
    const reply = await post(
      `${runtime.url}${path}`,
      body,
      credentialHeaders(provider, 'webhook-intake', body, secrets[secretNameFor(provider, 'webhook-intake')] as string),
    );
    if (reply.status !== 200) throw new Error(`${provider} post-call answered ${reply.status}: ${reply.text}`);
  }
  await waitForQueueDrain(() => runtime.deps.queueDepth());
  await runtime.stop();
  const store = new SqliteMemoryStore(join(dir, 'memory.db'), { now: () => Date.now() });
  const key = callerKey(secrets.CALLER_ID_PEPPER as string, LEGACY_CALLER);
  await store.add(key, [
    {
      id: 'seed-migrated-0001',
      text: 'Loyalty tier: platinum since 2021',
      type: 'factual',
      createdAt: '2026-09-01T09:00:00.000Z',
      expiresAt: null,
      metadata: { source: 'seed' },
    },
  ]);
  store.close();
  for (const transient of ['memory.db-wal', 'memory.db-shm', 'queue.db-wal', 'queue.db-shm']) rmSync(join(dir, transient), { force: true });
  console.log(`wrote ${dir}`);
}

void main().catch((error) => {
  console.error((error as Error).message);
  process.exit(1);
});
