import { buildElevenLabsReply, buildGenericReply } from '@agentic-memory/memory-core';
import { parseElevenLabsInitiation } from '../elevenlabs/elevenlabs-initiation';
import { elevenLabsCallRecord, parseElevenLabsPostCall } from '../elevenlabs/elevenlabs-post-call';
import { verifyElevenLabsSignature } from '../elevenlabs/elevenlabs-signature';
import { parseElevenLabsToolRequest } from '../elevenlabs/elevenlabs-tool-request';
import { PayloadError } from '../payload-error';
import type { PlatformAdapter } from './platform-adapter';
import { msOrNull } from './platform-helpers';
import { checkSharedSecret } from './secret-header';

/** ElevenLabs Agents: secret header on call start and tools, HMAC `ElevenLabs-Signature` on post-call webhooks. */
export const elevenLabsAdapter: PlatformAdapter = {
  provider: 'elevenlabs',

  async authenticate(role, request, secret, nowMs) {
    if (role === 'webhook-intake') {
      const check = verifyElevenLabsSignature(
        request.headers['elevenlabs-signature'],
        request.rawBody,
        await secret('ELEVENLABS_HMAC_KEY'),
        nowMs,
      );
      return check.ok ? { ok: true } : { ok: false, code: 'invalid_signature', reason: check.reason };
    }
    return checkSharedSecret(request.headers['x-workspace-key'], await secret('ELEVENLABS_WORKSPACE_KEY'), 'ELEVENLABS_WORKSPACE_KEY', {
      credential: 'workspace key',
      header: 'X-Workspace-Key',
    });
  },

  parseCallStart(body) {
    const initiation = parseElevenLabsInitiation(body);
    return { callerNumber: initiation.callerNumber, platformIds: [initiation.agentId, initiation.calledNumber] };
  },

  formatCallStart(content, context, agentType, extra) {
    return agentType.response_format === 'generic_v1'
      ? buildGenericReply(content, context, extra.userId ?? '')
      : buildElevenLabsReply(content, agentType);
  },

  parsePostCall(body) {
    const envelope = parseElevenLabsPostCall(body);
    let audio: Uint8Array | undefined;
    if (envelope.event === 'post_call_audio') {
      audio = typeof envelope.data.full_audio === 'string' ? Buffer.from(envelope.data.full_audio, 'base64') : undefined;
      if (!audio || audio.byteLength === 0) throw new PayloadError('data.full_audio is missing');
    }
    return {
      event: envelope.event,
      ingest: envelope.event === 'post_call_transcription',
      conversationId: envelope.conversationId,
      callerNumber: envelope.callerNumber,
      platformIds: [envelope.agentId],
      eventTime: msOrNull(envelope.eventTimestamp),
      audio,
      failure: envelope.event === 'call_initiation_failure',
    };
  },

  callRecord(body) {
    return elevenLabsCallRecord(parseElevenLabsPostCall(body));
  },

  parseToolCalls(request, callerParameter) {
    const parsed = parseElevenLabsToolRequest(request.body, request.headers['x-caller-id'], callerParameter);
    return [{ query: parsed.query, callerNumber: parsed.callerNumber, toolCallId: parsed.toolCallId }];
  },

  formatToolAnswers(answers) {
    const first = answers[0];
    if (!first?.answer) return { statusCode: 400, body: { error: first?.error ?? 'missing_caller' } };
    return { statusCode: 200, body: first.answer };
  },
};
