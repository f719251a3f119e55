import { readFileSync } from 'node:fs';
import { fixturePath } from '@agentic-memory/fixtures';
import { captureMetrics } from '@agentic-memory/function-kit';
import { percentile } from '@agentic-memory/memory-core';
import fc from 'fast-check';
import { duration, MetricsSummary } from '../src/metrics-summary';
import { ingestDemoCall, useLocalRuntime } from './runtime-support';

/** `pnpm start`'s summary, computed from the EMF lines the real handlers print. */

describe('percentile', () => {
  it('is nearest-rank: within the samples, monotone in p', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 200 }), (xs) => {
        const p50 = percentile(xs, 50) as number;
        const p99 = percentile(xs, 99) as number;
        expect(xs).toContain(p50);
        expect(xs).toContain(p99);
        expect(p50).toBeLessThanOrEqual(p99);
        expect(p99).toBeLessThanOrEqual(Math.max(...xs));
      }),
    );
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50)).toBe(5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 99)).toBe(10);
    expect([duration(3.25), duration(250), duration(4500), duration(600_000), duration(7_200_000), duration(4 * 86_400_000)]).toEqual([
      '3.3 ms',
      '250 ms',
      '4.5 s',
      '10 min',
      '2.0 h',
      '4 d',
    ]);
  });
});

describe('the local metrics summary', () => {
  const summary = new MetricsSummary();
  const local = useLocalRuntime();

  beforeAll(async () => {
    captureMetrics((line) => summary.ingest(line));
    const { runtime } = local;
    const s = runtime.secrets?.values ?? {};
    await ingestDemoCall(runtime);
    const request = readFileSync(fixturePath('elevenlabs/conversation-initiation-request.json'));
    const ws = { 'content-type': 'application/json', 'x-workspace-key': s.ELEVENLABS_WORKSPACE_KEY as string };
    for (let i = 0; i < 5; i += 1) await fetch(`${runtime.url}/client-data`, { method: 'POST', headers: ws, body: request });
    await fetch(`${runtime.url}/client-data`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request });
  }, 60_000);

  it('counts the requests each role answered, rejections included', () => {
    expect(summary.requests()).toEqual({ 'conversation-start/elevenlabs': 6, 'webhook-intake/elevenlabs': 1 });
  });

  it('prints one screen: latency percentiles, rejections by reason, worker output and the queue', async () => {
    const text = summary.render(await local.runtime.deps.queueDepth(), 'total');
    const row = text.split('\n').find((l) => l.startsWith('conversation-start/elevenlabs')) ?? '';
    // requests, p50, p99, degraded, rejected, snapshot hit/miss, cache hits, queued, ignored
    expect(row.trim().split(/\s+/).slice(1)).toEqual([
      '6',
      expect.stringMatching(/^\d+(\.\d)?$/),
      expect.stringMatching(/^\d+(\.\d)?$/),
      '0',
      '1',
      expect.stringMatching(/^\d+\/\d+$/),
      expect.stringMatching(/^\d+$/),
      '0',
      '0',
    ]);
    expect(text).toMatch(/^webhook-intake\/elevenlabs\s+1\s/m);
    expect(text).toMatch(/worker: [1-9]\d* memories written, 0 failures, ingest lag p50 [\d.]+ (ms|s|min|h|d) \//);
    expect(text).toContain('rejected by reason: unauthorized 1');
    expect(text).toContain('queue: 0 waiting, 0 in flight, 0 dead-lettered');
    expect(text.split('\n').length).toBeLessThan(25);
  });

  it('starts a fresh window each minute and keeps the totals', () => {
    expect(summary.windowHasActivity()).toBe(true);
    summary.flushWindow();
    expect(summary.windowHasActivity()).toBe(false);
    expect(summary.render(null, 'window')).toContain('no requests');
    expect(summary.render(null, 'total')).toContain('conversation-start/elevenlabs');
  });

  it('skips lines that are not EMF and says how many', () => {
    const local = new MetricsSummary();
    local.ingest('not json');
    local.ingest('{"level":"INFO"}');
    expect(local.render(null, 'total')).toContain('(2 metric lines could not be read)');
  });
});
