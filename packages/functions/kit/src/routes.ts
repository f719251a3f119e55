import { type FunctionRole, isProvider, type Provider } from '@agentic-memory/memory-core';

/** Who may call a route, for tables: platforms' credentials, or the operator's. */
export type RouteAudience = Provider | 'admin';

/**
 * The route classes throttled and reported apart: the platforms' post-call webhooks, the call path
 * (call start and mid-call recall), and the admin API.
 */
export type RouteClass = 'webhook' | 'call-path' | 'admin';

export interface RouteDefinition<Role extends string = FunctionRole> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** API Gateway syntax: `{name}` is a path parameter. */
  readonly path: string;
  readonly role: Role;
  readonly audience: RouteAudience;
  /** How the request is authenticated (shown in the README and the start-up screen). */
  readonly auth: string;
  /** A path of the seed system, kept so existing agents keep working (an alias of the `/v1/…` path). */
  readonly seedAliasOf?: string;
  /** What the route is for, where the platform's name for it helps (README and start-up tables). */
  readonly note?: string;
}

const WORKSPACE_KEY = 'header `X-Workspace-Key`';
const VAPI = '`X-Vapi-Secret` / `Authorization: Bearer`, or Vapi HMAC';
const RETELL = '`x-retell-signature`';
const GENERIC = 'header `X-API-Key`';
/** The admin API: API Gateway checks IAM on AWS; the local runtime has no IAM and checks the key. */
const ADMIN = 'IAM (SigV4) on AWS; header `X-Admin-Key` in the local runtime';

/**
 * Every HTTP route, once (ARCHITECTURE.md, operational interface). The local runtime serves this
 * table, the CDK stack routes it, the README's table is checked against it, and the platform of a
 * request is read from it.
 */
