import { testContext, testDependencies, testSqsEvent } from '@agentic-memory/function-kit/testing';
import { FixedClock } from '@agentic-memory/memory-core';
import { createQueueHandler, LEASE_MS, retryBackoffMs } from '../src';

/** The lease on a batch in hand: renewed while the worker works, given back soon after it dies. */

async function queuedEvent(deps: ReturnType<typeof testDependencies>) {
  await deps.queue.send({ body: '{"n":1}', groupId: 'caller-a', deduplicationId: 'd1' });
  const received = await deps.queue.receive({ max: 1 });
  return testSqsEvent(received);
}

describe('the queue handler’s lease on a batch', () => {
  it('gives a dead worker’s batch back after the lease and backoff, not the queue’s visibility timeout', async () => {
    const clock = new FixedClock(Date.parse('2026-11-30T12:00:00Z'));
    const deps = testDependencies({ clock });
    try {
      const event = await queuedEvent(deps);
      let release = () => {};
      const stuck = new Promise<void>((resolve) => {
        release = resolve;
      });
      const handler = createQueueHandler(() => stuck, { queue: deps.queue });
      const running = handler(event, testContext('ingest-worker', 60_000));
      await new Promise((r) => setTimeout(r, 50));
      // The worker holds it; no renewal happens while the (fake) clock jumps: as if it had died.
      clock.advance(LEASE_MS);
      expect(await deps.queue.receive({ max: 1 })).toEqual([]);
      clock.advance(retryBackoffMs(1) + 1);
      expect((await deps.queue.receive({ max: 1 })).map((m) => m.body)).toEqual(['{"n":1}']);
      release();
      await running;
    } finally {
      deps.dispose();
    }
  });

  it('renews the lease while the worker is busy, so no one else receives the batch', async () => {
    const deps = testDependencies();
    try {
      const event = await queuedEvent(deps);
      const handler = createQueueHandler(() => new Promise((r) => setTimeout(r, 3_200)), { queue: deps.queue, leaseMs: 200 });
      const running = handler(event, testContext('ingest-worker', 60_000));
      const seen: number[] = [];
      const started = Date.now();
      while (Date.now() - started < 3_000) {
        seen.push((await deps.queue.receive({ max: 1 })).length);
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(await running).toEqual({ batchItemFailures: [] });
      expect(seen.every((n) => n === 0)).toBe(true);
      expect(seen.length).toBeGreaterThan(5);
    } finally {
      deps.dispose();
    }
  });
});
