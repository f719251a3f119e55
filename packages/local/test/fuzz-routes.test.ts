import { ROTATING_CREDENTIALS, ROUTES, type RouteDefinition } from '@agentic-memory/function-kit';
import { waitUntil } from '@agentic-memory/function-kit/testing';
import type { Provider, SecretName } from '@agentic-memory/memory-core';
import { hostile, type Json, pathsOf, setAt } from '@agentic-memory/provider-adapters/testing/hostile-json';
import fc from 'fast-check';
import { callStartBody, credentialHeaders, memorySearchRequest, postCallBody, secretNameFor } from './platform-client';
import { useLocalRuntime } from './runtime-support';

/**
 * The fuzz suite: FUZZ_REQUESTS (default 10,000) generated requests over every route of the local
 * runtime, over HTTP — mostly authenticated (so they reach the parsers), with platform bodies
 * whose fields are replaced by hostile values, random JSON, bytes, text, empty and large bodies,
 * malformed path parameters and query strings, wrong methods, foreign and garbage headers. Not one
 * answer may be a 5xx (storage is up: the documented 503 is for storage really down), every
 * request is answered, and the worker drains everything that was queued afterwards with nothing
 * dead-lettered (hostile fields are dropped, the call is kept; a forget-me racing an ingestion
 * drops that call, as asked). FUZZ_SEED replays a run (the seed is in the test's name).
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
/**
 * No answer after this long is a hang. Generous: the runtime shares its event loop with the worker
 * ingesting the fuzz's calls, and CI shares two cores (the slowest answers are printed).
 */
const HANG_MS = 60_000;
const CONCURRENCY = 16;

const CALLERS = ['+15550177101', '+15550177102', '+15550177103', '+447700900123', '+4915112345678'];
const AGENT_TYPES = [
  'elevenlabs_customer_support',
  'elevenlabs_sales_agent',
  'elevenlabs_technical_support',
  'generic_voice_agent',
  'vapi_customer_support',
  'retell_customer_support',
];

type Auth = 'valid' | 'missing' | 'wrong' | 'foreign';
type BodyKind = 'platform' | 'json' | 'bytes' | 'text' | 'empty' | 'large';

interface FuzzRequest {
  readonly route: RouteDefinition | null;
  readonly rawPath: string | null;
  readonly method: string;
  readonly auth: Auth;
  readonly foreign: SecretName;
  readonly bodyKind: BodyKind;
  readonly caller: string;
  readonly mutations: readonly [number, Json][];
  readonly json: Json;
  readonly bytes: Uint8Array;
  readonly text: string;
  readonly phone: string;
  readonly agentType: string;
  readonly query: string;
  readonly headers: Readonly<Record<string, string>>;
}

