import type { Memory, MemoryType, NewMemory } from '../domain/memory';

export interface MemorySearchQuery {
  /** The store's user id for the caller (caller key, or E.164 in `raw` mode). */
  readonly userId: string;
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

export interface MemoryPage {
  readonly memories: readonly Memory[];
  /** Opaque cursor for the next page, or null at the end. */
  readonly nextCursor: string | null;
}

export interface MemoryStore {
  /** Writes memories for one user; writing the same id again replaces it (idempotent). */
  add(userId: string, memories: readonly NewMemory[], signal?: AbortSignal): Promise<void>;
  /** Relevance-ordered memories for a query; expired memories are never returned. */
  search(query: MemorySearchQuery): Promise<readonly Memory[]>;
  /** A user's memories, newest first, page by page. */
  list(userId: string, options?: { cursor?: string | null; pageSize?: number; signal?: AbortSignal }): Promise<MemoryPage>;
  /** Deletes every memory of a user; returns how many were deleted. */
  deleteUser(userId: string, signal?: AbortSignal): Promise<number>;
}
