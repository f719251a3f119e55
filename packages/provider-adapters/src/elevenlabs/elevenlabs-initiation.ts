import { normaliseE164 } from '@agentic-memory/memory-core';
import { isObject, PayloadError, stringOrNull } from '../payload-error';

/** What ElevenLabs posts to the conversation-initiation (client-data) webhook. */
export interface ElevenLabsInitiation {
  /** The caller in E.164, or null when withheld or not a phone call. */
  readonly callerNumber: string | null;
  readonly agentId: string | null;
  readonly calledNumber: string | null;
  readonly callSid: string | null;
}

/**
 * Reads `caller_id`, `agent_id`, `called_number`, `call_sid` (also the `system__` spellings some
 * setups forward). Unknown fields are ignored; only a non-object body is an error.
 */
export function parseElevenLabsInitiation(body: unknown): ElevenLabsInitiation {
  if (!isObject(body)) throw new PayloadError('expected a JSON object');
  return {
    callerNumber: normaliseE164(body.caller_id ?? body.system__caller_id),
    agentId: stringOrNull(body.agent_id ?? body.system__agent_id),
    calledNumber: normaliseE164(body.called_number ?? body.system__called_number),
    callSid: stringOrNull(body.call_sid ?? body.system__call_sid),
  };
}
