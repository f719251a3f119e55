import { readFileSync } from 'node:fs';
import { fixturePath } from '@agentic-memory/fixtures';
import { captureMetrics } from '@agentic-memory/function-kit';
import { percentile } from '@agentic-memory/memory-core';
import fc from 'fast-check';
import { Histogram, MetricsTimeline } from '../src/dashboard/metrics-timeline';
import { parseEmfLine } from '../src/emf-line';
import { ingestDemoCall, useLocalRuntime } from './runtime-support';

/** The dashboard's live view, computed from the EMF lines the real handlers print (as `pnpm start` feeds it). */

describe('the latency histogram', () => {
  it('answers any percentile within 2 % of the exact nearest-rank one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 1, max: 100 }),
        (xs, p) => {
          const h = new Histogram();
          for (const x of xs) h.add(x);
          const exact = percentile(xs, p) as number;
          const approx = h.percentile(p) as number;
          expect(Math.abs(approx - exact) / exact).toBeLessThanOrEqual(0.0101);
          expect(h.count).toBe(xs.length);
        },
      ),
    );
    const h = new Histogram();
    expect(h.percentile(99)).toBeNull();
    // Nothing that is not a latency is counted.
    for (const bad of [Number.NaN, -1, Number.POSITIVE_INFINITY]) h.add(bad);
    expect(h.count).toBe(0);
  });
});

describe('the live metrics timeline', () => {
  let clock = Date.parse('2026-11-30T10:00:30Z');
  const timeline = new MetricsTimeline(() => clock);
  const local = useLocalRuntime();
  let versionAfterIngest = 0;

  beforeAll(async () => {
    captureMetrics((line) => timeline.add(parseEmfLine(line)));
    const { runtime } = local;
    const s = runtime.secrets?.values ?? {};
    await ingestDemoCall(runtime);
    versionAfterIngest = timeline.snapshot().calls_version;
    // The next minute: five call starts, one refused, one admin read.
    clock += 60_000;
    const request = readFileSync(fixturePath('elevenlabs/conversation-initiation-request.json'));
    const ws = { 'content-type': 'application/json', 'x-workspace-key': s.ELEVENLABS_WORKSPACE_KEY as string };
    for (let i = 0; i < 5; i += 1) await fetch(`${runtime.url}/client-data`, { method: 'POST', headers: ws, body: request });
    await fetch(`${runtime.url}/client-data`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request });
    await fetch(`${runtime.url}/v1/calls`, { headers: { 'x-admin-key': s.ADMIN_API_KEY as string } });
    timeline.recordQueue(await runtime.deps.queueDepth());
  }, 60_000);

  afterAll(() => captureMetrics(null));

  it('keeps an hour minute by minute: the intake in one minute, the call starts in the next', () => {
    const live = timeline.snapshot();
    expect(live.minutes).toHaveLength(60);
    expect(live.minutes.at(-1)).toBe(Date.parse('2026-11-30T10:01:00Z') / 1000);
    const start = live.latency['conversation-start'];
    const intake = live.latency['webhook-intake'];
    expect(start?.count.slice(-2)).toEqual([0, 6]);
    expect(intake?.count.slice(-2)).toEqual([1, 0]);
    expect(start?.hour.count).toBe(6);
    expect(start?.hour.p50).toBeGreaterThan(0);
    expect(start?.hour.p99).toBeGreaterThanOrEqual(start?.hour.p50 as number);
    // Platform traffic: ok and rejected by reason; the admin API apart, not charted.
    expect(live.requests.by_platform.elevenlabs).toEqual({ ok: 6, degraded: 0, rejected: 1, rejected_by_reason: { unauthorized: 1 } });
    expect(live.requests.by_platform.admin?.ok).toBe(1);
    expect(live.requests.ok.slice(-2)).toEqual([1, 5]);
    expect(live.requests.rejected.slice(-2)).toEqual([0, 1]);
  });

  it('charts what the worker did: memories per call, ingest lag, the queue', () => {
    const live = timeline.snapshot();
    expect(live.memories_per_call.calls.slice(-2)).toEqual([1, 0]);
    expect(live.memories_per_call.hour.calls).toBe(1);
    expect(live.memories_per_call.hour.memories).toBeGreaterThan(5);
    expect(live.memories_per_call.hour.failures).toBe(0);
    expect(live.ingest_lag.hour.count).toBe(1);
    // The fixture call is weeks old: the lag runs from the platform's event time.
    expect(live.ingest_lag.hour.p50).toBeGreaterThan(86_400_000);
    expect(live.queue.current).toEqual({ live: 0, inFlight: 0, dead: 0 });
    expect(live.queue.live.at(-1)).toBe(0);
    expect(live.unreadable_lines).toBe(0);
  });

  it('moves calls_version when the list of calls may have changed, not on call starts or reads', async () => {
    expect(versionAfterIngest).toBeGreaterThan(0);
    expect(timeline.snapshot().calls_version).toBe(versionAfterIngest);
    const s = local.runtime.secrets?.values ?? {};
    const erased = await fetch(`${local.runtime.url}/v1/users/${encodeURIComponent('+15550100123')}`, {
      method: 'DELETE',
      headers: { 'x-admin-key': s.ADMIN_API_KEY as string },
    });
    expect(erased.status).toBe(200);
    expect(timeline.snapshot().calls_version).toBeGreaterThan(versionAfterIngest);
  });

  it('lets a minute go once it is an hour old, and counts lines that are not EMF', () => {
    timeline.add(parseEmfLine('not json'));
    timeline.add(parseEmfLine('{"no":"metrics"}'));
    clock += 59 * 60_000;
    const live = timeline.snapshot();
    expect(live.latency['webhook-intake']?.hour.count).toBe(0);
    expect(live.latency['conversation-start']?.hour.count).toBe(6);
    clock += 60_000;
    expect(timeline.snapshot().latency['conversation-start']?.hour.count).toBe(0);
    expect(timeline.snapshot().unreadable_lines).toBe(2);
  });
});
