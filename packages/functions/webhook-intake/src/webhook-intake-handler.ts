import { createHash } from 'node:crypto';
import {
  authenticatorFor,
  BlobKeys,
  createHttpHandler,
  emit,
  HttpError,
  type HttpEvent,
  type HttpLambda,
  json,
  logger,
  providerForPath,
  type RoleDependencies,
  setMetricContext,
  storeAndQueuePostCall,
} from '@agentic-memory/function-kit';
import { maskPhone, resolveAgentType } from '@agentic-memory/memory-core';
import { PayloadError, type PostCallEnvelope, platformAdapter } from '@agentic-memory/provider-adapters';

/**
 * Post-call intake, for every platform through its adapter: verify → store the raw payload →
 * queue a pointer → 200, fast and independent of transcript length. Storage or queue failures
 * answer 503 so the platform retries; the raw payload is stored idempotently and the queue
 * deduplicates on provider:event:conversation. Authenticated events that are not ingested are
 * stored and counted, and answered 200 (platforms disable webhooks that keep failing).
 */
/** What the intake uses: the blob store (raw payloads, caller index) and the queue. */
export type WebhookIntakeDependencies = RoleDependencies<'blobStore' | 'queue'>;

export function createWebhookIntakeHandler(deps: WebhookIntakeDependencies): HttpLambda {
  return createHttpHandler(
    {
      role: 'webhook-intake',
      deps,
      authenticate: authenticatorFor('webhook-intake'),
      onUnexpectedError: () => json(503, { error: 'temporarily_unavailable' }),
    },
    async (event: HttpEvent) => {
      const provider = providerForPath(event.rawPath) ?? 'elevenlabs';
      const preliminary = resolveAgentType({ provider }, deps.agentTypes, deps.environment.agent_map);
      let envelope: PostCallEnvelope;
      try {
        envelope = platformAdapter(provider).parsePostCall(event.jsonBody, preliminary.config.webhooks.post_call.field_mappings);
      } catch (error) {
        if (error instanceof PayloadError) throw new HttpError(400, 'malformed_body', error.reason);
        // Authenticated JSON the adapter could not read: kept (never lost) and answered 200 — a 5xx
        // would make the platform resend the same bytes until it disables the webhook.
        const key = BlobKeys.raw(provider, 'unreadable', createHash('sha256').update(event.rawBody).digest('hex').slice(0, 40));
        await deps.blobStore.put(key, event.rawBody, { contentType: 'application/json' });
        emit('IgnoredEvent');
        logger.warn('post-call event stored but not readable', { provider, key, error: (error as Error).message });
        return json(200, { status: 'stored' });
      }
      const agentType = resolveAgentType({ provider, platformIds: envelope.platformIds }, deps.agentTypes, deps.environment.agent_map);
      setMetricContext(agentType.agentType, provider);
      const receivedAt = new Date(deps.clock.now()).toISOString();
      const log = { provider, event: envelope.event, conversationId: envelope.conversationId, caller: maskPhone(envelope.callerNumber) };

      if (envelope.audio) {
        await deps.blobStore.put(BlobKeys.audio(provider, envelope.conversationId), envelope.audio, { contentType: 'audio/mpeg' });
        emit('AudioStored');
        logger.info('post-call audio stored', { ...log, bytes: envelope.audio.byteLength });
        return json(200, { status: 'stored' });
      }

      // Raw payload + the caller's forget-me index, then (for an ingested event) the queue: the
      // same path reconciliation feeds, with the same deduplication id.
      const accepted = await storeAndQueuePostCall(deps, {
        provider,
        envelope,
        rawBody: event.rawBody,
        agentType: agentType.config,
        receivedAt,
      });
      if (accepted.status === 'stored') {
        emit(envelope.failure ? 'InitiationFailure' : 'IgnoredEvent');
        logger.info('event stored, not ingested', log);
        return json(200, { status: 'stored' });
      }
      emit('EventQueued');
      logger.info('post-call event queued', { ...log, duplicate: accepted.duplicate, bytes: event.rawBody.byteLength });
      return json(200, { status: 'queued' });
    },
  );
}
