import { normaliseE164, singleLine } from '@agentic-memory/memory-core';
import { isObject, type JsonObject, PayloadError, stringOrNull } from '../payload-error';
import type { PlatformAdapter } from './platform-adapter';
import { isoOrNull, scalars, stringValues, turnsFrom } from './platform-helpers';
import { verifyRetellSignature } from './platform-signatures';

/** The caller: `from_number` on inbound calls, `to_number` on outbound ones. */
function callerOf(call: JsonObject): string | null {
  return call.direction === 'outbound' ? normaliseE164(call.to_number) : normaliseE164(call.from_number);
}

function callOf(body: unknown): JsonObject {
  if (!isObject(body) || !isObject(body.call)) throw new PayloadError('expected a Retell webhook {"event", "call": {...}}');
  return body.call;
}

function callId(call: JsonObject): string {
  const id = stringOrNull(call.call_id);
  if (!id || !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(id))
    throw new PayloadError('call.call_id is missing or has unexpected characters');
  return id;
}

/**
 * Retell AI: `call_inbound` (dynamic variables, all strings; optional override agent), call webhooks
 * (`call_analyzed` ingested — it carries the summary; `call_started`/`call_ended` stored), custom
 * functions (`{name, call, args}` or args at the root). Every request is signed with
 * `x-retell-signature: v=<ms>,d=<hex>` over raw body + timestamp, ±5 min.
 */
export const retellAdapter: PlatformAdapter = {
  provider: 'retell',

  async authenticate(_role, request, secret, nowMs) {
    const check = verifyRetellSignature(request.headers['x-retell-signature'], request.rawBody, await secret('RETELL_API_KEY'), nowMs);
    return check.ok ? { ok: true } : { ok: false, code: 'invalid_signature', reason: check.reason };
  },

  parseCallStart(body) {
    if (!isObject(body) || !isObject(body.call_inbound))
      throw new PayloadError('expected {"event": "call_inbound", "call_inbound": {...}}');
    const inbound = body.call_inbound;
    return {
      callerNumber: normaliseE164(inbound.from_number),
      platformIds: [stringOrNull(inbound.agent_id), normaliseE164(inbound.to_number)],
    };
  },

  formatCallStart(content, _context, _agentType, extra) {
    return {
      call_inbound: {
        dynamic_variables: stringValues(content.dynamicVariables),
        ...(extra.platformAgentId ? { override_agent_id: extra.platformAgentId } : {}),
      },
    };
  },

  parsePostCall(body) {
    const call = callOf(body);
    const event = stringOrNull((body as JsonObject).event) ?? 'unknown';
    return {
      event,
      ingest: event === 'call_analyzed',
      conversationId: callId(call),
      callerNumber: callerOf(call),
      platformIds: [
        stringOrNull(call.agent_id),
        call.direction === 'outbound' ? normaliseE164(call.from_number) : normaliseE164(call.to_number),
      ],
      eventTime:
        typeof call.end_timestamp === 'number'
          ? call.end_timestamp
          : typeof call.start_timestamp === 'number'
            ? call.start_timestamp
            : null,
    };
  },

  callRecord(body) {
    const call = callOf(body);
    const analysis = isObject(call.call_analysis) ? call.call_analysis : {};
    const evaluation: Record<string, { result: string; rationale: string | null }> = {};
    if (typeof analysis.call_successful === 'boolean')
      evaluation.call_successful = { result: analysis.call_successful ? 'success' : 'failure', rationale: null };
    if (typeof analysis.user_sentiment === 'string')
      evaluation.user_sentiment = { result: analysis.user_sentiment.toLowerCase(), rationale: null };
    const outbound = call.direction === 'outbound';
    return {
      provider: 'retell',
      conversationId: callId(call),
      callerNumber: callerOf(call),
      agentId: stringOrNull(call.agent_id),
      agentNumber: outbound ? normaliseE164(call.from_number) : normaliseE164(call.to_number),
      direction: outbound ? 'outbound' : call.direction === 'inbound' ? 'inbound' : 'unknown',
      turns: Array.isArray(call.transcript_object) ? turnsFrom(call.transcript_object) : turnsFrom(call.transcript),
      summary: stringOrNull(analysis.call_summary),
      dataCollection: { ...scalars(call.collected_dynamic_variables), ...scalars(analysis.custom_analysis_data) },
      evaluation,
      durationSecs: typeof call.duration_ms === 'number' ? call.duration_ms / 1000 : null,
      startedAt: isoOrNull(call.start_timestamp),
      endedAt: isoOrNull(call.end_timestamp),
    };
  },

  parseToolCalls(request, callerParameter) {
    const body = request.body;
    if (!isObject(body)) throw new PayloadError('expected a JSON object');
    const wrapped = isObject(body.args) || isObject(body.call);
    const args = wrapped ? (isObject(body.args) ? body.args : {}) : body;
    // The caller comes from the signed body: the call object Retell attaches, or — with arguments
    // at the root — the argument bound to the caller's number. Never an unsigned header: a
    // captured signed body must not be replayable for another caller.
    const callerNumber = isObject(body.call) ? callerOf(body.call) : wrapped ? null : normaliseE164(args[callerParameter]);
    return [
      {
        query: (stringOrNull(args.query) ?? stringOrNull(args.question) ?? '').slice(0, 1000),
        callerNumber,
        toolCallId: isObject(body.call) ? stringOrNull(body.call.call_id) : null,
        platformIds: isObject(body.call) ? [stringOrNull(body.call.agent_id)] : [],
      },
    ];
  },

  formatToolAnswers(answers) {
    const first = answers[0];
    if (!first?.answer) return { statusCode: 400, body: { error: first?.error ?? 'missing_caller' } };
    return { statusCode: 200, body: { result: singleLine(first.answer.result, 2000), memories: first.answer.memories } };
  },
};
