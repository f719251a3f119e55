import { normaliseE164, singleLine } from '@agentic-memory/memory-core';
import { at, isObject, type JsonObject, PayloadError, stringOrNull } from '../payload-error';
import type { PlatformAdapter, ToolCall } from './platform-adapter';
import { isoOrNull, msOrNull, scalars, stringValues, turnsFrom } from './platform-helpers';
import { verifyVapiSignature } from './platform-signatures';
import { checkSharedSecret } from './secret-header';

function message(body: unknown): JsonObject {
  if (!isObject(body) || !isObject(body.message)) throw new PayloadError('expected a Vapi server message {"message": {...}}');
  return body.message;
}

function caller(m: JsonObject): string | null {
  return normaliseE164(at(m, 'call.customer.number')) ?? normaliseE164(at(m, 'customer.number'));
}

function callId(m: JsonObject): string {
  const id = stringOrNull(at(m, 'call.id'));
  if (!id || !/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(id))
    throw new PayloadError('message.call.id is missing or has unexpected characters');
  return id;
}

function platformIds(m: JsonObject): (string | null)[] {
  return [
    stringOrNull(at(m, 'call.phoneNumberId')),
    stringOrNull(at(m, 'phoneNumber.id')),
    stringOrNull(at(m, 'call.assistantId')),
    normaliseE164(at(m, 'phoneNumber.number')),
  ];
}

/** Tool arguments arrive as a JSON string or an object, under `function.arguments`, `arguments` or `parameters`. */
function argumentsOf(call: JsonObject): JsonObject {
  const raw = at(call, 'function.arguments') ?? call.arguments ?? call.parameters;
  if (typeof raw === 'string') {
    try {
      const parsed: unknown = JSON.parse(raw);
      return isObject(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }
  return isObject(raw) ? raw : {};
}

/**
 * Vapi server URL messages: `assistant-request` (reply within Vapi's 7.5 s with the assistant and
 * its variable values), `tool-calls` (always HTTP 200, single-line results), `end-of-call-report`
 * (ingested; other server messages stored and ignored). Auth: `X-Vapi-Secret`, `Authorization:
 * Bearer`, or the HMAC credential profile (x-signature/x-timestamp).
 */
/** The tool call's id and the function's name, as Vapi's `ToolCallResult` carries them. */
function named(call: ToolCall): { toolCallId: string | null; name: string } {
  return { toolCallId: call.toolCallId, name: call.name ?? 'memory_search' };
}

export const vapiAdapter: PlatformAdapter = {
  provider: 'vapi',

  async authenticate(_role, request, secret, nowMs) {
    const expected = await secret('VAPI_SECRET');
    if (!expected) return { ok: false, code: 'unauthorized', reason: 'VAPI_SECRET is not configured' };
    const h = request.headers;
    if (h['x-signature'] !== undefined) {
      const check = verifyVapiSignature(h['x-signature'], h['x-timestamp'], request.rawBody, expected, nowMs);
      return check.ok ? { ok: true } : { ok: false, code: 'invalid_signature', reason: check.reason };
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(h.authorization ?? '')?.[1];
    return checkSharedSecret(h['x-vapi-secret'] ?? bearer, expected, 'VAPI_SECRET', { credential: 'Vapi secret', header: 'X-Vapi-Secret' });
  },

  parseCallStart(body) {
    const m = message(body);
    return { callerNumber: caller(m), platformIds: platformIds(m) };
  },

  formatCallStart(content, _context, agentType, extra) {
    const overrides: Record<string, unknown> = { variableValues: stringValues(content.dynamicVariables) };
    if (agentType.response_config.overrides.first_message) overrides.firstMessage = content.greeting;
    return { ...(extra.platformAgentId ? { assistantId: extra.platformAgentId } : {}), assistantOverrides: overrides };
  },

  parsePostCall(body) {
    const m = message(body);
    const type = stringOrNull(m.type) ?? 'unknown';
    return {
      event: type,
      ingest: type === 'end-of-call-report',
      conversationId: callId(m),
      callerNumber: caller(m),
      platformIds: platformIds(m),
      eventTime: msOrNull(m.timestamp) ?? msOrNull(m.endedAt),
    };
  },

  callRecord(body) {
    const m = message(body);
    const analysis = isObject(m.analysis) ? m.analysis : {};
    const success = analysis.successEvaluation;
    const evaluation: Record<string, { result: string; rationale: string | null }> = {};
    if (success !== undefined && success !== null) {
      const verdict = String(success).toLowerCase();
      evaluation.success_evaluation = {
        result: ['true', 'pass', 'success', 'yes'].includes(verdict)
          ? 'success'
          : ['false', 'fail', 'failure', 'no'].includes(verdict)
            ? 'failure'
            : verdict,
        rationale: null,
      };
    }
    const startedAt = isoOrNull(m.startedAt);
    const endedAt = isoOrNull(m.endedAt);
    const messages = at(m, 'artifact.messages');
    return {
      provider: 'vapi',
      conversationId: callId(m),
      callerNumber: caller(m),
      agentId: stringOrNull(at(m, 'call.assistantId')) ?? stringOrNull(at(m, 'assistant.id')),
      // The assistant's name: never the caller's name.
      agentName: stringOrNull(at(m, 'assistant.name')),
      agentNumber: normaliseE164(at(m, 'phoneNumber.number')),
      direction: String(at(m, 'call.type') ?? '').startsWith('outbound')
        ? 'outbound'
        : String(at(m, 'call.type') ?? '').startsWith('inbound')
          ? 'inbound'
          : 'unknown',
      turns: Array.isArray(messages)
        ? turnsFrom(messages, (item) => (typeof item.secondsFromStart === 'number' ? item.secondsFromStart : null))
        : turnsFrom(at(m, 'artifact.transcript')),
      summary: stringOrNull(analysis.summary),
      dataCollection: scalars(analysis.structuredData),
      evaluation,
      durationSecs: startedAt && endedAt ? (Date.parse(endedAt) - Date.parse(startedAt)) / 1000 : null,
      startedAt,
      endedAt,
    };
  },

  parseToolCalls(request) {
    const m = message(request.body);
    const list = Array.isArray(m.toolCallList) ? m.toolCallList : Array.isArray(m.toolCalls) ? m.toolCalls : [];
    if (list.length === 0) throw new PayloadError('message.toolCallList is empty');
    const callerNumber = caller(m);
    const ids = platformIds(m);
    return list.filter(isObject).map<ToolCall>((call) => {
      const args = argumentsOf(call);
      return {
        query: (stringOrNull(args.query) ?? stringOrNull(args.question) ?? '').slice(0, 1000),
        callerNumber,
        toolCallId: stringOrNull(call.id),
        name: stringOrNull(at(call, 'function.name')) ?? stringOrNull(call.name),
        platformIds: ids,
      };
    });
  },

  // Vapi ignores any status but 200 and any multi-line string; its ToolCallResult names the tool.
  formatToolAnswers(answers) {
    return {
      statusCode: 200,
      body: {
        results: answers.map((a) =>
          a.answer
            ? { ...named(a.call), result: singleLine(a.answer.result, 2000) }
            : { ...named(a.call), error: singleLine(a.error ?? 'no caller number on this call') },
        ),
      },
    };
  },
};
