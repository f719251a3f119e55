import { type HttpRoleName, platformAdapter } from '@agentic-memory/provider-adapters';
import type { CoreDependencies } from './dependencies';
import type { HttpEvent } from './http';
import type { AuthOutcome } from './http-middlewares';
import { providerForPath, ROUTES, type RouteDefinition } from './routes';

export type HttpRole = HttpRoleName;

/**
 * How each platform authenticates each role (ARCHITECTURE.md, routes table), delegated to its
 * adapter: on the raw body, in constant time, before anything is parsed. The platform is the one
 * the route table names for the request's path.
 */
export function authenticatorFor(
  role: HttpRole,
  routes: readonly RouteDefinition<string>[] = ROUTES,
): (event: HttpEvent, deps: Pick<CoreDependencies, 'secrets' | 'clock'>) => Promise<AuthOutcome> {
  return async (event, deps) => {
    const provider = providerForPath(event.rawPath, routes);
    if (!provider) return { ok: false, code: 'unauthorized', reason: 'no platform serves this path' };
    return platformAdapter(provider).authenticate(
      role,
      { path: event.rawPath, headers: event.headers ?? {}, rawBody: event.rawBody, body: undefined },
      (name) => deps.secrets.get(name),
      deps.clock.now(),
    );
  };
}
