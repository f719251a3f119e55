import type { SecretName } from '@agentic-memory/memory-core';
import { secretsEqual } from '../auth/constant-time';
import type { AuthOutcome } from './platform-adapter';

/**
 * A shared-secret credential presented in a header (ElevenLabs' X-Workspace-Key, the generic
 * X-API-Key, Vapi's X-Vapi-Secret or Bearer): compared in constant time with the secret `name`
 * holds; the reason says which of missing, wrong or not configured it was (`label` names it).
 */
export function checkSharedSecret(
  presented: string | undefined,
  expected: string | null,
  name: SecretName,
  label: { readonly credential: string; readonly header: string },
): AuthOutcome {
  if (!expected) return { ok: false, code: 'unauthorized', reason: `${name} is not configured` };
  return secretsEqual(presented, expected)
    ? { ok: true }
    : { ok: false, code: 'unauthorized', reason: presented ? `wrong ${label.credential}` : `missing ${label.header}` };
}
