import { waitForQueueDrain } from '@agentic-memory/function-kit/testing';
import { PROVIDERS, type Provider, type SecretName } from '@agentic-memory/memory-core';
import {
  callStartBody,
  credentialHeaders,
  memorySearchRequest,
  platformRoutes,
  post,
  postCallBody,
  secretNameFor,
} from './platform-client';
import { useLocalRuntime } from './runtime-support';

/**
 * The admin read views the dashboard uses, over HTTP on the local runtime: recent calls, what the
 * agent hears at call start, memories by call with their sources, and the mid-call search as the
 * platforms' tools run it — each checked against what the platform's own route answers.
 */
const CALLER = '+15550177042';
const ENCODED = encodeURIComponent(CALLER);
/** What each platform's fixture call leaves (caller names and facts). */
const MARKERS: Readonly<Record<Provider, RegExp>> = {
  elevenlabs: /Okafor|router|firmware/i,
  vapi: /Nair|latex/i,
  retell: /Kowalski|\bcar\b/i,
  generic: /Berg|physiotherap/i,
};
const QUERY = 'name router firmware wifi latex allergy car policy physiotherapy appointment';
const HOUR = 3_600_000;
/** The calls' start times: ElevenLabs oldest, generic newest. */
const STARTED: Readonly<Record<Provider, number>> = {
  elevenlabs: Date.now() - 5 * HOUR,
  vapi: Date.now() - 4 * HOUR,
  retell: Date.now() - 3 * HOUR,
  generic: Date.now() - 2 * HOUR,
};

type Json = Record<string, unknown>;

