import { readFixture } from '@agentic-memory/fixtures';
import { createIngestWorkerHandler } from '@agentic-memory/fn-ingest-worker';
import { createWebhookIntakeHandler } from '@agentic-memory/fn-webhook-intake';
import { captureMetrics, forgetCaller } from '@agentic-memory/function-kit';
import {
  TEST_SECRETS,
  type TestDependencies,
  testContext,
  testDependencies,
  testHttpEvent,
  testSqsEvent,
} from '@agentic-memory/function-kit/testing';
import { callerKey, FixedClock, type ProfileSnapshot } from '@agentic-memory/memory-core';
import { signElevenLabs } from '@agentic-memory/provider-adapters';
import { ElevenLabsSdkPlatformApi } from '@agentic-memory/provider-adapters/elevenlabs-api';
import { ElevenLabsContractServer } from '@agentic-memory/provider-adapters/testing/elevenlabs';
import { createReconcileHandler, type ReconcileOptions } from '../src/reconcile-handler';

const SUPPORT_AGENT = 'agent_01kfixsupport00000000000000';
const SALES_AGENT = 'agent_01kfixsales0000000000000000';
const MAYA = callerKey(TEST_SECRETS.CALLER_ID_PEPPER, '+15550100123');
const FIXTURE = JSON.parse(readFixture('elevenlabs/post-call-transcription.json')) as { data: Record<string, unknown> };
const CALL_START = (FIXTURE.data.metadata as { start_time_unix_secs: number }).start_time_unix_secs;
/** Two hours after the fixture's call: settled (settle_minutes is 60 in the local environment). */
const NOW = (CALL_START + 2 * 3600) * 1000;

function conversation(id: string, startUnix = CALL_START, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...FIXTURE.data,
    conversation_id: id,
    metadata: { ...(FIXTURE.data.metadata as object), start_time_unix_secs: startUnix },
    ...overrides,
  };
}

