import { loadConfig } from '@agentic-memory/config';
import { fixturePath } from '@agentic-memory/fixtures';
import { captureMetrics, ROTATING_CREDENTIALS, ROUTES } from '@agentic-memory/function-kit';
import { waitForQueueDrain } from '@agentic-memory/function-kit/testing';
import { PROVIDERS, type Provider, type SecretName } from '@agentic-memory/memory-core';
import {
  callStartBody,
  credentialHeaders,
  memorySearchRequest,
  platformRoutes,
  post,
  postCallBody,
  type Reply,
  secretNameFor,
} from './platform-client';
import { useLocalRuntime } from './runtime-support';

/**
 * Memory spaces over HTTP on the local runtime: one caller called through every platform; each
 * platform's credential, on every route, with every `X-Agent-Type`, reads that platform's memories
 * only. Then an opt-in shared space, and a data folder written before spaces existed.
 */

const CALLER = '+15550177001';

/** What each platform's call left (its fixture's caller name and facts). */
const MARKERS: Readonly<Record<Provider, RegExp>> = {
  elevenlabs: /Okafor|router|firmware/i,
  vapi: /Nair|latex/i,
  retell: /Kowalski|\bcar\b/i,
  generic: /Berg|physiotherap/i,
};
/** The seed system's memory (no `provider`): ElevenLabs' space. */
const SEED_MARKER = /platinum/i;
/** A question every platform's memories answer something to. */
const QUERY = 'name router firmware wifi latex allergy car policy physiotherapy appointment loyalty tier';

const agentTypeNames = Object.keys(loadConfig('local').agentTypes);
const HEADERS: readonly (string | null)[] = [null, ...agentTypeNames, 'not_an_agent_type'];

type Secrets = Partial<Record<SecretName, string>>;

function request(route: (typeof ROUTES)[number], provider: Provider, secret: string): { body: Buffer; headers: Record<string, string> } {
  if (route.role === 'conversation-start') {
    const body = callStartBody(provider, CALLER);
    return { body, headers: credentialHeaders(provider, route.role, body, secret) };
  }
  const search = memorySearchRequest(provider, CALLER, QUERY);
  return { body: search.body, headers: { ...search.headers, ...credentialHeaders(provider, route.role, search.body, secret) } };
}

async function ingestEveryPlatform(url: string, secrets: Secrets, conversationTag: string): Promise<void> {
  for (const provider of PROVIDERS) {
    const body = postCallBody(provider, { caller: CALLER, conversationId: `${conversationTag}_${provider}` });
    const path = `/v1/${provider}/webhook`;
    const reply = await post(
      `${url}${path}`,
      body,
      credentialHeaders(provider, 'webhook-intake', body, secrets[secretNameFor(provider, 'webhook-intake')] as string),
    );
    expect(reply).toMatchObject({ status: 200 });
  }
}

/** Every platform marker the reply shows, by platform. */
function platformsIn(reply: Reply): Provider[] {
  return PROVIDERS.filter((p) => MARKERS[p].test(reply.text));
}

