import {
  BlobKeys,
  createQueueHandler,
  emitSingle,
  eraseConversationOf,
  erasedAfterCallStarted,
  everErased,
  identifyCaller,
  logger,
  PermanentFailure,
  permanently,
  type QueueHandlerOptions,
  type QueueLambda,
  type RoleDependencies,
} from '@agentic-memory/function-kit';
import {
  type AgentTypeResolution,
  BlobExistsError,
  type CallRecord,
  conversationGroupId,
  type IngestMessage,
  isProvider,
  maskPhone,
  parseIngestMessage,
  resolveAgentType,
  sanitizeCallRecord,
} from '@agentic-memory/memory-core';
import { platformAdapter } from '@agentic-memory/provider-adapters';
import type { SQSRecord } from 'aws-lambda';
import { type CallWriterDependencies, type IngestNotes, writeCall } from './call-writer';

/**
 * What the worker uses: the blob store (payloads, markers, snapshots, tombstones), the memory store,
 * and the queue its messages come from (visibility and dead letters).
 */
export type IngestWorkerDependencies = CallWriterDependencies & Pick<RoleDependencies<'queue'>, 'queue'>;

/** How one queued message ended (every outcome but a thrown error is final). */
type Outcome = 'ingested' | 'duplicate' | 'erased' | 'no_caller' | 'past_retention';

/**
 * The worker: for each queued event, load the raw payload, standardise it, turn it into memories
 * per the agent type, write them, rebuild the caller's profile snapshot, then write the `done`
 * marker — so a redelivered message changes nothing. One bad message fails only its caller's group.
 */
