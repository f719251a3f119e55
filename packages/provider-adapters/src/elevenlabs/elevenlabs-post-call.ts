import { type CallRecord, type EvaluationResult, type MetadataValue, normaliseE164, type Turn } from '@agentic-memory/memory-core';
import { at, isObject, type JsonObject, numberOrNull, PayloadError, stringOrNull } from '../payload-error';
import { isoOrNull } from '../platforms/platform-helpers';

export const ELEVENLABS_EVENTS = ['post_call_transcription', 'post_call_audio', 'call_initiation_failure'] as const;
export type ElevenLabsEvent = (typeof ELEVENLABS_EVENTS)[number];

/** What the intake needs from a post-call webhook, before anything is ingested. */
export interface ElevenLabsPostCallEnvelope {
  /** The envelope `type`; unknown types are kept as sent (stored and counted, not ingested). */
  readonly event: string;
  readonly known: boolean;
  readonly eventTimestamp: number | null;
  readonly conversationId: string;
  readonly agentId: string | null;
  /** The caller in E.164, or null (audio events never carry one). */
  readonly callerNumber: string | null;
  readonly data: JsonObject;
}

/**
 * Unwraps what ElevenLabs posts after a call: the `{type, event_timestamp, data}` envelope, a bare
 * conversation object, or either inside a one-element array (all seen in the wild). Unknown
 * fields are ignored. Throws PayloadError when no conversation id can be found.
 */
export function parseElevenLabsPostCall(body: unknown): ElevenLabsPostCallEnvelope {
  let value = body;
  if (Array.isArray(value)) {
    if (value.length !== 1) throw new PayloadError(`expected one event, got an array of ${value.length}`);
    value = value[0];
  }
  if (!isObject(value)) throw new PayloadError('expected a JSON object');
  let event: string;
  let data: unknown;
  if (typeof value.type === 'string' && isObject(value.data)) {
    event = value.type;
    data = value.data;
  } else if (typeof value.type === 'string' && !('conversation_id' in value)) {
    throw new PayloadError('event has no data object');
  } else if (Array.isArray(value.transcript) || isObject(value.analysis) || isObject(value.metadata)) {
    // A bare conversation object: the transcription model itself.
    event = 'post_call_transcription';
    data = value;
  } else {
    throw new PayloadError('not a post-call event: no type/data envelope and no conversation (transcript, analysis, metadata)');
  }
  if (!isObject(data)) throw new PayloadError('data must be an object');
  const conversationId = stringOrNull(data.conversation_id);
  if (!conversationId) throw new PayloadError('data.conversation_id is missing');
  if (!/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/.test(conversationId)) throw new PayloadError('data.conversation_id has unexpected characters');
  return {
    event,
    known: (ELEVENLABS_EVENTS as readonly string[]).includes(event),
    eventTimestamp: numberOrNull(value.event_timestamp),
    conversationId,
    agentId: stringOrNull(data.agent_id),
    callerNumber: elevenLabsCaller(data),
    data,
  };
}

/**
 * `metadata.phone_call.external_number` → `dynamic_variables.system__caller_id` → `user_id` →
 * `metadata.caller_id` (the seed system's payloads) → none.
 */
export function elevenLabsCaller(data: JsonObject): string | null {
  for (const path of [
    'metadata.phone_call.external_number',
    'conversation_initiation_client_data.dynamic_variables.system__caller_id',
    'user_id',
    'metadata.caller_id',
  ]) {
    const number = normaliseE164(at(data, path));
    if (number) return number;
  }
  // call_initiation_failure (outbound calls only) carries the dialled customer in the telephony body.
  for (const path of ['metadata.body.to_number', 'metadata.body.To']) {
    const number = normaliseE164(at(data, path));
    if (number) return number;
  }
  return null;
}

function scalar(value: unknown): MetadataValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ');
  return JSON.stringify(value);
}

/** The standardised call record of a `post_call_transcription` event. */
export function elevenLabsCallRecord(envelope: ElevenLabsPostCallEnvelope): CallRecord {
  const { data } = envelope;
  const transcript = Array.isArray(data.transcript) ? data.transcript : [];
  const turns: Turn[] = [];
  for (const item of transcript) {
    if (!isObject(item)) continue;
    const text = stringOrNull(item.message);
    if (!text) continue;
    const role = item.role === 'user' ? 'caller' : item.role === 'agent' ? 'agent' : 'system';
    turns.push({ speaker: role, text, offsetSecs: numberOrNull(item.time_in_call_secs) });
  }
  const analysis = isObject(data.analysis) ? data.analysis : {};
  const dataCollection: Record<string, MetadataValue> = {};
  if (isObject(analysis.data_collection_results)) {
    for (const [id, result] of Object.entries(analysis.data_collection_results)) {
      dataCollection[id] = isObject(result) ? scalar(result.value) : scalar(result);
    }
  }
  const evaluation: Record<string, EvaluationResult> = {};
  if (isObject(analysis.evaluation_criteria_results)) {
    for (const [id, result] of Object.entries(analysis.evaluation_criteria_results)) {
      if (isObject(result)) evaluation[id] = { result: String(result.result ?? 'unknown'), rationale: stringOrNull(result.rationale) };
    }
  }
  const metadata = isObject(data.metadata) ? data.metadata : {};
  const start = numberOrNull(metadata.start_time_unix_secs);
  const duration = numberOrNull(metadata.call_duration_secs);
  const direction = at(metadata, 'phone_call.direction');
  return {
    provider: 'elevenlabs',
    conversationId: envelope.conversationId,
    callerNumber: envelope.callerNumber,
    agentId: envelope.agentId,
    // The agent's display name (newer payloads): never the caller's name.
    agentName: stringOrNull(data.agent_name),
    agentNumber: normaliseE164(at(metadata, 'phone_call.agent_number')),
    direction: direction === 'inbound' || direction === 'outbound' ? direction : 'unknown',
    turns,
    summary: stringOrNull(analysis.transcript_summary),
    dataCollection,
    evaluation,
    durationSecs: duration,
    startedAt: isoOrNull(start),
    endedAt: start !== null && duration !== null ? isoOrNull(start + duration) : isoOrNull(envelope.eventTimestamp),
  };
}
