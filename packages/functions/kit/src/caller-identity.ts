import { type AgentType, callerKey, memoryUserId } from '@agentic-memory/memory-core';
import type { CoreDependencies } from './dependencies';

export interface CallerIdentity {
  readonly e164: string;
  /** HMAC-SHA256(pepper, e164): what blob keys, queue groups, metrics and logs carry. */
  readonly key: string;
  /** The memory store's user id: the key, or the number in `raw` mode. */
  readonly userId: string;
}

/** Keys a caller number; fails (never silently) when the pepper is not configured. */
export async function identifyCaller(
  deps: Pick<CoreDependencies, 'secrets'>,
  e164: string,
  agentType: Pick<AgentType, 'caller_id_mode'>,
): Promise<CallerIdentity> {
  const pepper = await deps.secrets.get('CALLER_ID_PEPPER');
  if (!pepper) throw new Error('CALLER_ID_PEPPER is not configured');
  const key = callerKey(pepper, e164);
  return { e164, key, userId: memoryUserId(agentType.caller_id_mode, key, e164) };
}
