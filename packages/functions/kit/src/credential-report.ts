import type { SecretName } from '@agentic-memory/memory-core';
import { emitSingle, logger } from './observability';

/** A credential's log line at most once a minute per container: a flood of requests must not flood the logs. */
const LOG_INTERVAL_MS = 60_000;
const lastLogged = new Map<string, number>();

/**
 * Reports a credential the environment secret lacks or holds only a placeholder for: an error log
 * line naming it and what stops working, and the `MissingCredential` metric (alarmed on).
 */
export function reportMissingCredential(name: SecretName, problem: 'missing' | 'placeholder', effect: string, nowMs: number): void {
  emitSingle('MissingCredential', 1, null, null, { secret: name });
  const last = lastLogged.get(name);
  if (last !== undefined && nowMs - last < LOG_INTERVAL_MS) return;
  lastLogged.set(name, nowMs);
  logger.error(`${name} is ${problem === 'missing' ? 'not set' : 'a placeholder'} in the environment secret: ${effect}`, {
    secret: name,
    problem,
  });
}