export const ROUTES: readonly RouteDefinition[] = [
  { method: 'POST', path: '/v1/elevenlabs/conversation-start', role: 'conversation-start', audience: 'elevenlabs', auth: WORKSPACE_KEY },
  {
    method: 'POST',
    path: '/client-data',
    role: 'conversation-start',
    audience: 'elevenlabs',
    auth: WORKSPACE_KEY,
    seedAliasOf: '/v1/elevenlabs/conversation-start',
  },
  {
    method: 'POST',
    path: '/v1/elevenlabs/memory-search',
    role: 'memory-search',
    audience: 'elevenlabs',
    auth: WORKSPACE_KEY,
    note: 'caller from `X-Caller-Id: {{system__caller_id}}`',
  },
  {
    method: 'POST',
    path: '/retrieve',
    role: 'memory-search',
    audience: 'elevenlabs',
    auth: WORKSPACE_KEY,
    seedAliasOf: '/v1/elevenlabs/memory-search',
  },
  { method: 'POST', path: '/v1/elevenlabs/webhook', role: 'webhook-intake', audience: 'elevenlabs', auth: '`ElevenLabs-Signature` HMAC' },
  {
    method: 'POST',
    path: '/post-call',
    role: 'webhook-intake',
    audience: 'elevenlabs',
    auth: '`ElevenLabs-Signature` HMAC',
    seedAliasOf: '/v1/elevenlabs/webhook',
  },
  {
    method: 'POST',
    path: '/v1/vapi/assistant-request',
    role: 'conversation-start',
    audience: 'vapi',
    auth: VAPI,
    note: 'phone-number server URL',
  },
  { method: 'POST', path: '/v1/vapi/tools/memory-search', role: 'memory-search', audience: 'vapi', auth: VAPI, note: 'tool server URL' },
  {
    method: 'POST',
    path: '/v1/vapi/webhook',
    role: 'webhook-intake',
    audience: 'vapi',
    auth: VAPI,
    note: '`end-of-call-report` ingested; other server messages stored',
  },
  { method: 'POST', path: '/v1/retell/inbound', role: 'conversation-start', audience: 'retell', auth: RETELL, note: '`call_inbound`' },
  {
    method: 'POST',
    path: '/v1/retell/tools/memory-search',
    role: 'memory-search',
    audience: 'retell',
    auth: RETELL,
    note: 'custom function',
  },
  {
    method: 'POST',
    path: '/v1/retell/webhook',
    role: 'webhook-intake',
    audience: 'retell',
    auth: RETELL,
    note: '`call_analyzed` ingested; `call_started`/`call_ended` stored',
  },
  { method: 'POST', path: '/v1/generic/conversation-start', role: 'conversation-start', audience: 'generic', auth: GENERIC },
  { method: 'POST', path: '/v1/generic/memory-search', role: 'memory-search', audience: 'generic', auth: GENERIC },
  { method: 'POST', path: '/v1/generic/webhook', role: 'webhook-intake', audience: 'generic', auth: GENERIC },
  { method: 'GET', path: '/v1/users/{phone}/insights', role: 'insights', audience: 'admin', auth: ADMIN, note: 'caller insights' },
  { method: 'GET', path: '/v1/agents/{agentType}/analytics', role: 'insights', audience: 'admin', auth: ADMIN, note: '`?from=&to=`' },
  { method: 'DELETE', path: '/v1/users/{phone}', role: 'insights', audience: 'admin', auth: ADMIN, note: 'forget-me' },
  {
    method: 'GET',
    path: '/v1/calls',
    role: 'insights',
    audience: 'admin',
    auth: ADMIN,
    note: 'recent calls, newest first: `?limit=&days=&platform=&agent_type=`',
  },
  {
    method: 'GET',
    path: '/v1/users/{phone}/snapshot',
    role: 'insights',
    audience: 'admin',
    auth: ADMIN,
    note: 'what the agent hears at call start: `?platform=&agent_type=&agent_id=`',
  },
  {
    method: 'GET',
    path: '/v1/users/{phone}/memories',
    role: 'insights',
    audience: 'admin',
    auth: ADMIN,
    note: 'memories grouped by call, with sources and expiry: `?platform=`',
  },
  {
    method: 'GET',
    path: '/v1/users/{phone}/search',
    role: 'insights',
    audience: 'admin',
    auth: ADMIN,
    note: 'the mid-call search as the platform tool runs it: `?query=&platform=&agent_type=&agent_id=`',
  },
];

/** The class a route belongs to (throttles and reports). */
export function routeClass(route: Pick<RouteDefinition<string>, 'role' | 'audience'>): RouteClass {
  if (route.audience === 'admin') return 'admin';
  return route.role === 'webhook-intake' ? 'webhook' : 'call-path';
}

/** `{param}` segments as a matcher capturing each parameter. */
const patterns = new Map<string, RegExp>();

export function routePattern(path: string): RegExp {
  let pattern = patterns.get(path);
  if (!pattern) {
    const escaped = path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([A-Za-z_][A-Za-z0-9_]*)\\?\}/g, '(?<$1>[^/]+)');
    pattern = new RegExp(`^${escaped}$`);
    patterns.set(path, pattern);
  }
  return pattern;
}

/** The route a request path (and method, when given) is for. */
export function routeFor<Role extends string = FunctionRole>(
  path: string | undefined,
  method?: string,
  routes: readonly RouteDefinition<Role>[] = ROUTES as readonly RouteDefinition<Role>[],
): { route: RouteDefinition<Role>; params: Record<string, string> } | null {
  if (!path) return null;
  for (const route of routes) {
    if (method !== undefined && route.method !== method) continue;
    const match = routePattern(route.path).exec(path);
    if (match) return { route, params: { ...match.groups } };
  }
  return null;
}

/** The platform a request is for, from its path (null for the admin API and unknown paths). */
export function providerForPath(path: string | undefined, routes: readonly RouteDefinition<string>[] = ROUTES): Provider | null {
  const audience = routeFor(path, undefined, routes)?.route.audience;
  return audience && isProvider(audience) ? audience : null;
}
