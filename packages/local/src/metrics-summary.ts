/**
 * The local view of the metrics: `pnpm start` feeds every EMF line the handlers print into a
 * MetricsSummary and prints a one-screen table every minute and on exit — the same numbers the
 * CloudWatch dashboard shows in AWS, computed from the same lines.
 */

import { percentile } from '@agentic-memory/memory-core';
import { type EmfRecord, parseEmfLine } from './emf-line';
import { formatTable } from './text-files';

export interface QueueDepth {
  readonly live: number;
  readonly inFlight: number;
  readonly dead: number;
}

/** Per role × provider (the detailed dimensions that matter on one machine). */
interface Row {
  latencies: number[];
  degraded: number;
  rejected: number;
  snapshotHit: number;
  snapshotMiss: number;
  cacheHit: number;
  ignored: number;
  queued: number;
  memoriesWritten: number;
  ingestFailures: number;
  ingestLag: number[];
}

interface Window {
  readonly rows: Map<string, Row>;
  readonly rejections: Map<string, number>;
  startedAt: number;
}

/** Samples kept per row for the percentiles; beyond this the oldest half is dropped. */
const MAX_SAMPLES = 50_000;

type CounterField = { [K in keyof Row]: Row[K] extends number ? K : never }[keyof Row];

/** The summed metrics and the counter each feeds. */
const COUNTERS: Readonly<Record<string, CounterField | undefined>> = {
  DegradedReply: 'degraded',
  RejectedWebhook: 'rejected',
  SnapshotHit: 'snapshotHit',
  SnapshotMiss: 'snapshotMiss',
  CacheHit: 'cacheHit',
  IgnoredEvent: 'ignored',
  EventQueued: 'queued',
  MemoriesWritten: 'memoriesWritten',
  IngestFailure: 'ingestFailures',
};

const emptyRow = (): Row => ({
  latencies: [],
  degraded: 0,
  rejected: 0,
  snapshotHit: 0,
  snapshotMiss: 0,
  cacheHit: 0,
  ignored: 0,
  queued: 0,
  memoriesWritten: 0,
  ingestFailures: 0,
  ingestLag: [],
});

const emptyWindow = (now: number): Window => ({ rows: new Map(), rejections: new Map(), startedAt: now });

