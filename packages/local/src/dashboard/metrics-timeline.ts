/**
 * The dashboard's live view of the last hour, minute by minute, fed by the same EMF lines the
 * metrics summary reads (one source: `pnpm start` reads each line once and hands it to both).
 * Latencies go into log-scale histograms (2 % wide bins), so an hour of load costs a few
 * kilobytes and any percentile is within 2 % of the exact one.
 */
import type { EmfRecord } from '../emf-line';

/** Bin width of the latency histograms: each bin spans ×1.02. */
const GROWTH = 1.02;
const LOG_GROWTH = Math.log(GROWTH);
/** Values at or below this (ms) share bin 0. */
const FLOOR = 0.001;

/** A log-scale histogram of non-negative values. */
export class Histogram {
  private readonly bins = new Map<number, number>();
  count = 0;

  add(value: number): void {
    if (!Number.isFinite(value) || value < 0) return;
    const bin = value <= FLOOR ? 0 : Math.max(1, Math.ceil(Math.log(value / FLOOR) / LOG_GROWTH));
    this.bins.set(bin, (this.bins.get(bin) ?? 0) + 1);
    this.count += 1;
  }

  merge(other: Histogram): void {
    for (const [bin, n] of other.bins) this.bins.set(bin, (this.bins.get(bin) ?? 0) + n);
    this.count += other.count;
  }

  /** The p-th percentile (nearest rank), as the geometric middle of its bin; null when empty. */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (const bin of [...this.bins.keys()].sort((a, b) => a - b)) {
      seen += this.bins.get(bin) ?? 0;
      if (seen >= rank) return bin === 0 ? FLOOR : FLOOR * GROWTH ** (bin - 0.5);
    }
    return null;
  }
}

/** The HTTP roles whose latency the dashboard charts (call start, mid-call search, post-call intake, admin). */
export const CHARTED_ROLES = ['conversation-start', 'memory-search', 'webhook-intake', 'insights'] as const;

export interface QueueSample {
  readonly live: number;
  readonly inFlight: number;
  readonly dead: number;
}

/** Requests of one platform (or `admin`) in one minute. */
interface Traffic {
  requests: number;
  degraded: number;
  rejected: Map<string, number>;
}

interface Bucket {
  readonly start: number;
  readonly latency: Map<string, Histogram>;
  readonly traffic: Map<string, Traffic>;
  readonly ingestLag: Histogram;
  memoriesWritten: number;
  callsWritten: number;
  ingestFailures: number;
  queue: QueueSample | null;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const round = (value: number | null) => (value === null ? null : Math.round(value * 100) / 100);

/** What the dashboard's Live tab draws: per-minute series (oldest first) and totals over the hour. */
export interface LiveMetrics {
  readonly now: number;
  readonly bucket_ms: number;
  /** Start of each minute (epoch seconds), oldest first. */
  readonly minutes: readonly number[];
  readonly latency: Readonly<
    Record<
      string,
      {
        readonly p50: readonly (number | null)[];
        readonly p99: readonly (number | null)[];
        readonly count: readonly number[];
        readonly hour: { readonly p50: number | null; readonly p99: number | null; readonly count: number };
      }
    >
  >;
  readonly requests: {
    readonly ok: readonly number[];
    readonly degraded: readonly number[];
    readonly rejected: readonly number[];
    /** Per platform (`admin`: the admin API) over the hour: ok, degraded, rejected by reason. */
    readonly by_platform: Readonly<
      Record<
        string,
        { readonly ok: number; readonly degraded: number; readonly rejected: number; readonly rejected_by_reason: Record<string, number> }
      >
    >;
  };
  readonly ingest_lag: {
    readonly p50: readonly (number | null)[];
    readonly p99: readonly (number | null)[];
    readonly hour: { readonly p50: number | null; readonly p99: number | null; readonly count: number };
  };
  readonly memories_per_call: {
    readonly average: readonly (number | null)[];
    readonly calls: readonly number[];
    readonly hour: { readonly calls: number; readonly memories: number; readonly average: number | null; readonly failures: number };
  };
  readonly queue: {
    readonly live: readonly (number | null)[];
    readonly in_flight: readonly (number | null)[];
    readonly dead: readonly (number | null)[];
    readonly current: QueueSample | null;
  };
  /**
   * Grows whenever the list of calls may have changed (the worker handled a batch, a caller was
   * erased): the page reloads its calls list when it moves, not on a timer.
   */
  readonly calls_version: number;
  /** Lines that were not EMF documents since start. */
  readonly unreadable_lines: number;
}

export class MetricsTimeline {
  private readonly buckets: Bucket[] = [];
  private unreadable = 0;
  private callsVersion = 0;
  private lastQueue: QueueSample | null = null;

