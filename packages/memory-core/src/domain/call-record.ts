import type { MetadataValue } from './memory';

export const PROVIDERS = ['elevenlabs', 'vapi', 'retell', 'generic'] as const;
export type Provider = (typeof PROVIDERS)[number];

export type Speaker = 'caller' | 'agent' | 'tool' | 'system';
export type CallDirection = 'inbound' | 'outbound' | 'unknown';

export interface Turn {
  readonly speaker: Speaker;
  readonly text: string;
  /** Seconds from the start of the call, when the platform says. */
  readonly offsetSecs: number | null;
}

export interface EvaluationResult {
  /** Platform verdict, e.g. `success`, `failure`, `unknown`. */
  readonly result: string;
  readonly rationale: string | null;
}

/**
 * A finished call, independent of the platform that reported it. Provider adapters build it;
 * memory-core turns it into memories.
 */
export interface CallRecord {
  readonly provider: Provider;
  readonly conversationId: string;
  /** The caller's number in E.164, or null when the platform gave none. */
  readonly callerNumber: string | null;
  readonly agentId: string | null;
  /** The agent's name from the platform's metadata (ElevenLabs `agent_name`), when it sends one. */
  readonly agentName?: string | null;
  /** The number the caller dialled (inbound) or the agent's number (outbound). */
  readonly agentNumber: string | null;
  readonly direction: CallDirection;
  readonly turns: readonly Turn[];
  readonly summary: string | null;
  /** Structured data-collection results, keyed by the platform's field id. */
  readonly dataCollection: Readonly<Record<string, MetadataValue>>;
  readonly evaluation: Readonly<Record<string, EvaluationResult>>;
  readonly durationSecs: number | null;
  /** ISO-8601 UTC. */
  readonly startedAt: string | null;
  /** ISO-8601 UTC. */
  readonly endedAt: string | null;
}

export function isProvider(value: string): value is Provider {
  return (PROVIDERS as readonly string[]).includes(value);
}

/** What a call record may hold: anything beyond is a corrupt or hostile value. */
export const CALL_LIMITS = {
  /** Plausible call instants (UTC). */
  earliestMs: Date.UTC(2000, 0, 1),
  latestMs: Date.UTC(2100, 0, 1),
  /** A week: longer is not a phone call. */
  maxDurationSecs: 7 * 86_400,
  maxIdLength: 256,
  maxTextLength: 100_000,
  maxValueLength: 10_000,
  maxTurns: 20_000,
} as const;

const SPEAKERS: readonly Speaker[] = ['caller', 'agent', 'tool', 'system'];

/**
 * A call record whose every field has the type and range the domain expects, and the fields that
 * did not (dropped, so the rest of the call is still remembered; the caller of this names them in a
 * warning). Adapters already read defensively; this is the last guard before memories are built.
 */
export function sanitizeCallRecord(record: CallRecord): { record: CallRecord; dropped: string[] } {
  const dropped: string[] = [];
  const text = (value: unknown, field: string, max: number): string | null => {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'string') {
      dropped.push(field);
      return null;
    }
    if (value.length > max) dropped.push(`${field} (truncated)`);
    return value.slice(0, max);
  };
  const instant = (value: unknown, field: string): string | null => {
    if (value === null || value === undefined) return null;
    const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
    if (!Number.isFinite(ms) || ms < CALL_LIMITS.earliestMs || ms > CALL_LIMITS.latestMs) {
      dropped.push(field);
      return null;
    }
    return new Date(ms).toISOString();
  };
  const finite = (value: unknown, field: string, min: number, max: number): number | null => {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      dropped.push(field);
      return null;
    }
    return value;
  };
  const scalar = (value: unknown, field: string): MetadataValue => {
    if (value === null || typeof value === 'boolean') return value;
    if (typeof value === 'number') return finite(value, field, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    if (typeof value === 'string') return text(value, field, CALL_LIMITS.maxValueLength);
    dropped.push(field);
    return null;
  };
  const rawTurns = Array.isArray(record.turns) ? record.turns : [];
  if (!Array.isArray(record.turns)) dropped.push('turns');
  if (rawTurns.length > CALL_LIMITS.maxTurns) dropped.push('turns (truncated)');
  const turns: Turn[] = [];
  for (const [i, turn] of rawTurns.slice(0, CALL_LIMITS.maxTurns).entries()) {
    const t = turn as Partial<Turn> | null;
    const words = text(t?.text, `turns[${i}].text`, CALL_LIMITS.maxTextLength);
    if (!words) continue;
    const speaker = SPEAKERS.includes(t?.speaker as Speaker) ? (t?.speaker as Speaker) : 'system';
    if (speaker !== t?.speaker) dropped.push(`turns[${i}].speaker`);
    turns.push({ speaker, text: words, offsetSecs: finite(t?.offsetSecs, `turns[${i}].offsetSecs`, 0, CALL_LIMITS.maxDurationSecs) });
  }
  const dataCollection: Record<string, MetadataValue> = {};
  for (const [key, value] of Object.entries(record.dataCollection ?? {})) dataCollection[key] = scalar(value, `dataCollection.${key}`);
  const evaluation: Record<string, EvaluationResult> = {};
  for (const [key, value] of Object.entries(record.evaluation ?? {})) {
    const result = text(value?.result, `evaluation.${key}.result`, CALL_LIMITS.maxValueLength);
    if (result) evaluation[key] = { result, rationale: text(value?.rationale, `evaluation.${key}.rationale`, CALL_LIMITS.maxTextLength) };
  }
  const direction: CallDirection = ['inbound', 'outbound', 'unknown'].includes(record.direction) ? record.direction : 'unknown';
  if (direction !== record.direction) dropped.push('direction');
  const sanitized: CallRecord = {
    provider: record.provider,
    conversationId: record.conversationId,
    callerNumber: text(record.callerNumber, 'callerNumber', 32),
    agentId: text(record.agentId, 'agentId', CALL_LIMITS.maxIdLength),
    agentNumber: text(record.agentNumber, 'agentNumber', 32),
    direction,
    turns,
    summary: text(record.summary, 'summary', CALL_LIMITS.maxTextLength),
    dataCollection,
    evaluation,
    durationSecs: finite(record.durationSecs, 'durationSecs', 0, CALL_LIMITS.maxDurationSecs),
    startedAt: instant(record.startedAt, 'startedAt'),
    endedAt: instant(record.endedAt, 'endedAt'),
  };
  return { record: sanitized, dropped };
}
