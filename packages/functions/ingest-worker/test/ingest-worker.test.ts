import { readFixture } from '@agentic-memory/fixtures';
import { TEST_SECRETS, type TestDependencies, testContext, testDependencies, testSqsEvent } from '@agentic-memory/function-kit/testing';
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
    const key = `raw/elevenlabs/post_call_transcription/${conversationId}`;
    await deps.blobStore.put(key, readFixture(`elevenlabs/${fixture}`));
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
    expect(JSON.parse(Buffer.from(snapshot?.body ?? []).toString()).fields).toMatchObject({ budget: '$18,000', timeline: '3 months' });
    expect((await deps.memoryStore.list(DANIEL)).memories.some((m) => m.type === 'lead')).toBe(true);
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

  it('fails only the broken record’s group; other callers are ingested', async () => {
    const good = await stage('post-call-transcription-sales.json', 'conv_01kfix0sales000000000000001');
    const broken = {
      provider: 'elevenlabs',
      event: 'post_call_transcription',
      conversationId: 'conv_missing',
      blobKey: 'raw/elevenlabs/post_call_transcription/conv_missing',
      receivedAt: new Date(NOW).toISOString(),
    };
    const later = await stage('post-call-transcription.json', 'conv_01kfix0support0000000000001');
    const res = await createIngestWorkerHandler(deps)(
      batch(['bad', MAYA, broken], ['good', DANIEL, good], ['after-bad', MAYA, later]),
      testContext(),
    );
    expect(res.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['after-bad', 'bad']);
    expect((await deps.memoryStore.list(DANIEL)).memories.length).toBeGreaterThan(0);
    expect((await deps.memoryStore.list(MAYA)).memories.length).toBe(0);
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

  it('reports an unreadable message as a failure', async () => {
    const res = await createIngestWorkerHandler(deps, { fifo: false })(batch(['x', 'g', 'not json']), testContext());
    expect(res.batchItemFailures).toEqual([{ itemIdentifier: 'x' }]);
  });
});