  constructor(
    private readonly now: () => number = Date.now,
    /** Width of one bucket (a minute). */
    readonly bucketMs = 60_000,
    /** Buckets kept (an hour of minutes). */
    readonly bucketCount = 60,
  ) {}

  private bucket(at: number): Bucket {
    const start = Math.floor(at / this.bucketMs) * this.bucketMs;
    const last = this.buckets.at(-1);
    if (last && last.start === start) return last;
    // A clock that stepped back: counted in the newest minute rather than out of order.
    if (last && start < last.start) return last;
    const fresh: Bucket = {
      start,
      latency: new Map(),
      traffic: new Map(),
      ingestLag: new Histogram(),
      memoriesWritten: 0,
      callsWritten: 0,
      ingestFailures: 0,
      queue: null,
    };
    this.buckets.push(fresh);
    const oldest = start - (this.bucketCount - 1) * this.bucketMs;
    while (this.buckets.length > 0 && (this.buckets[0] as Bucket).start < oldest) this.buckets.shift();
    return fresh;
  }

  /** One EMF line read by `parseEmfLine` (null: a line that was not one). */
  add(record: EmfRecord | null): void {
    if (record === null) {
      this.unreadable += 1;
      return;
    }
    const b = this.bucket(this.now());
    if (record.role === 'ingest-worker' || record.metrics.has('CallerErased')) this.callsVersion += 1;
    const platform = record.role === 'insights' ? 'admin' : record.provider;
    const traffic = () => {
      let t = b.traffic.get(platform);
      if (!t) {
        t = { requests: 0, degraded: 0, rejected: new Map() };
        b.traffic.set(platform, t);
      }
      return t;
    };
    for (const [name, values] of record.metrics) {
      switch (name) {
        case 'ResponseLatency': {
          let h = b.latency.get(record.role);
          if (!h) {
            h = new Histogram();
            b.latency.set(record.role, h);
          }
          for (const v of values) h.add(v);
          traffic().requests += values.length;
          break;
        }
        case 'DegradedReply':
          traffic().degraded += sum(values);
          break;
        case 'RejectedWebhook': {
          const t = traffic();
          const reason = record.reason ?? 'unknown';
          t.rejected.set(reason, (t.rejected.get(reason) ?? 0) + sum(values));
          break;
        }
        case 'IngestLag':
          for (const v of values) b.ingestLag.add(v);
          break;
        case 'MemoriesWritten':
          b.memoriesWritten += sum(values);
          b.callsWritten += values.length;
          break;
        case 'IngestFailure':
          b.ingestFailures += sum(values);
          break;
      }
    }
  }

  /** The queue's depth now (sampled by the dashboard every few seconds, and on each poll). */
  recordQueue(sample: QueueSample): void {
    this.bucket(this.now()).queue = sample;
    this.lastQueue = sample;
  }

