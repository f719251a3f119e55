import type { Memory } from './memory';

/**
 * What conversation-start needs to greet a caller, precomputed by the worker after each call so
 * the hot path reads one blob instead of querying the memory store.
 */
export interface ProfileSnapshot {
  readonly version: 1;
  readonly callerKey: string;
  readonly agentType: string;
  /** ISO-8601 UTC of the build. */
  readonly updatedAt: string;
  /** Distinct conversations the caller's memories come from. */
  readonly callCount: number;
  readonly memoryCount: number;
  /** ISO-8601 UTC of the newest memory, or null. */
  readonly lastCallAt: string | null;
  /** Extracted fields, newest value wins (name, budget, contact_preference…). */
  readonly fields: Readonly<Record<string, string>>;
  /** The memories to show, already ranked and capped; expired ones are never here. */
  readonly topMemories: readonly Memory[];
  /** Summary of the most recent call, when there was one. */
  readonly lastSummary: string | null;
  /** ISO-8601 UTC of the earliest expiry among topMemories: after it the snapshot must be rebuilt. */
  readonly validUntil: string | null;
  /** Values a newer call replaced, per field: never shown as current, and memories that state them are not shown. */
  readonly supersededValues?: Readonly<Record<string, readonly string[]>>;
  /**
   * When each thing a call said was replaced ("Ford Fiesta", "120 guests") was replaced (ISO-8601,
   * the replacing call's): a later call's memory that mentions it again is not hidden.
   */
  readonly replacedAt?: Readonly<Record<string, string>>;
  /** The newest conversations counted (newest first, bounded), so re-ingesting one never counts it twice. */
  readonly recentConversations: readonly string[];
}
