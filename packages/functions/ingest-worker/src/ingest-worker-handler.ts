import {
  BlobKeys,
  type ConversationIndex,
  createQueueHandler,
  type Dependencies,
  emitSingle,
  eraseConversationOf,
  erasedSince,
  identifyCaller,
  logger,
  type QueueHandlerOptions,
  type QueueLambda,
  withDeadline,
} from '@agentic-memory/function-kit';
import {
  BlobExistsError,
  type CallRecord,
  type ConversationRecord,
  conversationGroupId,
  isProvider,
  maskPhone,
  memoriesFromCall,
  type ProfileSnapshot,
  parseIngestMessage,
  resolveAgentType,
  topicsOf,
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

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

/**
 * The worker: for each queued event, load the raw payload, standardise it, turn it into memories
 * per the agent type, write them, rebuild the caller's profile snapshot, then write the `done`
 * marker — so a redelivered message changes nothing. One bad message fails only its caller's group.
 */
export function createIngestWorkerHandler(deps: Dependencies, options: QueueHandlerOptions = {}): QueueLambda {
  async function markDone(doneKey: string): Promise<void> {
    try {
      await deps.blobStore.putIfAbsent(doneKey, new Date(deps.clock.now()).toISOString());
    } catch (error) {
      if (!(error instanceof BlobExistsError)) throw error;
    }
  }

  async function ingest(sqsRecord: SQSRecord): Promise<void> {
    const message = parseIngestMessage(sqsRecord.body);
    const doneKey = BlobKeys.done(message.provider, message.event, message.conversationId);
    if (await deps.blobStore.get(doneKey)) {
      emitSingle('DuplicateDelivery', 1, null, message.provider);
      logger.info('already ingested', { conversationId: message.conversationId });
      return;
    }
    const raw = await deps.blobStore.get(message.blobKey);
    if (!raw) {
      // Forget-me erases a queued call's payload through the intake's index. The message group is
      // the caller key (unless the call had no caller): a tombstone newer than the message says so;
      // anything else is a real fault.
      const groupKey = sqsRecord.attributes.MessageGroupId;
      const callerGroup = groupKey && groupKey !== conversationGroupId(message.conversationId) ? groupKey : null;
      if (callerGroup && (await erasedSince(deps, callerGroup, message.receivedAt))) {
        await markDone(doneKey);
        emitSingle('ForgottenDropped', 1, null, message.provider);
        logger.info('message of an erased caller dropped (payload already erased)', { conversationId: message.conversationId });
        return;
      }
      throw new Error(`raw payload ${message.blobKey} is missing`);
    }
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
      const erasedBefore = () => erasedSince(deps, caller.key, message.receivedAt);
      if (await erasedBefore()) {
        // The caller asked to be forgotten after this call reached us: drop it, payload included.
        await deps.blobStore.delete(message.blobKey);
        await markDone(doneKey);
        emitSingle('ForgottenDropped', 1, resolution.agentType, record.provider);
        logger.info('message of an erased caller dropped', log);
        return;
      }
      const { memories, fields } = memoriesFromCall(record, {
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
      const at = record.endedAt ?? record.startedAt ?? message.receivedAt;
      const analyticsKey = BlobKeys.analytics(at.slice(0, 10), resolution.agentType, record.conversationId);
      const analytics: ConversationRecord = {
        conversation_id: record.conversationId,
        caller_key: caller.key,
        agent_type: resolution.agentType,
        provider: record.provider,
        at,
        memories: memories.length,
        memory_types: countBy(memories.map((m) => m.type)),
        topics: [...new Set(memories.flatMap((m) => topicsOf(m.text)))],
        fields: Object.keys(fields),
        returning: (previous?.recentConversations ?? []).some((c) => c !== record.conversationId),
      };
      await deps.blobStore.put(analyticsKey, JSON.stringify(analytics), { contentType: 'application/json' });
      const index: ConversationIndex = {
        raw: message.blobKey,
        analytics: analyticsKey,
        audio: BlobKeys.audio(record.provider, record.conversationId),
      };
      await deps.blobStore.put(BlobKeys.callerConversation(caller.key, record.provider, record.conversationId), JSON.stringify(index), {
        contentType: 'application/json',
      });
      if (await erasedBefore()) {
        // Forget-me ran while this call was being written: undo it.
        await eraseConversationOf(deps, caller.key, caller.e164, record.provider, record.conversationId);
        await markDone(doneKey);
        emitSingle('ForgottenDropped', 1, resolution.agentType, record.provider);
        logger.info('caller erased during ingestion: what this call wrote was removed', log);
        return;
      }
      logger.info('call ingested', { ...log, memories: memories.length, callCount: snapshot.callCount });
    }
    await markDone(doneKey);
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

  return createQueueHandler(recordHandler, { environmentName: deps.environment.name, role: 'ingest-worker', ...options });
}
