import { buildGenericReply, normaliseE164 } from '@agentic-memory/memory-core';
import { isObject, PayloadError, stringOrNull } from '../payload-error';
import type { FieldMappings, PlatformAdapter } from './platform-adapter';
import { firstAt, isoOrNull, msOrNull, numberOrNull, scalars, turnsFrom } from './platform-helpers';
import { checkSharedSecret } from './secret-header';

const DEFAULTS: FieldMappings = {
  user_id: ['user_id', 'caller_id', 'customer_id', 'phone_number', 'from'],
  agent_id: ['agent_id', 'assistant_id'],
  conversation_id: ['conversation_id', 'call_id', 'session_id'],
  transcript: ['transcript', 'messages', 'conversation'],
  summary: ['summary', 'analysis.summary'],
  timestamp: ['timestamp', 'created_at', 'ended_at'],
  duration: ['duration', 'duration_secs'],
  data: ['data', 'structured_data', 'analysis.structured_data'],
};

function paths(mappings: FieldMappings, field: string): readonly string[] {
  return mappings[field] ?? DEFAULTS[field] ?? [field];
}

function conversationId(body: unknown, mappings: FieldMappings): string {
  const id = stringOrNull(firstAt(body, paths(mappings, 'conversation_id')));
  if (!id || !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(id))
    throw new PayloadError(`no conversation id at ${paths(mappings, 'conversation_id').join(' | ')}`);
  return id;
}

/**
 * Any other voice platform: `X-API-Key` on every route; payloads read through the agent type's
 * `field_mappings` (dot paths, first match wins); replies in the brief's `generic_v1` format.
 */
export const genericAdapter: PlatformAdapter = {
  provider: 'generic',

  async authenticate(_role, request, secret) {
    return checkSharedSecret(request.headers['x-api-key'], await secret('GENERIC_API_KEY'), 'GENERIC_API_KEY', {
      credential: 'API key',
      header: 'X-API-Key',
    });
  },

  parseCallStart(body, mappings) {
    if (!isObject(body)) throw new PayloadError('expected a JSON object');
    return {
      callerNumber: normaliseE164(firstAt(body, paths(mappings, 'user_id'))),
      platformIds: [stringOrNull(firstAt(body, paths(mappings, 'agent_id')))],
    };
  },

  formatCallStart(content, context, _agentType, extra) {
    return buildGenericReply(content, context, extra.userId ?? '');
  },

  parsePostCall(body, mappings) {
    if (!isObject(body)) throw new PayloadError('expected a JSON object');
    return {
      event: 'call_ended',
      ingest: true,
      conversationId: conversationId(body, mappings),
      callerNumber: normaliseE164(firstAt(body, paths(mappings, 'user_id'))),
      platformIds: [stringOrNull(firstAt(body, paths(mappings, 'agent_id')))],
      eventTime: msOrNull(firstAt(body, paths(mappings, 'timestamp'))),
    };
  },

  callRecord(body, mappings) {
    const at = isoOrNull(firstAt(body, paths(mappings, 'timestamp')));
    const duration = numberOrNull(firstAt(body, paths(mappings, 'duration')));
    return {
      provider: 'generic',
      conversationId: conversationId(body, mappings),
      callerNumber: normaliseE164(firstAt(body, paths(mappings, 'user_id'))),
      agentId: stringOrNull(firstAt(body, paths(mappings, 'agent_id'))),
      agentNumber: null,
      direction: 'unknown',
      turns: turnsFrom(firstAt(body, paths(mappings, 'transcript'))),
      summary: stringOrNull(firstAt(body, paths(mappings, 'summary'))),
      dataCollection: scalars(firstAt(body, paths(mappings, 'data'))),
      evaluation: {},
      durationSecs: duration,
      startedAt: at,
      endedAt: at && duration !== null ? (isoOrNull(Date.parse(at) + duration * 1000) ?? at) : at,
    };
  },

  parseToolCalls(request, callerParameter) {
    const body = request.body;
    if (!isObject(body)) throw new PayloadError('expected a JSON object');
    const callerNumber = normaliseE164(request.headers['x-caller-id']) ?? normaliseE164(body[callerParameter]);
    return [{ query: (stringOrNull(body.query) ?? stringOrNull(body.question) ?? '').slice(0, 1000), callerNumber, toolCallId: null }];
  },

  formatToolAnswers(answers) {
    const first = answers[0];
    if (!first?.answer) return { statusCode: 400, body: { error: first?.error ?? 'missing_caller' } };
    return { statusCode: 200, body: first.answer };
  },
};
