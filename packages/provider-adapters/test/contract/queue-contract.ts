import type { FixedClock, Queue, ReceivedMessage } from '@agentic-memory/memory-core';
import { useFreshHarness } from './harness';

export interface QueueHarness {
  readonly queue: Queue;
  readonly clock: FixedClock;
  /** The maxReceives the queue was created with. */
  readonly maxReceives: number;
  /** Messages currently dead-lettered, as bodies. */
  deadLetterBodies(): Promise<string[]>;
  /** Moves every dead letter back to the queue; returns how many. */
  redrive(): Promise<number>;
  /**
   * Whether a deduplication id is remembered for the whole window even after the message was
   * deleted (true of SQS itself and of DiskQueue; moto_server forgets it on delete).
   */
  readonly dedupSurvivesDelete: boolean;
  /** Lets `ms` pass for visibility purposes (moves an injected clock, or waits). */
  pass(ms: number): Promise<void>;
  close(): Promise<void>;
}

const send = (q: Queue, body: string, groupId: string, deduplicationId = `${groupId}:${body}`) =>
  q.send({ body, groupId, deduplicationId });

/** SQS FIFO semantics every Queue must have; the factory yields an empty queue. */
export function describeQueueContract(name: string, createHarness: () => Promise<QueueHarness>): void {
  describe(`Queue contract: ${name}`, () => {
    const h = useFreshHarness(createHarness);

    it('delivers a group in order, and nothing more of a group while any of it is in flight', async () => {
      await send(h.queue, 'a1', 'A');
      await send(h.queue, 'a2', 'A');
      await send(h.queue, 'b1', 'B');
      const first = await h.queue.receive({ max: 10 });
      // A batch may hold several messages of a group (SQS does), always in order and starting at the head.
      const aFirst = first.filter((m) => m.groupId === 'A').map((m) => m.body);
      expect(['a1', 'a1,a2']).toContain(aFirst.join(','));
      expect(first.filter((m) => m.groupId === 'B').map((m) => m.body)).toEqual(['b1']);
      expect(await h.queue.receive({ max: 10 })).toEqual([]);
      for (const m of first.filter((x) => x.groupId === 'A')) await h.queue.delete(m.receiptHandle);
      const next = await h.queue.receive({ max: 10 });
      expect([...aFirst, ...next.map((m) => m.body)]).toEqual(['a1', 'a2']);
      expect(first[0]).toMatchObject({ receiveCount: 1 });
    });

    it('deduplicates the same deduplication id inside the window', async () => {
      const one = await send(h.queue, 'x', 'G', 'elevenlabs:post_call_transcription:conv_1');
      const two = await send(h.queue, 'x', 'G', 'elevenlabs:post_call_transcription:conv_1');
      // SQS accepts a duplicate silently (null); the embedded queue says so (true).
      expect(one.duplicate).not.toBe(true);
      expect(two.duplicate).not.toBe(false);
      const got = await h.queue.receive({ max: 10 });
      expect(got.length).toBe(1);
      await h.queue.delete(got[0]?.receiptHandle ?? '');
      if (h.dedupSurvivesDelete) {
        await send(h.queue, 'x', 'G', 'elevenlabs:post_call_transcription:conv_1');
        expect(await h.queue.receive({ max: 10 })).toEqual([]);
      }
    });

    it('redelivers after the visibility timeout with a higher receive count', async () => {
      await send(h.queue, 'm', 'G');
      const [first] = await h.queue.receive({ max: 1, visibilityTimeoutMs: 1000 });
      expect(first?.receiveCount).toBe(1);
      expect(await h.queue.receive({ max: 1 })).toEqual([]);
      await h.pass(1100);
      const [second] = await h.queue.receive({ max: 1, visibilityTimeoutMs: 1000 });
      expect(second).toMatchObject({ body: 'm', receiveCount: 2 });
      expect(second?.receiptHandle).not.toBe(first?.receiptHandle);
    });

    it('makes a message visible again at once with changeVisibility(0)', async () => {
      await send(h.queue, 'm', 'G');
      const [first] = await h.queue.receive({ max: 1, visibilityTimeoutMs: 60_000 });
      await h.queue.changeVisibility(first?.receiptHandle ?? '', 0);
      const [again] = await h.queue.receive({ max: 1 });
      expect(again).toMatchObject({ body: 'm', receiveCount: 2 });
    });

    it('dead-letters a delivery at once on request (a message that can never succeed), freeing its group', async () => {
      await send(h.queue, 'poison', 'G');
      await send(h.queue, 'next', 'G');
      const [poison] = await h.queue.receive({ max: 1 });
      expect(poison).toMatchObject({ body: 'poison', receiveCount: 1 });
      await h.queue.deadLetter(poison as ReceivedMessage, 'permanent: unreadable payload');
      await h.queue.delete(poison?.receiptHandle ?? '');
      const next = await h.queue.receive({ max: 10 });
      expect(next.map((m) => m.body)).toEqual(['next']);
      expect(await h.deadLetterBodies()).toEqual(['poison']);
    });

    it('dead-letters after maxReceives, frees the group, and redrives', async () => {
      await send(h.queue, 'poison', 'G');
      await send(h.queue, 'next', 'G');
      for (let i = 1; i <= h.maxReceives; i += 1) {
        const got = await h.queue.receive({ max: 1, visibilityTimeoutMs: 1000 });
        expect(got.map((m) => [m.body, m.receiveCount])).toEqual([['poison', i]]);
        await h.queue.changeVisibility(got[0]?.receiptHandle ?? '', 0);
      }
      const after = await h.queue.receive({ max: 10 });
      expect(after.map((m) => m.body)).toEqual(['next']);
      expect(await h.deadLetterBodies()).toEqual(['poison']);
      await h.queue.delete(after[0]?.receiptHandle ?? '');
      expect(await h.redrive()).toBe(1);
      const redriven = await h.queue.receive({ max: 10 });
      expect(redriven.map((m) => m.body)).toEqual(['poison']);
    });

    it('returns batches of at most max, across groups', async () => {
      for (let g = 0; g < 15; g += 1) await send(h.queue, `m${g}`, `G${g}`);
      const batch = await h.queue.receive({ max: 10 });
      expect(batch.length).toBe(10);
      expect(new Set(batch.map((m) => m.groupId)).size).toBe(10);
    });

    it('long-polls: a receive waiting for work gets a message sent meanwhile', async () => {
      const waiting = h.queue.receive({ max: 1, waitMs: 2000 });
      setTimeout(() => void send(h.queue, 'late', 'G'), 50);
      expect((await waiting).map((m) => m.body)).toEqual(['late']);
    });

    it('rejects bad sends', async () => {
      await expect(h.queue.send({ body: 'x', groupId: '', deduplicationId: 'd' })).rejects.toThrow();
      await expect(h.queue.send({ body: 'x', groupId: 'g', deduplicationId: '' })).rejects.toThrow();
      await expect(h.queue.send({ body: 'x'.repeat(262_145), groupId: 'g', deduplicationId: 'd' })).rejects.toThrow();
    });
  });
}
