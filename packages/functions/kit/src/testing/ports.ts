import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, roleConfigOf } from '@agentic-memory/config';
import type { Clock, RoleConfig } from '@agentic-memory/memory-core';
import { DiskBlobStore, DiskQueue, EnvSecrets, SqliteMemoryStore } from '@agentic-memory/provider-adapters/embedded';
import { type Dependencies, systemClock } from '../dependencies';

/** Secrets the handler tests run with (the HMAC key is the fixtures' signature vector's). */
export const TEST_SECRETS = {
  ELEVENLABS_WORKSPACE_KEY: 'test-workspace-key-0123456789',
  ELEVENLABS_HMAC_KEY: 'wsec_fixture_0123456789abcdef0123456789abcdef',
  CALLER_ID_PEPPER: 'test-pepper-0123456789abcdef',
} as const;

/** The role configuration of a committed environment, as its functions' build bundles it. */
export function testRoleConfig(environmentName = 'local'): RoleConfig {
  return roleConfigOf(loadConfig(environmentName));
}

/** Every port, embedded, in a temporary folder: what handler tests hand the roles. */
export interface TestDependencies extends Dependencies {
  readonly memoryStore: SqliteMemoryStore;
  readonly blobStore: DiskBlobStore;
  readonly queue: DiskQueue;
  readonly dataDir: string;
  /** Closes the stores and deletes the data folder. */
  dispose(): void;
}

/** Embedded ports in a fresh temporary folder, with the test secrets and the local environment's configuration. */
export function testDependencies(
  options: { clock?: Clock; env?: Record<string, string | undefined>; environmentName?: string } = {},
): TestDependencies {
  const dataDir = mkdtempSync(join(tmpdir(), 'am-fn-'));
  const clock = options.clock ?? systemClock;
  const loaded = loadConfig(options.environmentName ?? 'local');
  const { agentTypes, environment } = roleConfigOf(loaded);
  const memoryStore = new SqliteMemoryStore(join(dataDir, 'memory.db'), clock);
  const queue = new DiskQueue({
    path: join(dataDir, 'queue.db'),
    clock,
    maxReceives: loaded.environment.ingest.dlq_max_receives,
    visibilityTimeoutMs: loaded.environment.ingest.visibility_timeout_s * 1000,
  });
  return {
    clock,
    agentTypes,
    environment,
    secrets: new EnvSecrets({ ...TEST_SECRETS, ...options.env }, join(dataDir, 'secrets.json')),
    memoryStore,
    blobStore: new DiskBlobStore(join(dataDir, 'blobs')),
    queue,
    dataDir,
    dispose: () => {
      queue.close();
      memoryStore.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A typed fake of a port: the named methods replaced, every other call delegated to the real
 * implementation (bound to it). A change to the port's interface breaks the fake at compile time.
 */
export function fakePort<T extends object>(port: T, overrides: { [K in keyof T]?: T[K] }): T {
  return new Proxy(port, {
    get(target, property, receiver) {
      if (Object.hasOwn(overrides, property)) return overrides[property as keyof T];
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