export function createIngestWorkerHandler(deps: IngestWorkerDependencies, options: QueueHandlerOptions = {}): QueueLambda {
  async function markDone(doneKey: string): Promise<void> {
    try {
      await deps.blobStore.putIfAbsent(doneKey, new Date(deps.clock.now()).toISOString());
    } catch (error) {
      if (!(error instanceof BlobExistsError)) throw error;
    }
  }

  /** Raw payload → standardised call, through the platform's adapter (mapping-driven platforms use the provider's default agent type). */
  function standardise(provider: string, raw: Uint8Array): { record: CallRecord; dropped: readonly string[] } {
    if (!isProvider(provider)) throw new PermanentFailure(`no adapter for provider ${provider}`);
    const preliminary = resolveAgentType({ provider }, deps.agentTypes, deps.environment.agent_map, deps.environment.memory_spaces);
    const parsed = permanently('the raw payload cannot be read as a call', () =>
      platformAdapter(provider).callRecord(
        JSON.parse(Buffer.from(raw).toString('utf8')),
        preliminary.config.webhooks.post_call.field_mappings,
      ),
    );
    // Out-of-range or ill-typed values are dropped, named in a warning; the rest of the call is remembered.
    const { record, dropped } = sanitizeCallRecord(parsed);
    if (dropped.length > 0) {
      emitSingle('FieldsDropped', dropped.length, null, provider);
      logger.warn('fields dropped from the call: out of range or of the wrong type', {
        conversationId: record.conversationId,
        fields: dropped.slice(0, 20),
      });
    }
    return { record, dropped };
  }

  function resolve(record: CallRecord): AgentTypeResolution {
    const resolution = resolveAgentType(
      { provider: record.provider, platformIds: [record.agentId, record.agentNumber] },
      deps.agentTypes,
      deps.environment.agent_map,
      deps.environment.memory_spaces,
    );
    if (resolution.fellBack) {
      emitSingle('AgentTypeFallback', 1, resolution.agentType, record.provider);
      logger.warn('agent type fallback', { agentType: resolution.agentType, reason: resolution.reason });
    }
    return resolution;
  }

  /**
   * A message whose payload is gone: forget-me erased a queued call through the intake's index. The
   * message group is the caller key (unless the call had no caller), and only forget-me deletes a
   * raw payload indexed under a caller: a tombstone of that caller says so (whatever its time —
   * erasures of one caller may race each other); anything else is a real fault.
   */
  async function payloadErased(sqsRecord: SQSRecord, message: IngestMessage): Promise<boolean> {
    const groupKey = sqsRecord.attributes.MessageGroupId;
    const callerGroup = groupKey && groupKey !== conversationGroupId(message.conversationId) ? groupKey : null;
    return callerGroup !== null && (await everErased(deps, callerGroup));
  }

  /** Writes a call of a known caller, unless they asked to be forgotten before or while it was written. */
  async function ingestCall(
    record: CallRecord,
    resolution: AgentTypeResolution,
    message: IngestMessage,
    notes: IngestNotes,
  ): Promise<Outcome> {
    const log = { conversationId: record.conversationId, agentType: resolution.agentType, caller: maskPhone(record.callerNumber) };
    const caller = await identifyCaller(deps, record.callerNumber as string, resolution.config);
    // The tombstone is compared with the call's start: a call made before forget-me is never
    // ingested, whatever delivers it (a retried webhook, reconciliation).
    const erasedBefore = () => erasedAfterCallStarted(deps, caller.key, { startedAt: record.startedAt, receivedAt: message.receivedAt });
    if (await erasedBefore()) {
      // The caller asked to be forgotten after this call started: drop it, payload included.
      await deps.blobStore.delete(message.blobKey);
      emitSingle('ForgottenDropped', 1, resolution.agentType, record.provider);
      logger.info('message of an erased caller dropped', log);
      return 'erased';
    }
    const written = await writeCall(
      deps,
      record,
      resolution.agentType,
      resolution.config,
      caller,
      message.blobKey,
      message.receivedAt,
      notes,
    );
    if (await erasedBefore()) {
      // Forget-me ran while this call was being written: undo it.
      await eraseConversationOf(deps, caller.key, caller.e164, record.provider, record.conversationId);
      emitSingle('ForgottenDropped', 1, resolution.agentType, record.provider);
      logger.info('caller erased during ingestion: what this call wrote was removed', log);
      return 'erased';
    }
    if (!written.stored) {
      // Retention counts from the call's time: an old call stores nothing, and says so.
      emitSingle('CallPastRetention', 1, resolution.agentType, record.provider);
      logger.warn('call is past the agent type retention: nothing stored', {
        ...log,
        callAt: written.callAt,
        expiredAt: written.expiredAt,
        retentionDays: resolution.config.memory_config.retention_days,
      });
      return 'past_retention';
    }
    logger.info('call ingested', { ...log, memories: written.memories, callCount: written.callCount });
    return 'ingested';
  }

  async function ingest(sqsRecord: SQSRecord): Promise<Outcome> {
    const message = permanently('the queue message is not an ingest message', () => parseIngestMessage(sqsRecord.body));
    const doneKey = BlobKeys.done(message.provider, message.event, message.conversationId);
    if (await deps.blobStore.get(doneKey)) {
      emitSingle('DuplicateDelivery', 1, null, message.provider);
      logger.info('already ingested', { conversationId: message.conversationId });
      return 'duplicate';
    }
    const raw = await deps.blobStore.get(message.blobKey);
    if (!raw) {
      if (!(await payloadErased(sqsRecord, message))) throw new PermanentFailure(`raw payload ${message.blobKey} is missing`);
      await markDone(doneKey);
      emitSingle('ForgottenDropped', 1, null, message.provider);
      logger.info('message of an erased caller dropped (payload already erased)', { conversationId: message.conversationId });
      return 'erased';
    }
    const { record, dropped } = standardise(message.provider, raw.body);
    const resolution = resolve(record);
    let outcome: Outcome;
    if (record.callerNumber) {
      outcome = await ingestCall(record, resolution, message, { droppedFields: dropped });
    } else {
      // Nothing to key memories on (web call, withheld number): the raw payload stays stored.
      emitSingle('CallWithoutCaller', 1, resolution.agentType, record.provider);
      logger.warn('call has no caller number: raw payload kept, no memories written', {
        conversationId: record.conversationId,
        agentType: resolution.agentType,
      });
      outcome = 'no_caller';
    }
    await markDone(doneKey);
    if (outcome === 'erased') return outcome;
    const eventTime = record.endedAt ? Date.parse(record.endedAt) : Number.NaN;
    const from = Number.isNaN(eventTime) ? Date.parse(message.receivedAt) : eventTime;
    if (!Number.isNaN(from)) emitSingle('IngestLag', Math.max(0, deps.clock.now() - from), resolution.agentType, record.provider);
    return outcome;
  }

  async function recordHandler(sqsRecord: SQSRecord): Promise<void> {
    try {
      await ingest(sqsRecord);
    } catch (error) {
      if (error instanceof PermanentFailure) throw error;
      emitSingle('IngestFailure', 1, null, null);
      logger.error('ingest failed; the message will be retried', {
        messageId: sqsRecord.messageId,
        receiveCount: sqsRecord.attributes?.ApproximateReceiveCount,
        error: error as Error,
      });
      throw error;
    }
  }

  return createQueueHandler(recordHandler, {
    environmentName: deps.environment.name,
    role: 'ingest-worker',
    queue: deps.queue,
    ...options,
  });
}
export { type CallWriterDependencies, seedCall, type WrittenCall, writeCall } from './call-writer';
