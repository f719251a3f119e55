import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixedClock } from '@agentic-memory/memory-core';
import fc from 'fast-check';
import { DiskQueue } from '../src/embedded';

const NOW = Date.parse('2026-11-01T00:00:00Z');

function withQueue<T>(fn: (queue: DiskQueue, clock: FixedClock, path: string) => Promise<T>, maxReceives = 3): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'am-queue-'));
  const clock = new FixedClock(NOW);
  const path = join(dir, 'queue.db');
  const queue = new DiskQueue({ path, clock, maxReceives, visibilityTimeoutMs: 10_000, pollIntervalMs: 5 });
  return fn(queue, clock, path).finally(() => {
    queue.close();
    rmSync(dir, { recursive: true, force: true });
  });
}

/** A fresh folder with the queue's path in it for a crash test, removed afterwards. */
async function inCrashDir(test: (path: string, dir: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'am-crash-'));
  try {
    await test(join(dir, 'queue.db'), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('DiskQueue', () => {
  it('ignores a stale receipt handle (a redelivered message is acknowledged only by its newest handle)', () =>
    withQueue(async (queue, clock) => {
      await queue.send({ body: 'm', groupId: 'G', deduplicationId: 'd' });
      const [first] = await queue.receive({ max: 1, visibilityTimeoutMs: 1000 });
      clock.advance(1100);
      const [second] = await queue.receive({ max: 1, visibilityTimeoutMs: 60_000 });
      await queue.delete(first?.receiptHandle ?? '');
      await queue.changeVisibility(second?.receiptHandle ?? '', 0);
      const [third] = await queue.receive({ max: 1 });
      expect(third?.body).toBe('m');
    }));

  it('never has two messages of one group in flight', () =>
    withQueue(async (queue) => {
      await queue.send({ body: 'a1', groupId: 'A', deduplicationId: '1' });
      await queue.send({ body: 'a2', groupId: 'A', deduplicationId: '2' });
      expect((await queue.receive({ max: 10 })).map((m) => m.body)).toEqual(['a1']);
    }));

  it('accepts a repeated deduplication id again after the 5-minute window', () =>
    withQueue(async (queue, clock) => {
      await queue.send({ body: 'x', groupId: 'g', deduplicationId: 'd' });
      clock.advance(5 * 60_000 - 1);
      expect((await queue.send({ body: 'x', groupId: 'g', deduplicationId: 'd' })).duplicate).toBe(true);
      clock.advance(1);
      expect((await queue.send({ body: 'x', groupId: 'g', deduplicationId: 'd' })).duplicate).toBe(false);
      expect(queue.depth().live).toBe(2);
    }));

  it('keeps sends and dead letters across a reopen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'am-queue-'));
    const path = join(dir, 'queue.db');
    const clock = new FixedClock(NOW);
    try {
      const first = new DiskQueue({ path, clock, maxReceives: 1, visibilityTimeoutMs: 1000 });
      await first.send({ body: 'kept', groupId: 'g1', deduplicationId: 'a' });
      await first.send({ body: 'dies', groupId: 'g2', deduplicationId: 'b' });
      await first.receive({ max: 10 });
      first.close();
      clock.advance(2000);
      const second = new DiskQueue({ path, clock, maxReceives: 1, visibilityTimeoutMs: 1000 });
      // Both were received once: with maxReceives 1 they are now dead letters.
      expect(await second.receive({ max: 10 })).toEqual([]);
      expect(
        second
          .deadLetters()
          .map((d) => d.body)
          .sort(),
      ).toEqual(['dies', 'kept']);
      expect(
        second.redrive(
          second
            .deadLetters()
            .filter((d) => d.body === 'kept')
            .map((d) => d.messageId),
        ),
      ).toBe(1);
      expect((await second.receive({ max: 10 })).map((m) => m.body)).toEqual(['kept']);
      expect((await second.send({ body: 'kept', groupId: 'g1', deduplicationId: 'a' })).duplicate).toBe(true);
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('property: per-group FIFO order, and each deduplication id delivered exactly once when acknowledged', async () => {
    const op = fc.record({ group: fc.constantFrom('A', 'B', 'C', 'D'), dedup: fc.integer({ min: 0, max: 30 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (ops, batch) =>
        withQueue(async (queue) => {
          const expected = new Map<string, string[]>();
          const seen = new Set<number>();
          for (const [i, o] of ops.entries()) {
            const result = await queue.send({ body: `${o.group}:${i}`, groupId: o.group, deduplicationId: `d${o.dedup}` });
            expect(result.duplicate).toBe(seen.has(o.dedup));
            if (!seen.has(o.dedup)) {
              seen.add(o.dedup);
              expected.set(o.group, [...(expected.get(o.group) ?? []), `${o.group}:${i}`]);
            }
          }
          const delivered = new Map<string, string[]>();
          for (let rounds = 0; rounds < 200; rounds += 1) {
            const got = await queue.receive({ max: batch });
            if (got.length === 0) break;
            expect(new Set(got.map((m) => m.groupId)).size).toBe(got.length);
            for (const m of got) {
              delivered.set(m.groupId, [...(delivered.get(m.groupId) ?? []), m.body]);
              await queue.delete(m.receiptHandle);
            }
          }
          expect(Object.fromEntries(delivered)).toEqual(Object.fromEntries(expected));
        }),
      ),
      { numRuns: 60 },
    );
  });

  it('property: with redeliveries, order holds per group and nothing is lost before the dead-letter limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom('A', 'B', 'C'), { minLength: 1, maxLength: 25 }),
        fc.array(fc.boolean(), { maxLength: 80 }),
        (groups, fails) =>
          withQueue(async (queue, clock) => {
            for (const [i, g] of groups.entries()) await queue.send({ body: `${g}:${i}`, groupId: g, deduplicationId: `d${i}` });
            const acked: string[] = [];
            let f = 0;
            for (let rounds = 0; rounds < 500 && acked.length + queue.depth().dead < groups.length; rounds += 1) {
              const got = await queue.receive({ max: 10 });
              if (got.length === 0) {
                clock.advance(10_001);
                continue;
              }
              for (const m of got) {
                if (fails[f++ % Math.max(fails.length, 1)] && m.receiveCount < 3) continue; // not acked: redelivered later
                acked.push(m.body);
                await queue.delete(m.receiptHandle);
              }
            }
            const dead = queue.deadLetters().map((d) => d.body);
            expect(acked.length + dead.length).toBe(groups.length);
            for (const g of ['A', 'B', 'C']) {
              const order = acked.filter((b) => b.startsWith(`${g}:`)).map((b) => Number(b.split(':')[1]));
              expect(order).toEqual([...order].sort((a, b) => a - b));
            }
          }, 5),
      ),
      { numRuns: 40 },
    );
  });
});

describe('DiskQueue crash safety', () => {
  const worker = join(__dirname, 'fixtures', 'queue-crash-worker.ts');

  function runWorker(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', worker, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('KILL-ME')) child.kill('SIGKILL');
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve({ code, signal, stdout }));
    });
  }

  it('never loses an acknowledged send when the producer is killed', async () => {
    await inCrashDir(async (path) => {
      const run = await runWorker(['produce-and-crash', path, '100']);
      expect(run.signal).toBe('SIGKILL');
      const acknowledged = run.stdout
        .split('\n')
        .filter((l) => l.startsWith('SENT '))
        .map((l) => `m${l.slice(5)}`);
      expect(acknowledged.length).toBeGreaterThanOrEqual(100);
      const queue = new DiskQueue({ path, clock: { now: () => Date.now() }, maxReceives: 5, visibilityTimeoutMs: 60_000 });
      const received = new Set<string>();
      for (let got = await queue.receive({ max: 10 }); got.length > 0; got = await queue.receive({ max: 10 })) {
        for (const m of got) {
          received.add(m.deduplicationId);
          await queue.delete(m.receiptHandle);
        }
      }
      queue.close();
      for (const id of acknowledged) expect(received.has(id)).toBe(true);
    });
  }, 30_000);

  it('releases what a killed worker held when the queue is opened again, instead of waiting out the visibility timeout', async () => {
    await inCrashDir(async (path) => {
      expect((await runWorker(['produce', path, '40'])).code).toBe(0);
      const crashed = await runWorker(['hold-and-crash', path]);
      expect(crashed.signal).toBe('SIGKILL');
      const held = Number(/HELD (\d+)/.exec(crashed.stdout)?.[1]);
      expect(held).toBe(10);
      // The dead worker's deliveries had an hour of visibility left: they are free again at once.
      const queue = new DiskQueue({ path, clock: { now: () => Date.now() }, maxReceives: 5, visibilityTimeoutMs: 60_000 });
      try {
        expect(queue.releasedOnOpen).toBe(held);
        const again = await queue.receive({ max: 10 });
        expect(again).toHaveLength(10);
        expect(again.every((m) => m.receiveCount === 2)).toBe(true);
        // Deliveries held by this live process are not released by another instance.
        const second = new DiskQueue({ path, clock: { now: () => Date.now() }, maxReceives: 5, visibilityTimeoutMs: 60_000 });
        expect(second.releasedOnOpen).toBe(0);
        second.close();
      } finally {
        queue.close();
      }
    });
  }, 30_000);

  it('loses nothing and duplicates nothing beyond at-least-once when the consumer is killed mid-batch', async () => {
    await inCrashDir(async (path, dir) => {
      const log = join(dir, 'processed.log');
      // 1. a producer process sends 200 messages across 20 groups and exits.
      const produced = await runWorker(['produce', path, '200']);
      expect(produced.code).toBe(0);
      // 2. a consumer acknowledges some of a batch, then is SIGKILLed before finishing it.
      const crashed = await runWorker(['consume-and-crash', path, log]);
      expect(crashed.signal).toBe('SIGKILL');
      // 3. a fresh consumer drains the queue after the visibility timeout.
      const drained = await runWorker(['drain', path, log]);
      expect(drained.code).toBe(0);
      const lines = readFileSync(log, 'utf8').trim().split('\n');
      const bodies = lines.map((l) => l.split(' ')[1]);
      const unique = new Set(bodies);
      expect(unique.size).toBe(200);
      // Only the messages in flight when the consumer died may appear twice.
      expect(bodies.length - unique.size).toBeLessThanOrEqual(10);
      // Every group was processed in order.
      const byGroup = new Map<string, number[]>();
      for (const body of bodies) {
        const [group, index] = (body ?? '').split(':');
        byGroup.set(group ?? '', [...(byGroup.get(group ?? '') ?? []), Number(index)]);
      }
      for (const indexes of byGroup.values()) {
        const firsts = indexes.filter((v, i) => indexes.indexOf(v) === i);
        expect(firsts).toEqual([...firsts].sort((a, b) => a - b));
      }
    });
  }, 30_000);
});
