import { type AgentType, conversationGroupId, type IngestMessage, type Provider } from '@agentic-memory/memory-core';
import type { PostCallEnvelope } from '@agentic-memory/provider-adapters';
import { BlobKeys, storageId } from './blob-keys';
import type { ConversationIndex } from './caller-erasure';
import { identifyCaller } from './caller-identity';
import type { RoleDependencies } from './dependencies';

/** What the store-then-queue path touches: the blob store (raw payload, caller index) and the queue. */
export type PostCallIntakeDependencies = Pick<RoleDependencies<'blobStore' | 'queue'>, 'blobStore' | 'queue' | 'secrets'>;

export interface PostCallIntake {
  /** `queued` for an event that becomes memories, `stored` for one kept but not ingested. */
  readonly status: 'queued' | 'stored';
  readonly blobKey: string;
  /** The event name used in keys (unsafe names from the sender become `unknown_event`). */
  readonly eventKey: string;
  /** The queue saw the deduplication id within its window (null: the queue does not say). */
  readonly duplicate: boolean | null;
}

/** The deduplication id of a post-call event: the webhook and reconciliation use the same one. */
export function postCallDeduplicationId(provider: string, eventKey: string, conversationId: string): string {
  return `${provider}:${eventKey}:${storageId(conversationId)}`;
}

/** The event name that goes into keys: event types come from the sender, so only a safe name. */
export function postCallEventKey(event: string): string {
  return /^[a-z0-9_-]{1,64}$/.test(event) ? event : 'unknown_event';
}

/**
 * The one path from an accepted post-call event to the worker, shared by the webhook intake and
 * reconciliation: store the raw body (idempotent key), index it under the caller for forget-me
 * (written alongside the payload, not after it), then — for an event that becomes memories —
 * queue a pointer with the caller key as message group and provider:event:conversation as
 * deduplication id. Audio events are not handled here (the intake stores them apart).
 */
export async function storeAndQueuePostCall(
  deps: PostCallIntakeDependencies,
  input: {
    readonly provider: Provider;
    readonly envelope: PostCallEnvelope;
    readonly rawBody: Uint8Array | string;
    readonly agentType: AgentType;
    /** ISO-8601 UTC: when this copy of the event reached us. */
    readonly receivedAt: string;
  },
): Promise<PostCallIntake> {
  const { provider, envelope } = input;
  const eventKey = postCallEventKey(envelope.event);
  const blobKey = BlobKeys.raw(provider, eventKey, envelope.conversationId);
  const caller = envelope.callerNumber ? await identifyCaller(deps, envelope.callerNumber, input.agentType) : null;
  const index: ConversationIndex = { raw: blobKey, analytics: null, audio: BlobKeys.audio(provider, envelope.conversationId) };
  await Promise.all([
    deps.blobStore.put(blobKey, input.rawBody, { contentType: 'application/json' }),
    caller
      ? deps.blobStore.put(
          envelope.ingest
            ? BlobKeys.callerConversation(caller.key, provider, envelope.conversationId)
            : BlobKeys.callerEvent(caller.key, provider, envelope.conversationId, eventKey),
          JSON.stringify(index),
          { contentType: 'application/json' },
        )
      : null,
  ]);
  if (!envelope.ingest) return { status: 'stored', blobKey, eventKey, duplicate: null };

  const message: IngestMessage = {
    provider,
    event: eventKey,
    conversationId: envelope.conversationId,
    blobKey,
    receivedAt: input.receivedAt,
  };
  const sent = await deps.queue.send({
    body: JSON.stringify(message),
    groupId: caller ? caller.key : conversationGroupId(envelope.conversationId),
    deduplicationId: postCallDeduplicationId(provider, eventKey, envelope.conversationId),
  });
  return { status: 'queued', blobKey, eventKey, duplicate: sent.duplicate };
}
