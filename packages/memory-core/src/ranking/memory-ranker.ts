import type { Memory } from '../domain/memory';

const DAY_MS = 86_400_000;

export interface RankingRules {
  /** Keys: memory types or metadata fields; the largest matching weight multiplies the score. */
  readonly searchWeights: Readonly<Record<string, number>>;
  /** Each present (non-empty) metadata field among these multiplies the score by 1.1. */
  readonly priorityFields: readonly string[];
  readonly limit: number;
  /** Minimum store relevance in [0, 1]; memories without a store score count as 1. */
  readonly threshold: number;
}

export interface RankedMemory extends Memory {
  /** Final ranking score: relevance × weight × recency × priority. */
  readonly rankScore: number;
}

/** Recency boost: ×1.5 under 7 days old, ×1.2 under 30 days, ×1 after; never increases with age. */
export function recencyBoost(createdAt: string, now: number): number {
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) return 1;
  const age = Math.max(0, now - created);
  if (age < 7 * DAY_MS) return 1.5;
  if (age < 30 * DAY_MS) return 1.2;
  return 1;
}

export function isExpired(memory: Pick<Memory, 'expiresAt'>, now: number): boolean {
  if (memory.expiresAt === null) return false;
  const expires = Date.parse(memory.expiresAt);
  return !Number.isNaN(expires) && expires <= now;
}

function present(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '' && value !== false;
}

export function weightOf(memory: Memory, weights: Readonly<Record<string, number>>): number {
  let weight = 1;
  let matched = false;
  for (const [key, w] of Object.entries(weights)) {
    if (memory.type === key || present(memory.metadata[key])) {
      weight = matched ? Math.max(weight, w) : w;
      matched = true;
    }
  }
  return weight;
}

/**
 * Orders memories for an agent type: expired ones dropped, below-threshold ones dropped, then by
 * relevance × type/field weight × recency × priority-field boosts, newest first on ties, capped.
 */
export function rankMemories(memories: readonly Memory[], rules: RankingRules, now: number): RankedMemory[] {
  const ranked: RankedMemory[] = [];
  for (const memory of memories) {
    if (isExpired(memory, now)) continue;
    const relevance = memory.score ?? 1;
    if (relevance < rules.threshold) continue;
    let priority = 1;
    for (const field of rules.priorityFields) if (present(memory.metadata[field])) priority *= 1.1;
    const rankScore = Math.max(relevance, 1e-6) * weightOf(memory, rules.searchWeights) * recencyBoost(memory.createdAt, now) * priority;
    ranked.push({ ...memory, rankScore });
  }
  ranked.sort(
    (a, b) =>
      b.rankScore - a.rankScore ||
      (Date.parse(b.createdAt) || 0) - (Date.parse(a.createdAt) || 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return ranked.slice(0, Math.max(0, rules.limit));
}
