/**
 * Call start through its real Middy stack, in process: the snapshot path (one blob read per call,
 * no cache) and the store-deadline path (snapshot missing, a slow store, the deadline serving the
 * new-caller reply).
 */
import { readFixture } from '@agentic-memory/fixtures';
import { createConversationStartHandler } from '@agentic-memory/fn-conversation-start';
import { seedCall } from '@agentic-memory/fn-ingest-worker';
import { BlobKeys, TtlCache } from '@agentic-memory/function-kit';
import { TEST_SECRETS, testContext, testDependencies, testHttpEvent } from '@agentic-memory/function-kit/testing';
import { FixedClock, type MemoryStore, percentile } from '@agentic-memory/memory-core';
import { elevenLabsCallRecord, parseElevenLabsPostCall } from '@agentic-memory/provider-adapters';
import type { BenchReport } from './report';

export async function benchInProcess(report: BenchReport): Promise<void> {
  const deps = testDependencies({ clock: new FixedClock(Date.parse('2026-10-20T00:00:00Z')) });
  try {
    const call = elevenLabsCallRecord(parseElevenLabsPostCall(JSON.parse(readFixture('elevenlabs/post-call-transcription.json'))));
    const { callerKey } = await seedCall(deps, 'elevenlabs_customer_support', call);
    const event = () =>
      testHttpEvent({
        path: '/client-data',
        body: JSON.stringify({ caller_id: '+15550100123' }),
        headers: { 'x-workspace-key': TEST_SECRETS.ELEVENLABS_WORKSPACE_KEY },
      });
    // A cache that keeps nothing: every request reads the snapshot.
    const noCache = () => new TtlCache<never>(0);
    const snapshotHandler = createConversationStartHandler(deps, { cache: noCache() });
    const snap: number[] = [];
    for (let i = 0; i < 500; i += 1) {
      const t0 = performance.now();
      const res = await snapshotHandler(event(), testContext('conversation-start'));
      snap.push(performance.now() - t0);
      if (!res.body?.includes('Maya')) throw new Error('snapshot path did not greet the caller');
    }
    const method = '500 handler calls through the Middy stack, in-process, no TTL cache: one snapshot read (disk blob store) per call';
    report.record('conversation_start.snapshot_p99_ms', percentile(snap, 99), method);
    report.record('conversation_start.snapshot_p50_ms', percentile(snap, 50), 'same, median');

    await deps.blobStore.delete(BlobKeys.snapshot(callerKey, 'elevenlabs_customer_support'));
    const slow: MemoryStore = {
      add: (...args) => deps.memoryStore.add(...args),
      search: (query) => deps.memoryStore.search(query),
      deleteUser: (...args) => deps.memoryStore.deleteUser(...args),
      list: (userId, options) => new Promise((r) => setTimeout(() => r(deps.memoryStore.list(userId, options)), 400)),
    };
    const support = deps.agentTypes.elevenlabs_customer_support;
    if (!support) throw new Error('no support agent type');
    const agentTypes = { ...deps.agentTypes, elevenlabs_customer_support: { ...support, on_snapshot_miss: 'query_store' as const } };
    const storeHandler = createConversationStartHandler({ ...deps, memoryStore: slow, agentTypes }, { cache: noCache() });
    const store: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const t0 = performance.now();
      const res = await storeHandler(event(), testContext('conversation-start'));
      store.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error('store path failed the call');
    }
    report.record(
      'conversation_start.store_p99_ms',
      percentile(store, 99),
      `40 calls with the snapshot removed, on_snapshot_miss=query_store, the store answering in 400 ms: the ${support.recall_deadline_ms} ms deadline fires and the new-caller reply is served`,
    );
  } finally {
    deps.dispose();
  }
}