const pathText = fc.oneof(
  fc.constantFrom(...CALLERS, ...AGENT_TYPES, '%ZZ', '%', '%E0%A4%A', '..', '%2e%2e', 'null', '', '+', '%2B15550177101', '0'),
  fc.string({ maxLength: 30 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/[/?#]/g, '')),
);

const headerValue = fc.oneof(
  fc.constantFrom(
    ...AGENT_TYPES,
    ...CALLERS,
    '',
    ' ',
    'ELEVENLABS_CUSTOMER_SUPPORT',
    'elevenlabs_customer_support\t',
    '<script>',
    'x'.repeat(5000),
  ),
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
);

const request: fc.Arbitrary<FuzzRequest> = fc.record({
  route: fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...ROUTES) }, { weight: 1, arbitrary: fc.constant(null) }),
  rawPath: fc.oneof(
    { weight: 12, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '/v1/unknown',
        '/v1/elevenlabs',
        '/v1/agents/%ZZ/analytics',
        '/v1/users/%/insights',
        '//client-data',
        '/health/../client-data',
      ),
    },
  ),
  method: fc.oneof(
    { weight: 12, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH') },
  ),
  auth: fc.oneof(
    { weight: 14, arbitrary: fc.constant<Auth>('valid') },
    { weight: 2, arbitrary: fc.constant<Auth>('missing') },
    { weight: 2, arbitrary: fc.constant<Auth>('wrong') },
    { weight: 2, arbitrary: fc.constant<Auth>('foreign') },
  ),
  foreign: fc.constantFrom<SecretName>(...ROTATING_CREDENTIALS),
  bodyKind: fc.oneof(
    { weight: 12, arbitrary: fc.constant<BodyKind>('platform') },
    { weight: 3, arbitrary: fc.constant<BodyKind>('json') },
    { weight: 1, arbitrary: fc.constant<BodyKind>('bytes') },
    { weight: 1, arbitrary: fc.constant<BodyKind>('text') },
    { weight: 1, arbitrary: fc.constant<BodyKind>('empty') },
    { weight: 1, arbitrary: fc.constant<BodyKind>('large') },
  ),
  caller: fc.constantFrom(...CALLERS),
  mutations: fc.array(fc.tuple(fc.nat(), hostile), { minLength: 0, maxLength: 3 }),
  json: fc.json({ maxDepth: 3 }).map((s) => JSON.parse(s) as Json),
  bytes: fc.uint8Array({ maxLength: 300 }),
  text: fc.string({ maxLength: 200 }),
  phone: pathText,
  agentType: pathText,
  query: fc.oneof(
    fc.constant(''),
    fc.constantFrom('?from=2026-11-01&to=2026-11-30', '?from=yesterday', '?to=%ZZ', '?from=9999-99-99&to=0'),
    fc.string({ maxLength: 20 }).map((s) => `?from=${encodeURIComponent(s)}`),
  ),
  headers: fc.dictionary(fc.constantFrom('X-Agent-Type', 'X-Caller-Id', 'X-Agent-Id', 'Content-Type', 'X-Forwarded-For'), headerValue, {
    maxKeys: 3,
  }),
});

function platformBody(route: RouteDefinition, provider: Provider, caller: string): { body: Json; headers: Record<string, string> } {
  if (route.role === 'webhook-intake') {
    const conversationId = `fuzz_${Math.random().toString(36).slice(2, 10)}`;
    return { body: JSON.parse(postCallBody(provider, { caller, conversationId }).toString()), headers: {} };
  }
  if (route.role === 'conversation-start') return { body: JSON.parse(callStartBody(provider, caller).toString()), headers: {} };
  const search = memorySearchRequest(provider, caller, 'what did they call about');
  return { body: JSON.parse(search.body.toString()), headers: search.headers };
}

function bodyOf(r: FuzzRequest, route: RouteDefinition | null): { bytes: Uint8Array; headers: Record<string, string> } {
  const provider = route && route.audience !== 'admin' ? route.audience : null;
  switch (r.bodyKind) {
    case 'platform': {
      if (!route || !provider) return { bytes: Buffer.from(JSON.stringify(r.json)), headers: {} };
      const base = platformBody(route, provider, r.caller);
      const paths = pathsOf(base.body);
      let body = base.body;
      for (const [at, value] of r.mutations) body = setAt(body, paths[at % paths.length] ?? [], value);
      return { bytes: Buffer.from(JSON.stringify(body) ?? 'null'), headers: base.headers };
    }
    case 'json':
      return { bytes: Buffer.from(JSON.stringify(r.json) ?? 'null'), headers: {} };
    case 'bytes':
      return { bytes: r.bytes, headers: {} };
    case 'text':
      return { bytes: Buffer.from(r.text), headers: {} };
    case 'empty':
      return { bytes: new Uint8Array(), headers: {} };
    case 'large':
      return { bytes: Buffer.from(JSON.stringify({ transcript: 'la '.repeat(60_000), caller_id: r.caller })), headers: {} };
  }
}

function pathOf(r: FuzzRequest, route: RouteDefinition | null): string {
  if (r.rawPath) return r.rawPath;
  if (!route) return `/v1/${encodeURIComponent(r.text.slice(0, 20))}`;
  return route.path.replace('{phone}', r.phone).replace('{agentType}', r.agentType) + (route.method === 'GET' ? r.query : '');
}

