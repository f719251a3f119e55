import type { AddOptions, MemoryPage, MemorySearchQuery, MemoryStore } from './memory-store';
import { MemoryStoreError } from './memory-store';

/**
 * A memory store created on first use: a role whose store needs a credential (Mem0's API key from
 * the environment's secret) starts whatever the secret holds, and a missing or bad credential
 * fails that one call — degraded on the call path, retried by the worker — never the function's
 * init. A failed creation is tried again on the next call (the secret may have been set since).
 */
export class LazyMemoryStore implements MemoryStore {
  private store: Promise<MemoryStore> | null = null;

  constructor(private readonly create: () => Promise<MemoryStore>) {}

  private resolve(): Promise<MemoryStore> {
    if (!this.store) {
      const creating = this.create().catch((error: unknown) => {
        this.store = null;
        throw error instanceof MemoryStoreError
          ? error
          : new MemoryStoreError('unavailable', `the memory store could not be created: ${(error as Error).message}`, { cause: error });
      });
      this.store = creating;
    }
    return this.store;
  }

  async add(userId: string, memories: Parameters<MemoryStore['add']>[1], options?: AddOptions): Promise<void> {
    return (await this.resolve()).add(userId, memories, options);
  }

  async search(query: MemorySearchQuery) {
    return (await this.resolve()).search(query);
  }

  async list(userId: string, options?: Parameters<MemoryStore['list']>[1]): Promise<MemoryPage> {
    return (await this.resolve()).list(userId, options);
  }

  async deleteUser(userId: string, signal?: AbortSignal): Promise<number> {
    return (await this.resolve()).deleteUser(userId, signal);
  }
}

/** A memory store this deployment does not have (a role built without one): every call fails, saying why. */
export function unavailableMemoryStore(reason: string): MemoryStore {
  const fail = async (): Promise<never> => {
    throw new MemoryStoreError('unavailable', reason);
  };
  return { add: fail, search: fail, list: fail, deleteUser: fail };
}
