import { readFixture } from '@agentic-memory/fixtures';
import { captureMetrics } from '@agentic-memory/function-kit';
import {
  fakePort,
  TEST_SECRETS,
  type TestDependencies,
  testContext,
  testDependencies,
  testSqsEvent,
} from '@agentic-memory/function-kit/testing';
import { callerKey, FixedClock, type ProfileSnapshot } from '@agentic-memory/memory-core';
import type { SQSEvent } from 'aws-lambda';
import { createIngestWorkerHandler } from '../src/ingest-worker-handler';

const NOW = Date.parse('2026-10-14T15:10:00Z');
const MAYA = callerKey(TEST_SECRETS.CALLER_ID_PEPPER, '+15550100123');
const DANIEL = callerKey(TEST_SECRETS.CALLER_ID_PEPPER, '+15550100777');

/** The SQS event of queued messages (id, caller group, body), as Lambda's event source builds it. */
function batch(...messages: [id: string, group: string, body: object | string][]): SQSEvent {
  return testSqsEvent(
    messages.map(([id, group, body]) => ({
      messageId: id,
      receiptHandle: `rh-${id}`,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      groupId: group,
      deduplicationId: id,
      receiveCount: 1,
      sentAt: NOW,
    })),
  );
}

describe('ingest-worker through the Middy stack', () => {
  let deps: TestDependencies;
  beforeEach(() => {
    deps = testDependencies({ clock: new FixedClock(NOW) });
  });
  afterEach(() => deps.dispose());

  async function stage(fixture: string, conversationId: string) {
    return stageBody(conversationId, readFixture(`elevenlabs/${fixture}`));
  }

  async function stageBody(conversationId: string, body: Parameters<TestDependencies['blobStore']['put']>[1]) {
    const key = `raw/elevenlabs/post_call_transcription/${conversationId}`;
    await deps.blobStore.put(key, body);
    return {
      provider: 'elevenlabs',
      event: 'post_call_transcription',
      conversationId,
      blobKey: key,
      receivedAt: new Date(NOW).toISOString(),
    };
  }

  it('writes memories, the profile snapshot, the conversation index and the done marker', async () => {
    const message = await stage('post-call-transcription.json', 'conv_01kfix0support0000000000001');
    const handler = createIngestWorkerHandler(deps);
    const res = await handler(batch(['m1', MAYA, message]), testContext('ingest-worker'));
    expect(res).toEqual({ batchItemFailures: [] });
    const memories = (await deps.memoryStore.list(MAYA)).memories;
    expect(memories.length).toBeGreaterThan(5);
    const blob = await deps.blobStore.get(`snapshots/${MAYA}/elevenlabs_customer_support.json`);
    const snapshot = JSON.parse(Buffer.from(blob?.body ?? []).toString()) as ProfileSnapshot;
    expect(snapshot).toMatchObject({ callerKey: MAYA, callCount: 1, fields: { name: 'Maya Okafor', contact_preference: 'email' } });
    expect(JSON.stringify(snapshot)).not.toContain('5550100123');
    expect(await deps.blobStore.get(`callers/${MAYA}/elevenlabs/conv_01kfix0support0000000000001`)).not.toBeNull();
    expect(await deps.blobStore.get('done/elevenlabs/post_call_transcription/conv_01kfix0support0000000000001')).not.toBeNull();
  });

  it('resolves the agent type from the agent map (sales) and keys memories by caller', async () => {
    const message = await stage('post-call-transcription-sales.json', 'conv_01kfix0sales000000000000001');
    await createIngestWorkerHandler(deps)(batch(['m1', DANIEL, message]), testContext());
    const snapshot = await deps.blobStore.get(`snapshots/${DANIEL}/elevenlabs_sales_agent.json`);
    expect(JSON.parse(Buffer.from(snapshot?.body ?? []).toString()).fields).toMatchObject({
      budget: '$18,000',
      timeline: '3 months (2027-01-15)',
    });
    expect((await deps.memoryStore.list(DANIEL)).memories.some((m) => m.type === 'lead')).toBe(true);
  });

  it("reads a change said without the old value against the caller's snapshot: the old value is no longer shown", async () => {
    const call = async (conversationId: string, at: number, said: string, summary: string) => {
      const payload = JSON.parse(readFixture('elevenlabs/post-call-transcription.json').toString()) as {
        data: {
          conversation_id: string;
          transcript: { role: string; message: string }[];
          metadata: Record<string, unknown>;
          analysis: Record<string, unknown>;
        };
      };
      payload.data.conversation_id = conversationId;
      payload.data.metadata.start_time_unix_secs = at;
      payload.data.transcript = [...payload.data.transcript.slice(0, 2), { role: 'user', message: said }];
      payload.data.analysis.transcript_summary = summary;
      return stageBody(conversationId, Buffer.from(JSON.stringify(payload)));
    };
    const handler = createIngestWorkerHandler(deps);
    const first = await call(
      'conv_change_1',
      1791000000,
      'My router drops every evening.',
      'Maya Okafor reported wifi drops; a technician visit is booked for 16 October.',
    );
    await handler(batch(['m1', MAYA, first]), testContext());
    const second = await call(
      'conv_change_2',
      1791500000,
      'Could the technician visit move to the 20th of October now?',
      'Maya Okafor asked to move the technician visit.',
    );
    await handler(batch(['m2', MAYA, second]), testContext());
    const stored = (await deps.memoryStore.list(MAYA)).memories.filter((m) => m.metadata.conversation_id === 'conv_change_2');
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.every((m) => String(m.metadata.replaced).includes('16 October'))).toBe(true);
    const blob = await deps.blobStore.get(`snapshots/${MAYA}/elevenlabs_customer_support.json`);
    const snapshot = JSON.parse(Buffer.from(blob?.body ?? []).toString()) as ProfileSnapshot;
    expect(JSON.stringify([snapshot.fields, snapshot.lastSummary, snapshot.topMemories.map((m) => m.text)])).not.toContain('16 October');
    expect(JSON.stringify(snapshot.topMemories.map((m) => m.text))).toContain('20th of October');
  });

  it('changes nothing when a message is delivered again', async () => {
    const message = await stage('post-call-transcription.json', 'conv_01kfix0support0000000000001');
    const handler = createIngestWorkerHandler(deps);
    await handler(batch(['m1', MAYA, message]), testContext());
    const before = await deps.memoryStore.list(MAYA);
    const snapshotBefore = await deps.blobStore.get(`snapshots/${MAYA}/elevenlabs_customer_support.json`);
    (deps.clock as FixedClock).advance(60_000);
    await handler(batch(['m1-again', MAYA, message]), testContext());
    expect(await deps.memoryStore.list(MAYA)).toEqual(before);
    expect(await deps.blobStore.get(`snapshots/${MAYA}/elevenlabs_customer_support.json`)).toEqual(snapshotBefore);
  });

  /** Messages sent to the test queue and received, as Lambda's event source would hand them over. */
  async function queued(...messages: [group: string, body: object | string][]): Promise<SQSEvent> {
    for (const [i, [group, body]] of messages.entries()) {
      await deps.queue.send({ body: typeof body === 'string' ? body : JSON.stringify(body), groupId: group, deduplicationId: `d${i}` });
    }
    const received = [];
    for (let got = await deps.queue.receive({ max: 10 }); got.length > 0; got = await deps.queue.receive({ max: 10 }))
      received.push(...got);
    return testSqsEvent(received);
  }

  it('dead-letters a message that can never be ingested on its first receipt; the caller’s next call is ingested at once', async () => {
    const broken = {
      provider: 'elevenlabs',
      event: 'post_call_transcription',
      conversationId: 'conv_missing',
      blobKey: 'raw/elevenlabs/post_call_transcription/conv_missing',
      receivedAt: new Date(NOW).toISOString(),
    };
    const good = await stage('post-call-transcription-sales.json', 'conv_01kfix0sales00000000000001');
    const later = await stage('post-call-transcription.json', 'conv_01kfix0support0000000000001');
    // One message per group is delivered at a time: the bad one first, MAYA's next call behind it.
    const first = await queued([MAYA, broken], [DANIEL, good], [MAYA, later]);
    expect(first.Records.map((r) => JSON.parse(r.body).conversationId).sort()).toEqual(['conv_01kfix0sales00000000000001', 'conv_missing']);
    const res = await createIngestWorkerHandler(deps)(first, testContext());
    expect(res.batchItemFailures).toEqual([]);
    for (const r of first.Records) await deps.queue.delete(r.receiptHandle);
    expect(deps.queue.deadLetters().map((d) => JSON.parse(d.body).conversationId)).toEqual(['conv_missing']);
    // The caller's group is free at once: the next call comes next, on its first receipt.
    const second = await queued();
    expect(second.Records.map((r) => [JSON.parse(r.body).conversationId, r.attributes.ApproximateReceiveCount])).toEqual([
      ['conv_01kfix0support0000000000001', '1'],
    ]);
    expect((await createIngestWorkerHandler(deps)(second, testContext())).batchItemFailures).toEqual([]);
    expect((await deps.memoryStore.list(DANIEL)).memories.length).toBeGreaterThan(0);
    expect((await deps.memoryStore.list(MAYA)).memories.length).toBeGreaterThan(0);
  });

  it('retries a transient failure after a short backoff, not the queue’s visibility timeout', async () => {
    const message = await stage('post-call-transcription.json', 'conv_01kfix0support0000000000001');
    const event = await queued([MAYA, message]);
    const down = { ...deps, memoryStore: fakePort(deps.memoryStore, { add: async () => Promise.reject(new Error('Mem0 unavailable')) }) };
    const res = await createIngestWorkerHandler(down)(event, testContext('ingest-worker', 60_000));
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: event.Records[0]?.messageId }]);
    expect(deps.queue.deadLetters()).toEqual([]);
    // Hidden for the first backoff (2 s), then back on the next receive.
    (deps.clock as FixedClock).advance(1_500);
    expect(await deps.queue.receive({ max: 1 })).toEqual([]);
    (deps.clock as FixedClock).advance(600);
    expect((await deps.queue.receive({ max: 1 })).map((m) => m.receiveCount)).toEqual([2]);
  });

  it('keeps a call without a caller number: marker written, no memories, no failure', async () => {
    const key = 'raw/elevenlabs/post_call_transcription/conv_web';
    await deps.blobStore.put(
      key,
      JSON.stringify({
        type: 'post_call_transcription',
        event_timestamp: 1,
        data: { conversation_id: 'conv_web', transcript: [{ role: 'user', message: 'Hi, my name is Jo.' }] },
      }),
    );
    const message = {
      provider: 'elevenlabs',
      event: 'post_call_transcription',
      conversationId: 'conv_web',
      blobKey: key,
      receivedAt: new Date(NOW).toISOString(),
    };
    const res = await createIngestWorkerHandler(deps)(batch(['w', 'conv:conv_web', message]), testContext());
    expect(res.batchItemFailures).toEqual([]);
    expect(await deps.blobStore.get('done/elevenlabs/post_call_transcription/conv_web')).not.toBeNull();
    expect(await deps.blobStore.get(key)).not.toBeNull();
  });

  it('stores nothing for a call already past the agent type retention, and says so (CallPastRetention)', async () => {
    // The call took place at NOW; it arrives 400 days later, past customer support's 365 days.
    const lines: string[] = [];
    captureMetrics((line) => lines.push(line));
    try {
      const late = testDependencies({ clock: new FixedClock(NOW + 400 * 86_400_000) });
      try {
        const key = 'raw/elevenlabs/post_call_transcription/conv_01kfix0support0000000000001';
        await late.blobStore.put(key, readFixture('elevenlabs/post-call-transcription.json'));
        const message = {
          provider: 'elevenlabs',
          event: 'post_call_transcription',
          conversationId: 'conv_01kfix0support0000000000001',
          blobKey: key,
          receivedAt: new Date(late.clock.now()).toISOString(),
        };
        const res = await createIngestWorkerHandler(late)(batch(['old', MAYA, message]), testContext());
        expect(res.batchItemFailures).toEqual([]);
        expect((await late.memoryStore.list(MAYA)).memories).toEqual([]);
        expect(await late.blobStore.get(`snapshots/${MAYA}/elevenlabs_customer_support.json`)).toBeNull();
        expect(await late.blobStore.get('done/elevenlabs/post_call_transcription/conv_01kfix0support0000000000001')).not.toBeNull();
        expect(lines.some((l) => l.includes('"CallPastRetention"'))).toBe(true);
        expect(lines.some((l) => l.includes('"MemoriesWritten"'))).toBe(false);
      } finally {
        late.dispose();
      }
    } finally {
      captureMetrics(null);
    }
  });

  it('dead-letters an unreadable queue message instead of retrying it', async () => {
    const event = await queued(['g', 'not json']);
    const res = await createIngestWorkerHandler(deps, { fifo: false })(event, testContext());
    expect(res.batchItemFailures).toEqual([]);
    expect(deps.queue.deadLetters().map((d) => d.body)).toEqual(['not json']);
  });
});
