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
