import { join } from 'node:path';
import type { Clock } from '@agentic-memory/memory-core';
import { DiskBlobStore, DiskQueue, EnvSecrets, SqliteMemoryStore } from '@agentic-memory/provider-adapters';
import { bundledConfig } from './bundled-config';
import { type Dependencies, systemClock } from './dependencies';

export interface EmbeddedOptions {
  /** Folder of the SQLite files, blobs and generated secrets. */
  readonly dataDir: string;
  /** Environment variables (secrets named in them win over the generated file). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly environmentName?: string;
  readonly clock?: Clock;
}

export interface EmbeddedDependencies extends Dependencies {
  readonly memoryStore: SqliteMemoryStore;
  readonly blobStore: DiskBlobStore;
  readonly queue: DiskQueue;
  close(): void;
}

/** The embedded implementation of every port, under one data folder: what `pnpm start` and tests run on. */
export function embeddedDependencies(options: EmbeddedOptions): EmbeddedDependencies {
  const clock = options.clock ?? systemClock;
  const { agentTypes, environment } = bundledConfig(options.environmentName ?? 'local');
  const memoryStore = new SqliteMemoryStore(join(options.dataDir, 'memory.db'), clock);
  const queue = new DiskQueue({
    path: join(options.dataDir, 'queue.db'),
    clock,
    maxReceives: environment.ingest.dlq_max_receives,
    visibilityTimeoutMs: environment.ingest.visibility_timeout_s * 1000,
  });
  return {
    clock,
    agentTypes,
    environment,
    secrets: new EnvSecrets(options.env, join(options.dataDir, 'secrets.json')),
    memoryStore,
    blobStore: new DiskBlobStore(join(options.dataDir, 'blobs')),
    queue,
    close: () => {
      queue.close();
      memoryStore.close();
    },
  };
}