describe('reconcile role (SDK → contract server; embedded stores; the real intake and worker)', () => {
  let deps: TestDependencies;
  let server: ElevenLabsContractServer;
  let api: ElevenLabsSdkPlatformApi;
  let clock: FixedClock;
  let sleeps: number[];
  let metrics: string[];

  beforeEach(async () => {
    clock = new FixedClock(NOW);
    deps = testDependencies({ clock });
    server = new ElevenLabsContractServer();
    api = new ElevenLabsSdkPlatformApi({ apiKey: server.apiKey, baseUrl: await server.start(), maxRetries: 2, timeoutSeconds: 5 });
    sleeps = [];
    metrics = [];
    captureMetrics((line) => metrics.push(line));
  });
  afterEach(async () => {
    expect(server.contractViolations).toEqual([]);
    await server.stop();
    deps.dispose();
  });

  const options = (extra: Partial<ReconcileOptions> = {}): ReconcileOptions => ({
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...extra,
  });
  const reconcile = (extra: Partial<ReconcileOptions> = {}, d: TestDependencies | typeof deps = deps) =>
    createReconcileHandler(d, api, options(extra));

  /** Runs the worker over whatever is queued, like the Lambda event source. */
  async function drain(): Promise<number> {
    const worker = createIngestWorkerHandler(deps);
    let handled = 0;
    for (;;) {
      const messages = await deps.queue.receive({ max: 10 });
      if (messages.length === 0) return handled;
      const event = testSqsEvent(messages);
      const result = await worker(event, testContext('ingest-worker'));
      const failed = new Set((result?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
      for (const m of messages) if (!failed.has(m.messageId)) await deps.queue.delete(m.receiptHandle);
      handled += messages.length;
      if (failed.size > 0) throw new Error(`worker failed ${[...failed].join(', ')}`);
    }
  }

  async function deliverWebhook(body: string): Promise<number> {
    const t = Math.floor(clock.now() / 1000);
    const signature = signElevenLabs(body, TEST_SECRETS.ELEVENLABS_HMAC_KEY, t);
    const intake = createWebhookIntakeHandler(deps);
    const res = await intake(testHttpEvent({ path: '/post-call', body, headers: { 'elevenlabs-signature': signature } }), testContext());
    return (res as { statusCode: number }).statusCode;
  }

  async function snapshot(): Promise<ProfileSnapshot | null> {
    const blob = await deps.blobStore.get(`snapshots/${MAYA}/elevenlabs_customer_support.json`);
    return blob ? (JSON.parse(Buffer.from(blob.body).toString('utf8')) as ProfileSnapshot) : null;
  }

  it('a lost webhook: fetches the conversation, stores it where the webhook would have, queues it with the same dedup id; the worker remembers the caller', async () => {
    server.addConversation(conversation('conv_lost_1'));
    const report = await reconcile()({ agentIds: [SUPPORT_AGENT] });
    expect(report).toMatchObject({
      reconciled: 1,
      capped: false,
      agents: [{ agentId: SUPPORT_AGENT, examined: 1, reconciled: 1, error: null }],
    });
    const raw = await deps.blobStore.get('raw/elevenlabs/post_call_transcription/conv_lost_1');
    expect(JSON.parse(Buffer.from(raw?.body ?? []).toString('utf8'))).toMatchObject({
      type: 'post_call_transcription',
      data: { conversation_id: 'conv_lost_1' },
    });
    const [message] = await deps.queue.receive({ max: 10 });
    expect(message).toMatchObject({ groupId: MAYA, deduplicationId: 'elevenlabs:post_call_transcription:conv_lost_1' });
    await deps.queue.changeVisibility(message?.receiptHandle ?? '', 0);
    await drain();
    expect(await snapshot()).toMatchObject({ callCount: 1, fields: { name: 'Maya Okafor' } });
    // ReconciledCalls, with the rollup dimensions the alarm uses.
    const emf = metrics.map((l) => JSON.parse(l)).find((m) => 'ReconciledCalls' in m);
    expect(emf).toMatchObject({ ReconciledCalls: 1, role: 'reconcile', environment: 'local', provider: 'elevenlabs' });
  });

  it('webhook and reconciliation of the same conversation yield one set of memories, in either order', async () => {
    const body = JSON.stringify({ type: 'post_call_transcription', event_timestamp: CALL_START + 75, data: conversation('conv_both') });
    server.addConversation(conversation('conv_both'));
    // Webhook first: reconciliation sees the stored payload and leaves it to the queue.
    expect(await deliverWebhook(body)).toBe(200);
    const first = await reconcile()({ agentIds: [SUPPORT_AGENT] });
    expect(first.agents[0]).toMatchObject({ alreadyQueued: 1, reconciled: 0 });
    await drain();
    const memories = (await deps.memoryStore.list(MAYA)).memories.length;
    expect(memories).toBeGreaterThan(5);
    // Reconciliation again after ingestion: done marker, nothing fetched.
    const gets = () => server.requests.filter((r) => r.path === '/v1/convai/conversations/conv_both').length;
    const before = gets();
    expect((await reconcile()({ agentIds: [SUPPORT_AGENT], since: new Date(CALL_START * 1000).toISOString() })).agents[0]).toMatchObject({
      alreadyIngested: 1,
      reconciled: 0,
    });
    expect(gets()).toBe(before);

    // Reconciliation first, the webhook (retried by ElevenLabs) later: the done marker makes it a no-op.
    server.addConversation(conversation('conv_both_2', CALL_START + 60));
    const second = await reconcile()({ agentIds: [SUPPORT_AGENT] });
    expect(second.agents[0]).toMatchObject({ reconciled: 1 });
    await drain();
    const afterReconcile = (await deps.memoryStore.list(MAYA)).memories.length;
    clock.advance(10 * 60_000);
    const late = JSON.stringify({
      type: 'post_call_transcription',
      event_timestamp: CALL_START + 135,
      data: conversation('conv_both_2', CALL_START + 60),
    });
    expect(await deliverWebhook(late)).toBe(200);
    await drain();
    expect((await deps.memoryStore.list(MAYA)).memories.length).toBe(afterReconcile);
    expect((await snapshot())?.callCount).toBe(2);
  });

  it('a call that started before the caller asked to be forgotten is never stored nor ingested', async () => {
    server.addConversation(conversation('conv_before_erasure'));
    clock.set(NOW - 30 * 60_000);
    await forgetCaller(deps, '+15550100123');
    clock.set(NOW);
    const report = await reconcile()({ agentIds: [SUPPORT_AGENT] });
    expect(report.agents[0]).toMatchObject({ erased: 1, reconciled: 0 });
    expect(await deps.blobStore.get('raw/elevenlabs/post_call_transcription/conv_before_erasure')).toBeNull();
    expect(await deps.queue.receive({ max: 10 })).toEqual([]);
    // The same call delivered late by the webhook is dropped by the worker (start time vs tombstone).
    const body = JSON.stringify({
      type: 'post_call_transcription',
      event_timestamp: CALL_START + 75,
      data: conversation('conv_before_erasure'),
    });
    expect(await deliverWebhook(body)).toBe(200);
    await drain();
    expect((await deps.memoryStore.list(MAYA)).memories).toEqual([]);
    expect(await deps.blobStore.get('raw/elevenlabs/post_call_transcription/conv_before_erasure')).toBeNull();
  });

  it('the watermark survives a restart: a second run examines only what is new', async () => {
    for (let i = 0; i < 3; i += 1) server.addConversation(conversation(`conv_w${i}`, CALL_START + i * 60));
    expect((await reconcile()({ agentIds: [SUPPORT_AGENT] })).reconciled).toBe(3);
    const watermark = JSON.parse(
      Buffer.from((await deps.blobStore.get(`reconcile/elevenlabs/${SUPPORT_AGENT}.json`))?.body ?? []).toString(),
    );
    expect(watermark).toMatchObject({ agent_id: SUPPORT_AGENT, started_at_or_after_unix_secs: CALL_START + 120 });
    // A new process on the same data folder (the stores are reopened).
    const restarted = testDependencies({ clock });
    try {
      const fresh = { ...restarted, blobStore: deps.blobStore, queue: deps.queue };
      server.addConversation(conversation('conv_w3', CALL_START + 600));
      const gets = server.requests.length;
      const report = await reconcile({}, fresh as TestDependencies)({ agentIds: [SUPPORT_AGENT] });
      expect(report.agents[0]).toMatchObject({ examined: 2, alreadyQueued: 1, reconciled: 1 });
      expect(
        server.requests
          .slice(gets)
          .filter((r) => r.path.startsWith('/v1/convai/conversations/'))
          .map((r) => r.path),
      ).toEqual(['/v1/convai/conversations/conv_w3']);
    } finally {
      restarted.dispose();
    }
  });

  it('leaves unsettled calls to the webhook and never moves the watermark past them', async () => {
    server.addConversation(conversation('conv_s0', CALL_START));
    server.addConversation(conversation('conv_s1', CALL_START + 60, { status: 'processing' }));
    server.addConversation(conversation('conv_s2', CALL_START + 120));
    server.addConversation(conversation('conv_recent', Math.floor(NOW / 1000) - 20 * 60));
    const report = await reconcile()({ agentIds: [SUPPORT_AGENT] });
    expect(report.agents[0]).toMatchObject({ examined: 4, reconciled: 2, notSettled: 2 });
    expect(report.agents[0]?.watermark).toBe(new Date(CALL_START * 1000).toISOString());
    // Later the processing call is done, and an hour has passed: the next run picks both up.
    server.conversations.set('conv_s1', { ...(server.conversations.get('conv_s1') as object), status: 'done' });
    clock.advance(3600_000);
    const next = await reconcile()({ agentIds: [SUPPORT_AGENT] });
    expect(next.agents[0]).toMatchObject({ reconciled: 2, alreadyQueued: 2, notSettled: 0 });
  });

  it('is bounded per run (max_conversations_per_run) and resumes from the watermark', async () => {
    for (let i = 0; i < 5; i += 1) server.addConversation(conversation(`conv_c${i}`, CALL_START + i * 60));
    const bounded = {
      ...deps,
      environment: { ...deps.environment, reconcile: { ...deps.environment.reconcile, max_conversations_per_run: 2, page_size: 2 } },
    };
    const first = await reconcile({}, bounded)({ agentIds: [SUPPORT_AGENT] });
    expect(first).toMatchObject({ capped: true, reconciled: 2 });
    const second = await reconcile({}, bounded)({ agentIds: [SUPPORT_AGENT] });
    // The boundary conversation is seen again (already queued: free), then two new ones.
    expect(second).toMatchObject({ capped: true, reconciled: 2 });
    expect(second.agents[0]).toMatchObject({ alreadyQueued: 1 });
    const third = await reconcile({}, bounded)({ agentIds: [SUPPORT_AGENT] });
    expect(third).toMatchObject({ capped: false, reconciled: 1 });
    expect(await drain()).toBe(5);
  });

  it('paces requests at requests_per_second', async () => {
    for (let i = 0; i < 4; i += 1) server.addConversation(conversation(`conv_r${i}`, CALL_START + i * 60));
    const report = await reconcile()({ agentIds: [SUPPORT_AGENT] });
    expect(report.requests).toBe(5);
    // 2 requests per second: every request after the first waits for its slot (~500 ms apart).
    expect(sleeps).toHaveLength(4);
    for (const ms of sleeps) expect(ms).toBeGreaterThan(400);
  });

  it('rides out a 429 with Retry-After; an API that stays down stops that agent with the watermark kept', async () => {
    server.addConversation(conversation('conv_f0', CALL_START));
    server.addConversation(conversation('conv_f1', CALL_START + 60));
    server.fail(429, 1, { retryAfterSecs: 1, match: (r) => r.path === '/v1/convai/conversations' });
    expect((await reconcile()({ agentIds: [SUPPORT_AGENT] })).reconciled).toBe(2);

    server.addConversation(conversation('conv_f2', CALL_START + 120));
    server.fail(503, 3, { retryAfterSecs: 1, match: (r) => r.path === '/v1/convai/conversations/conv_f2' });
    const down = await reconcile()({ agentIds: [SUPPORT_AGENT] });
    expect(down.agents[0]?.error).toMatch(/get conversation conv_f2/);
    expect(down.agents[0]?.watermark).toBe(new Date((CALL_START + 60) * 1000).toISOString());
    const recovered = await reconcile()({ agentIds: [SUPPORT_AGENT] });
    expect(recovered.agents[0]).toMatchObject({ reconciled: 1, error: null });
  }, 20_000);

  it('without --agent-id: the mapped agents whose post-call webhook points at this deployment; --all-agents: every mapped agent', async () => {
    const ours = server.addWebhook('Agentic Memory', 'https://memory.example.test/post-call');
    const theirs = server.addWebhook('Old backend', 'https://old.example.test/hooks/elevenlabs');
    server.addAgent(SUPPORT_AGENT);
    server.addAgent(SALES_AGENT);
    server.patchAgent(SUPPORT_AGENT, { platform_settings: { workspace_overrides: { webhooks: { post_call_webhook_id: ours.id } } } });
    server.patchAgent(SALES_AGENT, { platform_settings: { workspace_overrides: { webhooks: { post_call_webhook_id: theirs.id } } } });
    const report = await reconcile({ baseUrl: 'https://memory.example.test' })({});
    expect(report.agents.map((a) => a.agentId)).toEqual([SUPPORT_AGENT]);
    expect(report.skippedAgents).toEqual([
      { agentId: SALES_AGENT, reason: 'its post-call webhook points at https://old.example.test/hooks/elevenlabs' },
    ]);
    const wrongDeployment = await reconcile({ baseUrl: 'https://other.example.test' })({});
    expect(wrongDeployment.agents).toEqual([]);
    const all = await reconcile()({ allAgents: true });
    expect(all.agents.map((a) => a.agentId).sort()).toEqual([SALES_AGENT, SUPPORT_AGENT].sort());
  });
});
