import { secretsEqual, verifyElevenLabsSignature } from '@agentic-memory/provider-adapters';
import type { Dependencies } from './dependencies';
import { type HttpEvent, header } from './http';
import type { AuthOutcome } from './http-stack';
import { providerForPath } from './routes';

export type HttpRole = 'conversation-start' | 'memory-search' | 'webhook-intake';

/**
 * How each platform authenticates each role (ARCHITECTURE.md, routes table). ElevenLabs: the
 * workspace secret header on call start and tools, the HMAC signature on post-call webhooks.
 */
export function authenticatorFor(role: HttpRole): (event: HttpEvent, deps: Dependencies) => Promise<AuthOutcome> {
  return async (event, deps) => {
    const provider = providerForPath(event.rawPath);
    if (provider === 'elevenlabs') {
      if (role === 'webhook-intake') {
        const check = verifyElevenLabsSignature(
          header(event, 'elevenlabs-signature'),
          event.rawBody,
          await deps.secrets.get('ELEVENLABS_HMAC_KEY'),
          deps.clock.now(),
        );
        return check.ok ? { ok: true } : { ok: false, code: 'invalid_signature', reason: check.reason };
      }
      const expected = await deps.secrets.get('ELEVENLABS_WORKSPACE_KEY');
      if (!expected) return { ok: false, code: 'unauthorized', reason: 'ELEVENLABS_WORKSPACE_KEY is not configured' };
      return secretsEqual(header(event, 'x-workspace-key'), expected)
        ? { ok: true }
        : { ok: false, code: 'unauthorized', reason: header(event, 'x-workspace-key') ? 'wrong workspace key' : 'missing X-Workspace-Key' };
    }
    return { ok: false, code: 'unauthorized', reason: `no authentication configured for ${provider ?? 'this path'}` };
  };
}
