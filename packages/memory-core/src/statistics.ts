/**
 * The one percentile every bench, summary and report uses, so their figures compare: nearest rank
 * (p in 0..100) — the smallest sample with at least p % of the samples at or below it. Null when
 * there are no samples.
 */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}