  /** The last hour, minute by minute (every minute present, empty ones as zero or null). */
  snapshot(): LiveMetrics {
    const now = this.now();
    const current = Math.floor(now / this.bucketMs) * this.bucketMs;
    const starts = Array.from({ length: this.bucketCount }, (_, i) => current - (this.bucketCount - 1 - i) * this.bucketMs);
    const byStart = new Map(this.buckets.map((b) => [b.start, b]));
    const series = starts.map((s) => byStart.get(s) ?? null);

    const latency: Record<string, LiveMetrics['latency'][string]> = {};
    const roles = new Set<string>(CHARTED_ROLES);
    for (const b of this.buckets) for (const role of b.latency.keys()) roles.add(role);
    for (const role of roles) {
      const hour = new Histogram();
      for (const b of series) {
        const h = b?.latency.get(role);
        if (h) hour.merge(h);
      }
      latency[role] = {
        p50: series.map((b) => round(b?.latency.get(role)?.percentile(50) ?? null)),
        p99: series.map((b) => round(b?.latency.get(role)?.percentile(99) ?? null)),
        count: series.map((b) => b?.latency.get(role)?.count ?? 0),
        hour: { p50: round(hour.percentile(50)), p99: round(hour.percentile(99)), count: hour.count },
      };
    }

    const ok: number[] = [];
    const degraded: number[] = [];
    const rejected: number[] = [];
    const byPlatform: Record<string, { ok: number; degraded: number; rejected: number; rejected_by_reason: Record<string, number> }> = {};
    for (const b of series) {
      let okN = 0;
      let degradedN = 0;
      let rejectedN = 0;
      for (const [platform, t] of b?.traffic ?? []) {
        const rej = sum([...t.rejected.values()]);
        const good = Math.max(0, t.requests - t.degraded - rej);
        const p = byPlatform[platform] ?? { ok: 0, degraded: 0, rejected: 0, rejected_by_reason: {} };
        byPlatform[platform] = p;
        p.ok += good;
        p.degraded += t.degraded;
        p.rejected += rej;
        for (const [reason, n] of t.rejected) p.rejected_by_reason[reason] = (p.rejected_by_reason[reason] ?? 0) + n;
        // The charted traffic is the platforms' (the admin API is the dashboard's own polling).
        if (platform === 'admin') continue;
        okN += good;
        degradedN += t.degraded;
        rejectedN += rej;
      }
      ok.push(okN);
      degraded.push(degradedN);
      rejected.push(rejectedN);
    }

    const lagHour = new Histogram();
    for (const b of series) if (b) lagHour.merge(b.ingestLag);
    const calls = series.map((b) => b?.callsWritten ?? 0);
    const memories = series.map((b) => b?.memoriesWritten ?? 0);
    const callsHour = sum(calls);
    const memoriesHour = sum(memories);

    return {
      now,
      bucket_ms: this.bucketMs,
      minutes: starts.map((s) => s / 1000),
      latency,
      requests: { ok, degraded, rejected, by_platform: byPlatform },
      ingest_lag: {
        p50: series.map((b) => round(b?.ingestLag.percentile(50) ?? null)),
        p99: series.map((b) => round(b?.ingestLag.percentile(99) ?? null)),
        hour: { p50: round(lagHour.percentile(50)), p99: round(lagHour.percentile(99)), count: lagHour.count },
      },
      memories_per_call: {
        average: series.map((b) => (b && b.callsWritten > 0 ? round(b.memoriesWritten / b.callsWritten) : null)),
        calls,
        hour: {
          calls: callsHour,
          memories: memoriesHour,
          average: callsHour > 0 ? round(memoriesHour / callsHour) : null,
          failures: sum(series.map((b) => b?.ingestFailures ?? 0)),
        },
      },
      queue: {
        live: series.map((b) => b?.queue?.live ?? null),
        in_flight: series.map((b) => b?.queue?.inFlight ?? null),
        dead: series.map((b) => b?.queue?.dead ?? null),
        current: this.lastQueue,
      },
      calls_version: this.callsVersion,
      unreadable_lines: this.unreadable,
    };
  }
}
