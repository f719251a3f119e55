import { normaliseE164 } from '@agentic-memory/memory-core';
import { isObject, type JsonObject, PayloadError, stringOrNull } from '../payload-error';

/** A server-tool (webhook tool) call from an ElevenLabs agent, in either shape it arrives in. */
export interface ElevenLabsToolRequest {
  readonly query: string;
  /** The caller in E.164, or null when neither the header nor a bound parameter names one. */
  readonly callerNumber: string | null;
  readonly toolCallId: string | null;
  readonly conversationId: string | null;
}

/** Unfilled template: the platform did not substitute the dynamic variable (web calls, tests). */
const UNFILLED = /^\{\{.*\}\}$/;

function callerFrom(value: unknown): string | null {
  if (typeof value === 'string' && UNFILLED.test(value.trim())) return null;
  return normaliseE164(value);
}

/**
 * Accepts the flat body (`{query, user_id}`) and the wrapped one (`{tool_call_id, tool_name,
 * parameters: {…}, conversation_id}`). The caller comes from the platform, never from the LLM:
 * the `X-Caller-Id` header (configured as `{{system__caller_id}}`) first, else the body parameter
 * bound to that variable (`callerParameter`, then `caller_id`, `user_id`, `system__caller_id`).
 */
export function parseElevenLabsToolRequest(
  body: unknown,
  callerHeader: string | undefined,
  callerParameter = 'caller_id',
): ElevenLabsToolRequest {
  if (!isObject(body)) throw new PayloadError('expected a JSON object');
  const wrapped = isObject(body.parameters);
  const params: JsonObject = wrapped ? (body.parameters as JsonObject) : body;
  const query = stringOrNull(params.query) ?? stringOrNull(params.question) ?? stringOrNull(params.q) ?? '';
  let callerNumber = callerFrom(callerHeader);
  if (callerNumber === null) {
    for (const key of [callerParameter, 'caller_id', 'user_id', 'system__caller_id']) {
      callerNumber = callerFrom(params[key]);
      if (callerNumber !== null) break;
    }
  }
  return {
    query: query.slice(0, 1000),
    callerNumber,
    toolCallId: wrapped ? stringOrNull(body.tool_call_id) : null,
    conversationId: stringOrNull(body.conversation_id) ?? stringOrNull(params.conversation_id),
  };
}