describe('each platform credential reads only its own memory space', () => {
  const local = useLocalRuntime();
  const rejected: string[] = [];

  beforeAll(async () => {
    captureMetrics((line) => {
      if (line.includes('"AgentTypeRejected"')) rejected.push(line);
    });
    const secrets = local.runtime.secrets?.values ?? {};
    await ingestEveryPlatform(local.runtime.url, secrets, 'space');
    await waitForQueueDrain(() => local.runtime.deps.queueDepth());
  });
  afterAll(() => captureMetrics(null));

  it('every credential × every platform route: only the route platform own credential passes', async () => {
    const secrets = local.runtime.secrets?.values ?? {};
    // Every request credential: each platform's and the admin key.
    const credentials = ROTATING_CREDENTIALS;
    expect(credentials).toHaveLength(6);
    /** A credential presented as its own platform would send it. */
    const natural = (credential: SecretName, body: Buffer): Record<string, string> => {
      const value = secrets[credential] as string;
      switch (credential) {
        case 'ELEVENLABS_WORKSPACE_KEY':
          return { 'X-Workspace-Key': value };
        case 'ELEVENLABS_HMAC_KEY':
          return credentialHeaders('elevenlabs', 'webhook-intake', body, value);
        case 'ADMIN_API_KEY':
          return { 'X-Admin-Key': value };
        default: {
          const provider = PROVIDERS.find((p) => secretNameFor(p, 'memory-search') === credential) as Provider;
          return credentialHeaders(provider, 'memory-search', body, value);
        }
      }
    };
    let refused = 0;
    for (const provider of PROVIDERS) {
      for (const route of platformRoutes(provider)) {
        const own = secretNameFor(provider, route.role);
        const body =
          route.role === 'webhook-intake'
            ? postCallBody(provider, { caller: CALLER, conversationId: 'never_ingested' })
            : request(route, provider, '').body;
        for (const credential of credentials.filter((c) => c !== own)) {
          // The foreign secret in the route's own scheme, then in the scheme of the secret's platform.
          for (const headers of [credentialHeaders(provider, route.role, body, secrets[credential] as string), natural(credential, body)]) {
            const reply = await post(`${local.runtime.url}${route.path}`, body, { 'X-Caller-Id': CALLER, ...headers });
            const label = { route: route.path, credential, headers: Object.keys(headers) };
            expect({ ...label, status: reply.status }).toEqual({ ...label, status: 401 });
            refused += 1;
          }
        }
      }
    }
    // 16 platform routes × 5 foreign credentials × 2 schemes.
    expect(refused).toBe(PROVIDERS.reduce((n, p) => n + platformRoutes(p).length, 0) * 5 * 2);
  });

  it('every platform × call-path route × X-Agent-Type: its own caller, never another platform', async () => {
    const secrets = local.runtime.secrets?.values ?? {};
    const before = rejected.length;
    let checked = 0;
    for (const provider of PROVIDERS) {
      for (const route of platformRoutes(provider).filter((r) => r.role !== 'webhook-intake')) {
        for (const agentType of HEADERS) {
          const { body, headers } = request(route, provider, secrets[secretNameFor(provider, route.role)] as string);
          const reply = await post(`${local.runtime.url}${route.path}`, body, {
            ...headers,
            ...(agentType ? { 'X-Agent-Type': agentType } : {}),
          });
          const seen = platformsIn(reply);
          const label = { provider, route: route.path, agentType };
          expect({ ...label, status: reply.status }).toEqual({ ...label, status: 200 });
          // Never another platform's; its own whenever the agent type is the one the call was
          // ingested under (an own-platform agent type without a snapshot greets as new).
          expect({ ...label, foreign: seen.filter((p) => p !== provider) }).toEqual({ ...label, foreign: [] });
          if (agentType === null || route.role === 'memory-search') expect({ ...label, seen }).toEqual({ ...label, seen: [provider] });
          checked += 1;
        }
      }
    }
    // 10 call-path routes (aliases included) × (none + every agent type + an unknown one).
    expect(checked).toBe(ROUTES.filter((r) => r.role === 'conversation-start' || r.role === 'memory-search').length * HEADERS.length);
    // Each platform route × each agent type of another platform was counted as rejected.
    const foreign = ROUTES.filter((r) => r.role === 'conversation-start' || r.role === 'memory-search').reduce(
      (n, r) =>
        n +
        agentTypeNames.filter((name) => !name.startsWith(`${r.audience}_`) && !(r.audience === 'generic' && name === 'generic_voice_agent'))
          .length,
      0,
    );
    expect(rejected.length - before).toBe(foreign);
  });
});

