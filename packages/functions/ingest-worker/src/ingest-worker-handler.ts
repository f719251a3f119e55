import {
  BlobKeys,
  createQueueHandler,
  type Dependencies,
  emitSingle,
  identifyCaller,
  logger,
  type QueueHandlerOptions,
  type QueueLambda,
  withDeadline,
} from '@agentic-memory/function-kit';
import {
  BlobExistsError,
  type CallRecord,
  isProvider,
  maskPhone,
  memoriesFromCall,
  type ProfileSnapshot,
  parseIngestMessage,
  resolveAgentType,
  updateProfileSnapshot,
} from '@agentic-memory/memory-core';
import { platformAdapter } from '@agentic-memory/provider-adapters';
import type { SQSRecord } from 'aws-lambda';

/** Writing memories may take a while (a remote store ingests asynchronously); it is off the hot path. */
const INGEST_DEADLINE_MS = 20_000;

/** Platform parsing through the adapter: raw payload → standardised call (mapping-driven platforms use the provider's default agent type). */
function standardise(deps: Dependencies, provider: string, raw: Uint8Array): CallRecord {
  if (!isProvider(provider)) throw new Error(`no adapter for provider ${provider}`);
  const body: unknown = JSON.parse(Buffer.from(raw).toString('utf8'));
  const preliminary = resolveAgentType({ provider }, deps.agentTypes, deps.environment.agent_map);
  return platformAdapter(provider).callRecord(body, preliminary.config.webhooks.post_call.field_mappings);
}

/**
 * The worker: for each queued event, load the raw payload, standardise it, turn it into memories
 * per the agent type, write them, rebuild the caller's profile snapshot, then write the `done`
 * marker — so a redelivered message changes nothing. One bad message fails only its caller's group.
 */
export function createIngestWorkerHandler(deps: Dependencies, options: QueueHandlerOptions = {}): QueueLambda {
  async function ingest(sqsRecord: SQSRecord): Promise<void> {
    const message = parseIngestMessage(sqsRecord.body);
    const doneKey = BlobKeys.done(message.provider, message.event, message.conversationId);
    if (await deps.blobStore.get(doneKey)) {
      emitSingle('DuplicateDelivery', 1, null, message.provider);
      logger.info('already ingested', { conversationId: message.conversationId });
      return;
    }
    const raw = await deps.blobStore.get(message.blobKey);
    if (!raw) throw new Error(`raw payload ${message.blobKey} is missing`);
    const record = standardise(deps, message.provider, raw.body);
    const eventTime = record.endedAt ? Date.parse(record.endedAt) : null;
    const resolution = resolveAgentType(
      { provider: record.provider, platformIds: [record.agentId, record.agentNumber] },
      deps.agentTypes,
      deps.environment.agent_map,
    );
    if (resolution.fellBack) {
      emitSingle('AgentTypeFallback', 1, resolution.agentType, record.provider);
      logger.warn('agent type fallback', { agentType: resolution.agentType, reason: resolution.reason });
    }
    const log = { conversationId: record.conversationId, agentType: resolution.agentType, caller: maskPhone(record.callerNumber) };
    if (!record.callerNumber) {
      // Nothing to key memories on (web call, withheld number): the raw payload stays stored.
      emitSingle('CallWithoutCaller', 1, resolution.agentType, record.provider);
      logger.warn('call has no caller number: raw payload kept, no memories written', log);
    } else {
      const caller = await identifyCaller(deps, record.callerNumber, resolution.config);
      const { memories } = memoriesFromCall(record, {
        agentTypeName: resolution.agentType,
        agentType: resolution.config,
        clock: deps.clock,
      });
      const snapshotKey = BlobKeys.snapshot(caller.key, resolution.agentType);
      const previousBlob = await deps.blobStore.get(snapshotKey);
      const previous = previousBlob ? (JSON.parse(Buffer.from(previousBlob.body).toString('utf8')) as ProfileSnapshot) : null;
      const started = performance.now();
      await withDeadline(INGEST_DEADLINE_MS, (signal) =>
        deps.memoryStore.add(caller.userId, memories, { signal, conversation: { id: record.conversationId, turns: record.turns } }),
      );
      emitSingle('MemoryStoreLatency', performance.now() - started, resolution.agentType, record.provider);
      emitSingle('MemoriesWritten', memories.length, resolution.agentType, record.provider);
      // Built from what we extracted, not read back: a remote store indexes asynchronously.
      const snapshot = updateProfileSnapshot(previous, record.conversationId, memories, {
        callerKey: caller.key,
        agentTypeName: resolution.agentType,
        agentType: resolution.config,
        clock: deps.clock,
      });
      await deps.blobStore.put(snapshotKey, JSON.stringify(snapshot), { contentType: 'application/json' });
      await deps.blobStore.put(BlobKeys.callerConversation(caller.key, record.provider, record.conversationId), message.blobKey);
      logger.info('call ingested', { ...log, memories: memories.length, callCount: snapshot.callCount });
    }
    try {
      await deps.blobStore.putIfAbsent(doneKey, new Date(deps.clock.now()).toISOString());
    } catch (error) {
      if (!(error instanceof BlobExistsError)) throw error;
    }
    const from = eventTime ?? Date.parse(message.receivedAt);
    if (!Number.isNaN(from)) emitSingle('IngestLag', Math.max(0, deps.clock.now() - from), resolution.agentType, record.provider);
  }

  async function recordHandler(sqsRecord: SQSRecord): Promise<void> {
    try {
      await ingest(sqsRecord);
    } catch (error) {
      emitSingle('IngestFailure', 1, null, null);
      logger.error('ingest failed; the message will be retried', {
        messageId: sqsRecord.messageId,
        receiveCount: sqsRecord.attributes?.ApproximateReceiveCount,
        error: error as Error,
      });
      throw error;
    }
  }

  return createQueueHandler(recordHandler, options);
}
