import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@agentic-memory/memory-core';
import { DiskBlobStore, DiskQueue, SqliteMemoryStore } from '../src/embedded';
import { describeBlobStoreContract } from './contract/blob-store-contract';
import { CONTRACT_NOW, describeMemoryStoreContract } from './contract/memory-store-contract';
import { describeQueueContract } from './contract/queue-contract';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'am-embedded-'));
}

describeMemoryStoreContract('SqliteMemoryStore', async () => {
  const dir = tempDir();
  const clock = new FixedClock(CONTRACT_NOW);
  const store = new SqliteMemoryStore(join(dir, 'memory.db'), clock);
  return {
    store,
    clock,
    close: async () => {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describeBlobStoreContract('DiskBlobStore', async () => {
  const dir = tempDir();
  return { store: new DiskBlobStore(join(dir, 'blobs')), close: async () => rmSync(dir, { recursive: true, force: true }) };
});

describeQueueContract('DiskQueue', async () => {
  const dir = tempDir();
  const clock = new FixedClock(CONTRACT_NOW);
  const queue = new DiskQueue({ path: join(dir, 'queue.db'), clock, maxReceives: 3, visibilityTimeoutMs: 30_000, pollIntervalMs: 10 });
  return {
    queue,
    clock,
    maxReceives: 3,
    dedupSurvivesDelete: true,
    deadLetterBodies: async () => queue.deadLetters().map((d) => d.body),
    redrive: async () => queue.redrive(),
    pass: async (ms) => clock.advance(ms),
    close: async () => {
      queue.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