function push(samples: number[], values: readonly number[]): void {
  samples.push(...values);
  if (samples.length > MAX_SAMPLES) samples.splice(0, samples.length - MAX_SAMPLES / 2);
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** A duration in the unit a person reads at a glance (ingest lag of a replayed old call can be days). */
export function duration(value: number | null): string {
  if (value === null) return '-';
  if (value < 1000) return `${ms(value)} ms`;
  if (value < 120_000) return `${(value / 1000).toFixed(1)} s`;
  if (value < 7_200_000) return `${(value / 60_000).toFixed(0)} min`;
  if (value < 172_800_000) return `${(value / 3_600_000).toFixed(1)} h`;
  return `${(value / 86_400_000).toFixed(0)} d`;
}

const ms = (value: number | null) => (value === null ? '-' : value < 10 ? value.toFixed(1) : value.toFixed(0));

export class MetricsSummary {
  private readonly total: Window;
  private window: Window;
  private malformed = 0;

  constructor(private readonly now: () => number = Date.now) {
    this.total = emptyWindow(now());
    this.window = emptyWindow(now());
  }

  /** One line the functions printed; anything that is not an EMF document is counted and skipped. */
  ingest(line: string): void {
    this.add(parseEmfLine(line));
  }

  /** One line already read (`parseEmfLine`); null counts as a line that could not be read. */
  add(record: EmfRecord | null): void {
    if (record === null) {
      this.malformed += 1;
      return;
    }
    const key = `${record.role}\u0000${record.provider}`;
    for (const w of [this.total, this.window]) {
      let row = w.rows.get(key);
      if (!row) {
        row = emptyRow();
        w.rows.set(key, row);
      }
      for (const [name, values] of record.metrics) {
        const counter = COUNTERS[name];
        if (counter) row[counter] += sum(values);
        else if (name === 'ResponseLatency') push(row.latencies, values);
        else if (name === 'IngestLag') push(row.ingestLag, values);
        if (name === 'RejectedWebhook') {
          const reason = record.reason ?? 'unknown';
          w.rejections.set(reason, (w.rejections.get(reason) ?? 0) + sum(values));
        }
      }
    }
  }

  /** Requests answered since start, per `role/provider` (each has a ResponseLatency, rejections included). */
  requests(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, row] of this.total.rows) {
      const n = row.latencies.length;
      if (n > 0) out[key.replace('\u0000', '/')] = n;
    }
    return out;
  }

  /** The table for the window since the last `flushWindow()` (or since start with `total`). */
  render(queue: QueueDepth | null, scope: 'window' | 'total' = 'window'): string {
    const w = scope === 'total' ? this.total : this.window;
    const seconds = Math.max(0, Math.round((this.now() - w.startedAt) / 1000));
    const title = scope === 'total' ? `metrics since start (${seconds} s)` : `metrics, last ${seconds} s`;
    const queueLine = queue
      ? `queue: ${queue.live} waiting, ${queue.inFlight} in flight, ${queue.dead} dead-lettered${queue.dead > 0 ? ' (inspect: see README, dead letters)' : ''}`
      : 'queue: depth unavailable';
    const keys = [...w.rows.keys()].sort();
    const http = keys.filter((k) => (w.rows.get(k)?.latencies.length ?? 0) > 0 || (w.rows.get(k)?.rejected ?? 0) > 0);
    const worker = keys.filter((k) => k.startsWith('ingest-worker\u0000'));
    const lines = [`── ${title} ──`];
    if (http.length === 0 && worker.length === 0) lines.push('no requests');
    if (http.length > 0) {
      lines.push(
        formatTable(
          [
            [
              'role/provider',
              'requests',
              'p50 ms',
              'p99 ms',
              'degraded',
              'rejected',
              'snapshot hit/miss',
              'cache hits',
              'queued',
              'ignored',
            ],
            ...http.map((k) => {
              const r = w.rows.get(k) ?? emptyRow();
              return [
                k.replace('\u0000', '/'),
                String(r.latencies.length),
                ms(percentile(r.latencies, 50)),
                ms(percentile(r.latencies, 99)),
                String(r.degraded),
                String(r.rejected),
                r.snapshotHit + r.snapshotMiss > 0 ? `${r.snapshotHit}/${r.snapshotMiss}` : '-',
                String(r.cacheHit),
                String(r.queued),
                String(r.ignored),
              ];
            }),
          ],
          'numbers',
        ),
      );
    }
    if (worker.length > 0) {
      const rows = worker.map((k) => w.rows.get(k) ?? emptyRow());
      const lags = rows.flatMap((r) => r.ingestLag);
      lines.push(
        `worker: ${sum(rows.map((r) => r.memoriesWritten))} memories written, ${sum(rows.map((r) => r.ingestFailures))} failures, ` +
          `ingest lag p50 ${duration(percentile(lags, 50))} / p99 ${duration(percentile(lags, 99))}`,
      );
    }
    if (w.rejections.size > 0) {
      lines.push(`rejected by reason: ${[...w.rejections.entries()].map(([reason, n]) => `${reason} ${n}`).join(', ')}`);
    }
    lines.push(queueLine);
    if (this.malformed > 0 && scope === 'total') lines.push(`(${this.malformed} metric lines could not be read)`);
    return lines.join('\n');
  }

  /** Starts a new window (after printing the minute's table). */
  flushWindow(): void {
    this.window = emptyWindow(this.now());
  }

  /** True when the current window saw any metric. */
  windowHasActivity(): boolean {
    return this.window.rows.size > 0;
  }
}
