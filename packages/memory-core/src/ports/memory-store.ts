import type { MemorySpace } from '../config/memory-spaces';
import type { Turn } from '../domain/call-record';
import type { Memory, MemoryType, NewMemory } from '../domain/memory';

export interface MemorySearchQuery {
  /** The store's user id for the caller (caller key, or E.164 in `raw` mode). */
  readonly userId: string;
  /**
   * Only memories of this space (their `provider` metadata; none = ElevenLabs). Absent or null
   * searches every space — never on a call path, where a credential reads its own space only.
   */
  readonly space?: MemorySpace | null;
  readonly text: string;
  readonly limit: number;
  /** Minimum store relevance in [0, 1]. */
  readonly threshold?: number;
  readonly types?: readonly MemoryType[];
  /** ISO-8601 bounds on `createdAt`. */
  readonly createdAfter?: string;
  readonly createdBefore?: string;
  /** Aborts the call when the deadline passes. */
  readonly signal?: AbortSignal;
}

export interface MemoryListOptions {
  readonly cursor?: string | null;
  readonly pageSize?: number;
  /** Only memories of this space; absent or null lists every space (admin routes, migration). */
  readonly space?: MemorySpace | null;
  readonly signal?: AbortSignal;
}

export interface MemoryPage {
  readonly memories: readonly Memory[];
  /** Opaque cursor for the next page, or null at the end. */
  readonly nextCursor: string | null;
}

export interface AddOptions {
  readonly signal?: AbortSignal;
  /**
   * The conversation the memories come from. Stores that extract their own memories (Mem0) read
   * the turns and scope them to the conversation, so a retried ingestion replaces rather than
   * duplicates; stores that do not extract ignore it.
   */
  readonly conversation?: { readonly id: string; readonly turns: readonly Turn[] };
}

/** Failures of a memory store, in our terms (whatever the SDK behind it throws). */
export type MemoryStoreErrorKind = 'unauthorized' | 'rate_limited' | 'unavailable' | 'timeout' | 'invalid' | 'quota' | 'unknown';

export class MemoryStoreError extends Error {
  constructor(
    readonly kind: MemoryStoreErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MemoryStoreError';
  }

  /** Worth trying again (ingestion only: the hot path has no time to retry). */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'unavailable' || this.kind === 'timeout';
  }
}

export interface MemoryStore {
  /** Writes memories for one user; writing the same memories again does not duplicate them. */
  add(userId: string, memories: readonly NewMemory[], options?: AddOptions): Promise<void>;
  /** Relevance-ordered memories for a query; expired memories are never returned. */
  search(query: MemorySearchQuery): Promise<readonly Memory[]>;
  /** A user's memories, newest first, page by page. */
  list(userId: string, options?: MemoryListOptions): Promise<MemoryPage>;
  /** Deletes every memory of a user; returns how many were deleted. */
  deleteUser(userId: string, signal?: AbortSignal): Promise<number>;
}

/** One user of a memory store, as the store's directory lists it. */
export interface StoredUser {
  /** The store's user id (a caller key, or a phone number for `raw` mode and the seed system). */
  readonly userId: string;
  readonly memoryCount: number | null;
}

export interface UserPage {
  readonly users: readonly StoredUser[];
  /** Every user of the store, when the store reports it. */
  readonly total: number | null;
  readonly nextPage: number | null;
}

/**
 * The users of a memory store, page by page (1-based). Used by the migration backfill, never on
 * a call path.
 */
export interface UserDirectory {
  listUsers(options: { page: number; pageSize: number; signal?: AbortSignal }): Promise<UserPage>;
}

/** Whether a store can list its users (Mem0 and SQLite can). */
export function isUserDirectory<T extends object>(store: T): store is T & UserDirectory {
  return typeof (store as Partial<UserDirectory>).listUsers === 'function';
}

/** Validated `listUsers` paging: page ≥ 1, page size 1 to 1000. */
export function pageOptions(options: { page: number; pageSize: number }): { page: number; pageSize: number } {
  if (!Number.isInteger(options.page) || options.page < 1) throw new Error(`page must be an integer ≥ 1, got ${options.page}`);
  return { page: options.page, pageSize: Math.min(Math.max(1, Math.floor(options.pageSize)), 1000) };
}
