import type { SecretName, Secrets } from '@agentic-memory/memory-core';
import { type HttpRoleName, platformAdapter, secretsEqual } from '@agentic-memory/provider-adapters';
import { reportMissingCredential } from './credential-report';
import { ADMIN_CREDENTIAL, credentialProblem, PLATFORM_CREDENTIALS, previousOf } from './credentials';
import type { CoreDependencies } from './dependencies';
import type { HttpEvent } from './http';
import type { AuthOutcome } from './http-middlewares';
import { logger } from './observability';
import { providerForPath, ROUTES, type RouteDefinition } from './routes';

export type HttpRole = HttpRoleName;

/**
 * The credentials of one request, each read once: a missing or placeholder value reads as absent
 * (and is reported); `previous` gives the value being rotated out, when one is set.
 */
function credentialReader(secrets: Secrets, effect: (name: SecretName) => string, nowMs: number) {
  const current = new Map<SecretName, Promise<string | null>>();
  const read = (name: SecretName): Promise<string | null> => {
    let value = current.get(name);
    if (!value) {
      value = secrets.get(name).then((v) => {
        const problem = credentialProblem(v);
        if (problem) reportMissingCredential(name, problem, effect(name), nowMs);
        return problem ? null : v;
      });
      current.set(name, value);
    }
    return value;
  };
  const previous = async (name: SecretName): Promise<string | null> => {
    const previousName = previousOf(name);
    const value = previousName ? await secrets.get(previousName) : null;
    return credentialProblem(value) ? null : value;
  };
  return { read, previous };
}

/**
 * How each platform authenticates each role (ARCHITECTURE.md, routes table), delegated to its
 * adapter: on the raw body, in constant time, before anything is parsed. The platform is the one
 * the route table names for the request's path. During a rotation the previous value of each of
 * the platform's credentials is accepted too (a second check with it), and a request that passes
 * only with it is logged so operators see when the old value is unused.
 */
export function authenticatorFor(
  role: HttpRole,
  routes: readonly RouteDefinition<string>[] = ROUTES,
): (event: HttpEvent, deps: Pick<CoreDependencies, 'secrets' | 'clock'>) => Promise<AuthOutcome> {
  return async (event, deps) => {
    const provider = providerForPath(event.rawPath, routes);
    if (!provider) return { ok: false, code: 'unauthorized', reason: 'no platform serves this path' };
    const adapter = platformAdapter(provider);
    const request = { path: event.rawPath, headers: event.headers ?? {}, rawBody: event.rawBody, body: undefined };
    const now = deps.clock.now();
    const credentials = credentialReader(deps.secrets, () => `${provider} requests checked with it are refused (401) until it is set`, now);
    const outcome = await adapter.authenticate(role, request, credentials.read, now);
    if (outcome.ok) return outcome;
    const rotating = new Map<SecretName, string>();
    for (const name of PLATFORM_CREDENTIALS[provider]) {
      const value = await credentials.previous(name);
      if (value) rotating.set(name, value);
    }
    if (rotating.size === 0) return outcome;
    const withPrevious = await adapter.authenticate(role, request, async (name) => rotating.get(name) ?? credentials.read(name), now);
    if (!withPrevious.ok) return outcome;
    logger.info('authenticated with the previous value of a credential being rotated', { provider, credentials: [...rotating.keys()] });
    return withPrevious;
  };
}

/** How the admin API is authorised: by API Gateway with IAM (AWS), or by the `X-Admin-Key` header (the local runtime). */
export type AdminAuthMode = 'iam' | 'key';

interface IamIdentity {
  readonly accountId?: string;
  readonly userArn?: string;
  readonly callerId?: string;
}

/**
 * The admin API's check. `iam`: API Gateway has verified the SigV4 signature and the caller's
 * `execute-api:Invoke` permission before invoking the function, and says who called in the
 * request context; a request without that identity did not come through an IAM-authorised route
 * and is refused. `key`: `X-Admin-Key` against `ADMIN_API_KEY` (or its previous value during a
 * rotation), in constant time.
 */
export function adminAuthenticator(
  mode: AdminAuthMode,
): (event: HttpEvent, deps: Pick<CoreDependencies, 'secrets' | 'clock'>) => Promise<AuthOutcome> {
  return async (event, deps) => {
    if (mode === 'iam') {
      const identity = (event.requestContext as { authorizer?: { iam?: IamIdentity } } | undefined)?.authorizer?.iam;
      if (!identity?.userArn && !identity?.callerId)
        return { ok: false, code: 'unauthorized', reason: 'no IAM identity: on AWS the admin routes are authorised by IAM (SigV4)' };
      logger.info('admin request', { caller: identity.userArn ?? identity.callerId, account: identity.accountId });
      return { ok: true };
    }
    const now = deps.clock.now();
    const credentials = credentialReader(deps.secrets, () => 'admin requests are refused (401) until it is set', now);
    const expected = await credentials.read(ADMIN_CREDENTIAL);
    const previous = await credentials.previous(ADMIN_CREDENTIAL);
    if (!expected && !previous) return { ok: false, code: 'unauthorized', reason: `${ADMIN_CREDENTIAL} is not configured` };
    const presented = event.headers?.['x-admin-key'];
    if (expected && secretsEqual(presented, expected)) return { ok: true };
    if (previous && secretsEqual(presented, previous)) {
      logger.info('authenticated with the previous value of a credential being rotated', { credentials: [ADMIN_CREDENTIAL] });
      return { ok: true };
    }
    return { ok: false, code: 'unauthorized', reason: 'wrong or missing X-Admin-Key' };
  };
}