describe(`fuzz: ${REQUESTS} generated requests over every route (seed ${SEED})`, () => {
  const local = useLocalRuntime({ env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } });

  it('answers every one, never with a 5xx, and the worker drains what was queued', async () => {
    const secrets = local.runtime.secrets?.values ?? {};
    const requests = fc.sample(request, { numRuns: REQUESTS, seed: SEED });
    const statuses = new Map<number, number>();
    const perRoute = new Map<string, { sent: number; ok: number }>();
    const failures: string[] = [];
    const slowest = new Map<string, number>();

    async function send(r: FuzzRequest): Promise<void> {
      const route = r.route;
      const method = r.method || route?.method || 'POST';
      const { bytes, headers: bodyHeaders } = method === 'GET' || method === 'DELETE' ? { bytes: null, headers: {} } : bodyOf(r, route);
      const signed = bytes ?? new Uint8Array();
      const headers: Record<string, string> = { 'content-type': 'application/json', ...bodyHeaders };
      if (route) {
        const own: SecretName = route.audience === 'admin' ? 'ADMIN_API_KEY' : secretNameFor(route.audience, route.role);
        const secret =
          r.auth === 'valid'
            ? secrets[own]
            : r.auth === 'foreign'
              ? secrets[r.foreign]
              : r.auth === 'wrong'
                ? 'wrong-secret-0123456789'
                : null;
        if (secret) {
          Object.assign(
            headers,
            route.audience === 'admin' ? { 'X-Admin-Key': secret } : credentialHeaders(route.audience, route.role, signed, secret),
          );
        }
      }
      Object.assign(headers, r.headers);
      const path = pathOf(r, route);
      const label = `${method} ${path.slice(0, 80)} (${r.auth}, ${r.bodyKind})`;
      const sentAt = performance.now();
      try {
        const res = await fetch(`${local.runtime.url}${path}`, {
          method,
          headers,
          body: bytes ?? undefined,
          signal: AbortSignal.timeout(HANG_MS),
        });
        const text = await res.text();
        const key = route ? `${route.method} ${route.path}` : 'unknown';
        slowest.set(key, Math.max(slowest.get(key) ?? 0, performance.now() - sentAt));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const counted = perRoute.get(key) ?? { sent: 0, ok: 0 };
        perRoute.set(key, { sent: counted.sent + 1, ok: counted.ok + (res.status < 300 ? 1 : 0) });
        if (res.status >= 500) failures.push(`${label} → ${res.status} ${text.slice(0, 200)}`);
      } catch (error) {
        failures.push(`${label} → no answer: ${(error as Error).message}`);
      }
    }

    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length) {
          const r = requests[next] as FuzzRequest;
          next += 1;
          await send(r);
        }
      }),
    );

    expect(failures.slice(0, 20)).toEqual([]);
    expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(REQUESTS);
    // Every route was exercised, and every platform route also answered real requests (2xx).
    for (const route of ROUTES) {
      const seen = perRoute.get(`${route.method} ${route.path}`);
      expect({ route: route.path, exercised: (seen?.sent ?? 0) >= REQUESTS / ROUTES.length / 4 }).toEqual({
        route: route.path,
        exercised: true,
      });
      if (route.audience !== 'admin')
        expect({ route: route.path, answered: (seen?.ok ?? 0) > 0 }).toEqual({ route: route.path, answered: true });
    }
    // Nothing queued is left behind: ingested, or dead-lettered when it can never be.
    await waitUntil(
      'the worker to drain the queue',
      async () => {
        const depth = await local.runtime.deps.queueDepth();
        return depth !== null && depth.live === 0 && depth.inFlight === 0;
      },
      240_000,
      250,
    );
    const health = await fetch(`${local.runtime.url}/health`);
    expect(health.status).toBe(200);
    const summary = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    const depth = await local.runtime.deps.queueDepth();
    // Everything the intake accepted could be remembered: hostile fields are dropped, not the call.
    expect(depth?.dead).toBe(0);
    const slow = [...slowest.entries()]
      .sort(([, a], [, b]) => b - a)
      .slice(0, 3)
      .map(([route, ms]) => `${route} ${Math.round(ms)} ms`)
      .join(', ');
    process.stdout.write(`fuzz: ${REQUESTS} requests, seed ${SEED}: ${summary}; dead letters ${depth?.dead ?? 0}; slowest: ${slow}\n`);
  }, 600_000);
});
