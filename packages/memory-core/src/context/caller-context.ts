import type { Memory } from '../domain/memory';
import type { ProfileSnapshot } from '../domain/profile-snapshot';
import { isExpired } from '../ranking/memory-ranker';

/** What is known about a caller at call start, whichever way it was obtained. */
export interface CallerContext {
  readonly returning: boolean;
  readonly fields: Readonly<Record<string, string>>;
  /** Ranked, newest-relevant first; expired ones removed. */
  readonly memories: readonly Memory[];
  readonly callCount: number;
  readonly memoryCount: number;
  readonly lastCallAt: string | null;
  readonly lastSummary: string | null;
}

export const NEW_CALLER: CallerContext = {
  returning: false,
  fields: {},
  memories: [],
  callCount: 0,
  memoryCount: 0,
  lastCallAt: null,
  lastSummary: null,
};

/** A snapshot read at `now`: memories that expired since it was built are dropped. */
export function contextFromSnapshot(snapshot: ProfileSnapshot | null, now: number): CallerContext {
  if (!snapshot) return NEW_CALLER;
  const memories = snapshot.topMemories.filter((m) => !isExpired(m, now));
  const returning = snapshot.callCount > 0 || memories.length > 0;
  return {
    returning,
    fields: snapshot.fields,
    memories,
    callCount: snapshot.callCount,
    memoryCount: snapshot.memoryCount,
    lastCallAt: snapshot.lastCallAt,
    lastSummary: snapshot.lastSummary,
  };
}