describe('platforms sharing a memory space (memory_spaces, opt-in)', () => {
  const config = loadConfig('local');
  const local = useLocalRuntime({
    config: { agentTypes: config.agentTypes, environment: { ...config.environment, memory_spaces: { support: ['elevenlabs', 'vapi'] } } },
  });

  beforeAll(async () => {
    await ingestEveryPlatform(local.runtime.url, local.runtime.secrets?.values ?? {}, 'shared');
    await waitForQueueDrain(() => local.runtime.deps.queueDepth());
  });

  it('ElevenLabs and Vapi recall each other; Retell and generic stay apart', async () => {
    const secrets = local.runtime.secrets?.values ?? {};
    const seen: Partial<Record<Provider, Provider[]>> = {};
    for (const provider of PROVIDERS) {
      const route = platformRoutes(provider).find((r) => r.role === 'memory-search' && !r.seedAliasOf);
      if (!route) throw new Error(`no memory-search route for ${provider}`);
      const { body, headers } = request(route, provider, secrets[secretNameFor(provider, route.role)] as string);
      const reply = await post(`${local.runtime.url}${route.path}`, body, headers);
      expect(reply.status).toBe(200);
      seen[provider] = platformsIn(reply);
    }
    expect(seen).toEqual({ elevenlabs: ['elevenlabs', 'vapi'], vapi: ['elevenlabs', 'vapi'], retell: ['retell'], generic: ['generic'] });
  });

  it('an X-Agent-Type of the shared space is honoured, one outside it is not', async () => {
    const secrets = local.runtime.secrets?.values ?? {};
    const body = callStartBody('elevenlabs', CALLER);
    const headers = credentialHeaders('elevenlabs', 'conversation-start', body, secrets.ELEVENLABS_WORKSPACE_KEY as string);
    const vapi = await post(`${local.runtime.url}/v1/elevenlabs/conversation-start`, body, {
      ...headers,
      'X-Agent-Type': 'vapi_customer_support',
    });
    expect(platformsIn(vapi)).toEqual(['vapi']);
    const retell = await post(`${local.runtime.url}/v1/elevenlabs/conversation-start`, body, {
      ...headers,
      'X-Agent-Type': 'retell_customer_support',
    });
    expect(platformsIn(retell)).toEqual(['elevenlabs']);
  });
});

describe('a data folder written before memory spaces existed', () => {
  const local = useLocalRuntime({ copyFrom: fixturePath('legacy-data') });

  it('every platform still greets the caller and recalls its own memories; the seed memory is ElevenLabs’', async () => {
    const secrets = local.runtime.secrets?.values ?? {};
    for (const provider of PROVIDERS) {
      for (const route of platformRoutes(provider).filter((r) => r.role !== 'webhook-intake')) {
        const { body, headers } = request(route, provider, secrets[secretNameFor(provider, route.role)] as string);
        const reply = await post(`${local.runtime.url}${route.path}`, body, headers);
        const label = { provider, route: route.path };
        expect({ ...label, status: reply.status, seen: platformsIn(reply) }).toEqual({ ...label, status: 200, seen: [provider] });
        if (route.role === 'memory-search') {
          expect({ ...label, seed: SEED_MARKER.test(reply.text) }).toEqual({ ...label, seed: provider === 'elevenlabs' });
        }
      }
    }
  });

  it('forget-me erases the caller in every space', async () => {
    const secrets = local.runtime.secrets?.values ?? {};
    const erased = await fetch(`${local.runtime.url}/v1/users/${encodeURIComponent(CALLER)}`, {
      method: 'DELETE',
      headers: { 'X-Admin-Key': secrets.ADMIN_API_KEY as string },
    });
    expect(erased.status).toBe(200);
    for (const provider of PROVIDERS) {
      for (const route of platformRoutes(provider).filter((r) => r.role !== 'webhook-intake')) {
        const { body, headers } = request(route, provider, secrets[secretNameFor(provider, route.role)] as string);
        const reply = await post(`${local.runtime.url}${route.path}`, body, headers);
        expect({ route: route.path, seen: platformsIn(reply), seed: SEED_MARKER.test(reply.text) }).toEqual({
          route: route.path,
          seen: [],
          seed: false,
        });
      }
    }
  });
});
