/**
 * One CloudWatch EMF line as the functions print it (Powertools Metrics), read once for every
 * local view of the metrics: the metrics summary `pnpm start` prints and the dashboard's charts.
 */
export interface EmfRecord {
  /** The `role` dimension (`unknown` when absent). */
  readonly role: string;
  /** The `provider` dimension (`none` when absent: the admin API, the worker's batch line). */
  readonly provider: string;
  /** The `reason` dimension of a rejection, else null. */
  readonly reason: string | null;
  /** Each metric the line declares, with its values (a metric may carry several). */
  readonly metrics: ReadonlyMap<string, readonly number[]>;
}

interface Emf {
  _aws?: { CloudWatchMetrics?: { Metrics?: { Name: string }[] }[] };
  [key: string]: unknown;
}

function valuesOf(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  return [];
}

/** The line's metrics and dimensions, or null for anything that is not an EMF document. */
export function parseEmfLine(line: string): EmfRecord | null {
  let doc: Emf;
  try {
    doc = JSON.parse(line) as Emf;
  } catch {
    return null;
  }
  if (doc === null || typeof doc !== 'object') return null;
  const names = doc._aws?.CloudWatchMetrics?.flatMap((d) => d.Metrics?.map((m) => m.Name) ?? []) ?? [];
  if (names.length === 0) return null;
  const metrics = new Map<string, number[]>();
  for (const name of names) metrics.set(name, valuesOf(doc[name]));
  return {
    role: String(doc.role ?? 'unknown'),
    provider: String(doc.provider ?? 'none'),
    reason: doc.reason === undefined ? null : String(doc.reason),
    metrics,
  };
}
