import { readFixture } from '@agentic-memory/fixtures';
import type { TestDependencies } from '@agentic-memory/function-kit/testing';
import { fakePort, TEST_SECRETS, testContext, testDependencies, testHttpEvent } from '@agentic-memory/function-kit/testing';
import { callerKey, FixedClock, parseIngestMessage } from '@agentic-memory/memory-core';
import { signElevenLabs } from '@agentic-memory/provider-adapters';
import { createWebhookIntakeHandler } from '../src/webhook-intake-handler';

const NOW = Date.parse('2026-10-14T15:05:00Z');
const transcription = readFixture('elevenlabs/post-call-transcription.json');

describe('webhook-intake (ElevenLabs) through the Middy stack', () => {
  let deps: TestDependencies;
  let handler: ReturnType<typeof createWebhookIntakeHandler>;
  beforeEach(() => {
    deps = testDependencies({ clock: new FixedClock(NOW) });
    handler = createWebhookIntakeHandler(deps);
  });
  afterEach(() => deps.dispose());

  const signed = (body: string | Buffer, extra: Record<string, string> = {}, path = '/post-call', base64 = false) =>
    handler(
      testHttpEvent({
        path,
        body,
        base64,
        headers: { 'elevenlabs-signature': signElevenLabs(Buffer.from(body), TEST_SECRETS.ELEVENLABS_HMAC_KEY, NOW / 1000), ...extra },
      }),
      testContext(),
    );

  it('stores the raw payload, queues a pointer grouped by caller key, and answers 200', async () => {
    const res = await signed(transcription);
    expect(res).toMatchObject({ statusCode: 200, body: JSON.stringify({ status: 'queued' }) });
    const stored = await deps.blobStore.get('raw/elevenlabs/post_call_transcription/conv_01kfix0support0000000000001');
    expect(Buffer.from(stored?.body ?? []).toString('utf8')).toBe(transcription);
    const [message] = await deps.queue.receive({ max: 10 });
    expect(message?.groupId).toBe(callerKey(TEST_SECRETS.CALLER_ID_PEPPER, '+15550100123'));
    expect(message?.deduplicationId).toBe('elevenlabs:post_call_transcription:conv_01kfix0support0000000000001');
    expect(parseIngestMessage(message?.body ?? '')).toEqual({
      provider: 'elevenlabs',
      event: 'post_call_transcription',
      conversationId: 'conv_01kfix0support0000000000001',
      blobKey: 'raw/elevenlabs/post_call_transcription/conv_01kfix0support0000000000001',
      receivedAt: new Date(NOW).toISOString(),
    });
    expect(message?.body).not.toContain('5550100123');
  });

  it('answers a platform retry 200 without queueing twice', async () => {
    await signed(transcription);
    await signed(transcription, {}, '/v1/elevenlabs/webhook');
    expect(deps.queue.depth().live).toBe(1);
  });

  it('accepts a base64-encoded body (API Gateway) and verifies the decoded bytes', async () => {
    expect((await signed(transcription, {}, '/post-call', true)).statusCode).toBe(200);
  });

  it('accepts the 540 KB transcript and queues only a pointer', async () => {
    const long = readFixture('elevenlabs/post-call-transcription-long.json');
    expect(long.length).toBeGreaterThan(500_000);
    expect((await signed(long)).statusCode).toBe(200);
    const [message] = await deps.queue.receive({ max: 1 });
    expect(message?.body.length).toBeLessThan(400);
  });

  it('groups a call without a caller by conversation', async () => {
    const body = JSON.stringify({
      type: 'post_call_transcription',
      event_timestamp: NOW / 1000,
      data: { conversation_id: 'conv_web_1', transcript: [] },
    });
    expect((await signed(body)).statusCode).toBe(200);
    expect((await deps.queue.receive({ max: 1 }))[0]?.groupId).toBe('conv:conv_web_1');
  });

  it('stores post-call audio bytes by conversation, without queueing', async () => {
    const audio = readFixture('elevenlabs/post-call-audio.json');
    expect((await signed(audio)).statusCode).toBe(200);
    const { data } = JSON.parse(audio) as { data: { conversation_id: string; full_audio: string } };
    const stored = await deps.blobStore.get(`audio/elevenlabs/${data.conversation_id}.mp3`);
    expect(Buffer.from(stored?.body ?? []).equals(Buffer.from(data.full_audio, 'base64'))).toBe(true);
    expect(stored?.contentType).toBe('audio/mpeg');
    expect(deps.queue.depth().live).toBe(0);
  });

  it('stores initiation failures and unknown events, answers 200, queues nothing', async () => {
    expect((await signed(readFixture('elevenlabs/call-initiation-failure.json'))).statusCode).toBe(200);
    expect(await deps.blobStore.get('raw/elevenlabs/call_initiation_failure/conv_01kfix0fail00000000000001')).not.toBeNull();
    const unknown = JSON.stringify({ type: 'voice_removal_notice', event_timestamp: 1, data: { conversation_id: 'conv_x' } });
    expect((await signed(unknown)).statusCode).toBe(200);
    expect(await deps.blobStore.get('raw/elevenlabs/voice_removal_notice/conv_x')).not.toBeNull();
    const weird = JSON.stringify({ type: 'Weird Type!', data: { conversation_id: 'conv_y' } });
    expect((await signed(weird)).statusCode).toBe(200);
    expect(await deps.blobStore.get('raw/elevenlabs/unknown_event/conv_y')).not.toBeNull();
    expect(deps.queue.depth().live).toBe(0);
  });

  it('checks in order: 401, then 413, then 415, then 400', async () => {
    const big = `{"pad":"${'x'.repeat(5_600_000)}"}`;
    // Unsigned and too big: authentication first.
    expect((await handler(testHttpEvent({ path: '/post-call', body: big }), testContext())).statusCode).toBe(401);
    expect((await signed(big)).statusCode).toBe(413);
    expect((await signed('not json', { 'content-type': 'text/plain' })).statusCode).toBe(415);
    const malformed = await signed('{"type":');
    expect(malformed).toMatchObject({ statusCode: 400, body: JSON.stringify({ error: 'malformed_body' }) });
    expect((await signed('{"type":"post_call_transcription","data":{}}')).statusCode).toBe(400);
  });

  it('rejects a wrong, stale or missing signature with 401 and stores nothing', async () => {
    const wrongKey = signElevenLabs(transcription, 'another-secret', NOW / 1000);
    const stale = signElevenLabs(transcription, TEST_SECRETS.ELEVENLABS_HMAC_KEY, NOW / 1000 - 31 * 60);
    for (const signature of [wrongKey, stale, 'garbage', '']) {
      const res = await handler(
        testHttpEvent({ path: '/post-call', body: transcription, headers: { 'elevenlabs-signature': signature } }),
        testContext(),
      );
      expect(res).toMatchObject({ statusCode: 401, body: JSON.stringify({ error: 'invalid_signature' }) });
    }
    expect(await deps.blobStore.list('raw/')).toEqual([]);
    expect(deps.queue.depth().live).toBe(0);
  });

  it('accepts the shared signature vector at its own timestamp', async () => {
    const vector = JSON.parse(readFixture('elevenlabs/signature-vector.json')) as { timestamp: number; body: string; header: string };
    if (deps.clock instanceof FixedClock) deps.clock.set(vector.timestamp * 1000);
    const res = await handler(
      testHttpEvent({ path: '/post-call', body: vector.body, headers: { 'elevenlabs-signature': vector.header } }),
      testContext(),
    );
    expect(res.statusCode).toBe(200);
  });

  it('answers 503 when the payload cannot be stored, so the platform retries', async () => {
    const failing = { ...deps, blobStore: fakePort(deps.blobStore, { put: async () => Promise.reject(new Error('disk full')) }) };
    const res = await createWebhookIntakeHandler(failing)(
      testHttpEvent({
        path: '/post-call',
        body: transcription,
        headers: { 'elevenlabs-signature': signElevenLabs(transcription, TEST_SECRETS.ELEVENLABS_HMAC_KEY, NOW / 1000) },
      }),
      testContext(),
    );
    expect(res).toMatchObject({ statusCode: 503, body: JSON.stringify({ error: 'temporarily_unavailable' }) });
    expect(deps.queue.depth().live).toBe(0);
  });
});