describe('admin read views (recent calls, call-start view, memories by call, search)', () => {
  const state = useLocalRuntime();
  const secret = (name: SecretName) => state.runtime.secrets?.values[name] as string;
  const admin = () => ({ 'x-admin-key': secret('ADMIN_API_KEY') });
  async function get(path: string, headers: Record<string, string> = admin()): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${state.runtime.url}${path}`, { headers });
    return { status: res.status, json: (await res.json()) as Json };
  }
  const route = (provider: Provider, role: 'conversation-start' | 'memory-search') =>
    platformRoutes(provider).find((r) => r.role === role && !r.seedAliasOf) as { path: string };

  beforeAll(async () => {
    for (const provider of PROVIDERS) {
      const body = postCallBody(provider, { caller: CALLER, conversationId: `inspect_${provider}`, startedAtMs: STARTED[provider] });
      const reply = await post(
        `${state.runtime.url}/v1/${provider}/webhook`,
        body,
        credentialHeaders(provider, 'webhook-intake', body, secret(secretNameFor(provider, 'webhook-intake'))),
      );
      expect(reply.status).toBe(200);
    }
    await waitForQueueDrain(() => state.runtime.deps.queueDepth());
  }, 60_000);

  it('answer 401 without the admin key or with a wrong one, on every new route', async () => {
    for (const path of [
      '/v1/calls',
      `/v1/users/${ENCODED}/snapshot?platform=vapi`,
      `/v1/users/${ENCODED}/memories`,
      `/v1/users/${ENCODED}/search?platform=vapi&query=x`,
    ]) {
      expect((await get(path, {})).status).toBe(401);
      expect((await get(path, { 'x-admin-key': 'wrong' })).status).toBe(401);
    }
  });

  it('list the recent calls newest first, the caller masked, with fields and their sources', async () => {
    const { status, json } = await get('/v1/calls');
    expect(status).toBe(200);
    const calls = json.calls as Json[];
    expect(calls.map((c) => c.conversation_id)).toEqual(['inspect_generic', 'inspect_retell', 'inspect_vapi', 'inspect_elevenlabs']);
    for (const call of calls) {
      expect(call).toMatchObject({ caller: '***7042', degraded: false, degraded_reasons: [] });
      expect(call.memories).toBeGreaterThan(0);
      // Every extracted field says where it came from.
      expect(Object.keys(call.field_sources as Json).sort()).toEqual([...(call.fields as string[])].sort());
      for (const source of Object.values(call.field_sources as Json))
        expect(['data_collection', 'transcript', 'summary']).toContain(source);
    }
    const elevenlabs = calls.find((c) => c.platform === 'elevenlabs') as Json;
    expect(elevenlabs.field_sources).toMatchObject({
      name: 'data_collection',
      contact_preference: 'data_collection',
      resolution: 'summary',
    });
    expect(JSON.stringify(json)).not.toContain('5550177042');

    expect(((await get('/v1/calls?platform=vapi')).json.calls as Json[]).map((c) => c.conversation_id)).toEqual(['inspect_vapi']);
    expect(((await get('/v1/calls?limit=2')).json.calls as Json[]).map((c) => c.conversation_id)).toEqual([
      'inspect_generic',
      'inspect_retell',
    ]);
    expect((await get('/v1/calls?agent_type=elevenlabs_customer_support')).json.calls).toHaveLength(1);
    // Calls older than the window are not listed.
    expect((await get('/v1/calls?days=1')).json.calls).toHaveLength(4);
  });

  it('refuse bad queries with a clear error', async () => {
    expect(await get('/v1/calls?limit=0')).toEqual({ status: 400, json: { error: 'invalid_query' } });
    expect(await get('/v1/calls?days=abc')).toEqual({ status: 400, json: { error: 'invalid_query' } });
    expect(await get('/v1/calls?platform=skype')).toEqual({ status: 400, json: { error: 'invalid_query' } });
    expect(await get('/v1/calls?agent_type=nobody')).toEqual({ status: 404, json: { error: 'unknown_agent_type' } });
    expect(await get(`/v1/users/${ENCODED}/snapshot`)).toEqual({ status: 400, json: { error: 'invalid_query' } });
    expect(await get(`/v1/users/${ENCODED}/search?platform=vapi`)).toEqual({ status: 400, json: { error: 'invalid_query' } });
    expect(await get(`/v1/users/${ENCODED}/search?platform=vapi&query=${'x'.repeat(1001)}`)).toEqual({
      status: 400,
      json: { error: 'invalid_query' },
    });
    expect(await get('/v1/users/not-a-number/memories')).toEqual({ status: 400, json: { error: 'invalid_phone' } });
    // An agent type of another memory space: a call of that platform never runs as it.
    expect(await get(`/v1/users/${ENCODED}/search?platform=vapi&agent_type=elevenlabs_sales_agent&query=x`)).toEqual({
      status: 400,
      json: { error: 'agent_type_outside_space' },
    });
    expect(await get(`/v1/users/${ENCODED}/snapshot?platform=retell&agent_type=nobody`)).toEqual({
      status: 404,
      json: { error: 'unknown_agent_type' },
    });
  });

  it.each(PROVIDERS)('show what the agent hears at call start on %s: the very reply the platform gets', async (provider) => {
    const view = await get(`/v1/users/${ENCODED}/snapshot?platform=${provider}`);
    expect(view.status).toBe(200);
    expect(view.json).toMatchObject({ caller: '***7042', platform: provider, source: 'snapshot', returning: true });
    expect((view.json.memory_space as Json).name).toBe(provider);
    const body = callStartBody(provider, CALLER);
    const start = await post(
      `${state.runtime.url}${route(provider, 'conversation-start').path}`,
      body,
      credentialHeaders(provider, 'conversation-start', body, secret(secretNameFor(provider, 'conversation-start'))),
    );
    expect(start.status).toBe(200);
    expect(view.json.reply).toEqual(JSON.parse(start.text));
    expect(String(view.json.memory_context)).toMatch(MARKERS[provider]);
    for (const other of PROVIDERS.filter((p) => p !== provider)) expect(JSON.stringify(view.json)).not.toMatch(MARKERS[other]);
  });

  it.each(PROVIDERS)('run the mid-call search on %s exactly as the platform tool does, in its memory space', async (provider) => {
    const view = await get(`/v1/users/${ENCODED}/search?platform=${provider}&query=${encodeURIComponent(QUERY)}`);
    expect(view.status).toBe(200);
    expect(view.json).toMatchObject({ platform: provider, query: QUERY, degraded: null });
    const search = memorySearchRequest(provider, CALLER, QUERY);
    const tool = await post(`${state.runtime.url}${route(provider, 'memory-search').path}`, search.body, {
      ...search.headers,
      ...credentialHeaders(provider, 'memory-search', search.body, secret(secretNameFor(provider, 'memory-search'))),
    });
    expect(tool.status).toBe(200);
    const answer = view.json.answer as { count: number; result: string };
    expect(answer.count).toBeGreaterThan(0);
    expect(answer.result).toMatch(MARKERS[provider]);
    for (const other of PROVIDERS.filter((p) => p !== provider)) expect(answer.result).not.toMatch(MARKERS[other]);
    // The tool's reply carries the same answer (the platform's wire format around it).
    expect(view.json.reply).toEqual(
      JSON.parse(tool.text.replaceAll(/"toolCallId":"[^"]*"|"tool_call_id":"[^"]*"/g, (m) => m.replace(/:"[^"]*"/, ':"admin-search"'))),
    );
  });

  it('group the caller’s memories by call, with type, source, expiry and field sources, in one space or all', async () => {
    const one = await get(`/v1/users/${ENCODED}/memories?platform=elevenlabs`);
    expect(one.status).toBe(200);
    const calls = one.json.calls as Json[];
    expect(calls.map((c) => c.conversation_id)).toEqual(['inspect_elevenlabs']);
    const call = calls[0] as Json;
    expect(call).toMatchObject({ platform: 'elevenlabs', agent_type: 'elevenlabs_customer_support' });
    expect(call.field_sources).toMatchObject({ name: 'data_collection' });
    const memories = call.memories as Json[];
    expect(memories.length).toBe(one.json.total);
    for (const m of memories) {
      expect(m).toMatchObject({ platform: 'elevenlabs', expired: false });
      expect(Date.parse(String(m.expires_at))).toBeGreaterThan(Date.now());
      expect(['summary', 'extraction', 'platform_analysis', 'transcript', 'derived']).toContain(m.source);
    }
    expect(memories.find((m) => m.text === 'Prefers to be contacted by email.')).toMatchObject({
      type: 'factual',
      source: 'extraction',
      field_source: 'data_collection',
      fields: { contact_preference: 'email' },
    });
    expect(memories.some((m) => m.source === 'transcript' && m.type === 'semantic')).toBe(true);

    const all = await get(`/v1/users/${ENCODED}/memories`);
    expect((all.json.calls as Json[]).map((c) => c.conversation_id)).toEqual([
      'inspect_generic',
      'inspect_retell',
      'inspect_vapi',
      'inspect_elevenlabs',
    ]);
    expect(all.json.memory_space).toBeNull();
  });

  it('flag a call whose values were dropped at ingestion as degraded, saying why', async () => {
    const body = JSON.parse(postCallBody('elevenlabs', { caller: '+15550177043', conversationId: 'inspect_dropped' }).toString()) as {
      data: { transcript: { time_in_call_secs: number }[] };
    };
    (body.data.transcript[1] as { time_in_call_secs: number }).time_in_call_secs = -5;
    const raw = Buffer.from(JSON.stringify(body));
    const reply = await post(
      `${state.runtime.url}/v1/elevenlabs/webhook`,
      raw,
      credentialHeaders('elevenlabs', 'webhook-intake', raw, secret('ELEVENLABS_HMAC_KEY')),
    );
    expect(reply.status).toBe(200);
    await waitForQueueDrain(() => state.runtime.deps.queueDepth());
    const calls = (await get('/v1/calls')).json.calls as Json[];
    expect(calls.find((c) => c.conversation_id === 'inspect_dropped')).toMatchObject({
      caller: '***7043',
      degraded: true,
      degraded_reasons: ['fields_dropped'],
      dropped_fields: ['turns[1].offsetSecs'],
    });
  });

  it('know a caller with no memories: a new caller, nothing listed, an empty answer', async () => {
    const stranger = encodeURIComponent('+15550177099');
    expect((await get(`/v1/users/${stranger}/snapshot?platform=elevenlabs`)).json).toMatchObject({
      source: 'none',
      returning: false,
      snapshot: null,
    });
    expect((await get(`/v1/users/${stranger}/memories`)).json).toMatchObject({ total: 0, calls: [] });
    expect(((await get(`/v1/users/${stranger}/search?platform=elevenlabs&query=anything`)).json.answer as Json).count).toBe(0);
  });
});
