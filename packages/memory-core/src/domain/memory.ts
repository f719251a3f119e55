/** Built-in memory kinds; agent types may declare more (validated by the config schema). */
export const BUILT_IN_MEMORY_TYPES = ['factual', 'semantic', 'lead', 'conversion', 'issue', 'technical', 'resolution'] as const;

export type MemoryType = (typeof BUILT_IN_MEMORY_TYPES)[number];

/** Metadata values are scalars only: memory stores filter on them and platforms accept no objects. */
export type MetadataValue = string | number | boolean | null;
export type MemoryMetadata = Readonly<Record<string, MetadataValue>>;

/** A memory ready to be written: the store assigns nothing, so a redelivered call writes the same ids. */
export interface NewMemory {
  readonly id: string;
  readonly text: string;
  readonly type: MemoryType;
  /** ISO-8601 UTC: when what the memory records happened (the call's time). */
  readonly createdAt: string;
  /** ISO-8601 UTC: after this instant the memory is never returned. */
  readonly expiresAt: string | null;
  readonly metadata: MemoryMetadata;
}

/** A memory as read back from a store; `score` is the store's relevance in [0, 1] when it searched. */
export interface Memory extends NewMemory {
  readonly score?: number;
  /**
   * Set by a store when nothing matched the query and it returned the caller's most relevant
   * recent memories instead: context, never an answer.
   */
  readonly fallback?: boolean;
  /**
   * Set by a store that searched sentence by sentence: the sentence of `text` that best matches
   * the query. A long memory (a platform summary) is shown around it, not cut after its opening.
   */
  readonly passage?: string;
}

export function isMemoryType(value: string): value is MemoryType {
  return (BUILT_IN_MEMORY_TYPES as readonly string[]).includes(value);
}
