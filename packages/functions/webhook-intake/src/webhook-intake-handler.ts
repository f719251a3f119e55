import {
  authenticatorFor,
  BlobKeys,
  createHttpHandler,
  type Dependencies,
  emit,
  HttpError,
  type HttpEvent,
  type HttpLambda,
  identifyCaller,
  json,
  logger,
  providerForPath,
  setMetricContext,
} from '@agentic-memory/function-kit';
import { conversationGroupId, type IngestMessage, maskPhone, resolveAgentType } from '@agentic-memory/memory-core';
import { PayloadError, parseElevenLabsPostCall } from '@agentic-memory/provider-adapters';

/** Events that become memories; every other authenticated event is stored and answered 200. */
const INGESTED_EVENTS = new Set(['post_call_transcription']);

/**
 * Post-call intake: verify → store the raw payload → queue a pointer → 200, fast and independent
 * of transcript length. Storage or queue failures answer 503 so the platform retries; the raw
 * payload is stored idempotently and the queue deduplicates on provider:event:conversation.
 */
export function createWebhookIntakeHandler(deps: Dependencies): HttpLambda {
  return createHttpHandler(
    {
      role: 'webhook-intake',
      deps,
      authenticate: authenticatorFor('webhook-intake'),
      onUnexpectedError: () => json(503, { error: 'temporarily_unavailable' }),
    },
    async (event: HttpEvent) => {
      const provider = providerForPath(event.rawPath) ?? 'elevenlabs';
      let envelope: ReturnType<typeof parseElevenLabsPostCall>;
      try {
        envelope = parseElevenLabsPostCall(event.jsonBody);
      } catch (error) {
        if (error instanceof PayloadError) throw new HttpError(400, 'malformed_body', error.reason);
        throw error;
      }
      const agentType = resolveAgentType({ provider, platformIds: [envelope.agentId] }, deps.agentTypes, deps.environment.agent_map);
      setMetricContext(agentType.agentType, provider);
      const receivedAt = new Date(deps.clock.now()).toISOString();
      const log = { provider, event: envelope.event, conversationId: envelope.conversationId, caller: maskPhone(envelope.callerNumber) };

      if (envelope.event === 'post_call_audio') {
        const audio = typeof envelope.data.full_audio === 'string' ? Buffer.from(envelope.data.full_audio, 'base64') : null;
        if (!audio || audio.byteLength === 0) throw new HttpError(400, 'malformed_body', 'data.full_audio is missing');
        await deps.blobStore.put(BlobKeys.audio(provider, envelope.conversationId), audio, { contentType: 'audio/mpeg' });
        emit('AudioStored');
        logger.info('post-call audio stored', { ...log, bytes: audio.byteLength });
        return json(200, { status: 'stored' });
      }

      // Unknown event types come from the sender: only a safe name goes into a key.
      const eventKey = /^[a-z0-9_]{1,64}$/.test(envelope.event) ? envelope.event : 'unknown_event';
      const blobKey = BlobKeys.raw(provider, eventKey, envelope.conversationId);
      await deps.blobStore.put(blobKey, event.rawBody, { contentType: 'application/json' });

      if (!INGESTED_EVENTS.has(envelope.event)) {
        if (envelope.event === 'call_initiation_failure') emit('InitiationFailure');
        else emit('IgnoredEvent');
        logger.info('event stored, not ingested', log);
        return json(200, { status: 'stored' });
      }

      let groupId = conversationGroupId(envelope.conversationId);
      if (envelope.callerNumber) groupId = (await identifyCaller(deps, envelope.callerNumber, agentType.config)).key;
      const message: IngestMessage = { provider, event: envelope.event, conversationId: envelope.conversationId, blobKey, receivedAt };
      const sent = await deps.queue.send({
        body: JSON.stringify(message),
        groupId,
        deduplicationId: `${provider}:${envelope.event}:${envelope.conversationId}`,
      });
      emit('EventQueued');
      logger.info('post-call event queued', { ...log, duplicate: sent.duplicate, bytes: event.rawBody.byteLength });
      return json(200, { status: 'queued' });
    },
  );
}
