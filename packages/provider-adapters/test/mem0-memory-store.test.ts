import { FixedClock, MemoryStoreError } from '@agentic-memory/memory-core';
import { Mem0MemoryStore } from '../src/mem0';
import { Mem0ContractServer } from '../testing/mem0-contract-server';
import { CONTRACT_NOW, describeMemoryStoreContract, memory } from './contract/memory-store-contract';

describeMemoryStoreContract('Mem0MemoryStore (loopback Mem0 contract server)', async () => {
  const clock = new FixedClock(CONTRACT_NOW);
  const server = new Mem0ContractServer(undefined, () => clock.now());
  const host = await server.start();
  const store = new Mem0MemoryStore({ apiKey: server.apiKey, host, clock, recallDeadlineMs: 2000, ingestDeadlineMs: 2000, backoffMs: 5 });
  return { store, clock, close: () => server.stop() };
});

describe('Mem0MemoryStore on the wire', () => {
  let server: Mem0ContractServer;
  let host: string;
  const clock = new FixedClock(CONTRACT_NOW);
  const store = () =>
    new Mem0MemoryStore({ apiKey: server.apiKey, host, clock, recallDeadlineMs: 200, ingestDeadlineMs: 500, backoffMs: 5 });

  beforeEach(async () => {
    server = new Mem0ContractServer();
    host = await server.start();
  });
  afterEach(() => server.stop());

  const conversation = {
    id: 'conv_1',
    turns: [
      { speaker: 'agent' as const, text: "Hi, I'm Ava. Who am I speaking with?", offsetSecs: 0 },
      { speaker: 'caller' as const, text: 'This is Maya, my router keeps dropping.', offsetSecs: 3 },
      { speaker: 'tool' as const, text: 'lookup ok', offsetSecs: 4 },
    ],
  };

  it('writes a call as: delete the run, the turns for extraction, then one infer:false add per memory type', async () => {
    const memories = [
      memory('f', 'Caller name is Maya', {
        metadata: { conversation_id: 'conv_1', provider: 'elevenlabs', agent_type: 'support', name: 'Maya' },
        expiresAt: '2027-10-31T00:00:00.000Z',
      }),
      memory('i', 'Router drops wifi', {
        type: 'issue',
        metadata: { conversation_id: 'conv_1', issue_type: 'connectivity' },
        expiresAt: '2027-10-31T00:00:00.000Z',
      }),
    ];
    await store().add('callerkey123', memories, { conversation });
    const writes = server.requests.filter((r) => r.path !== '/v1/ping/');
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'DELETE /v1/memories/',
      'POST /v3/memories/add/',
      'POST /v3/memories/add/',
      'POST /v3/memories/add/',
    ]);
    for (const r of writes) expect(r.headers.authorization).toBe(`Token ${server.apiKey}`);
    expect(writes[0]?.query).toEqual({ user_id: 'callerkey123', run_id: 'conv_1' });
    expect(writes[1]?.body).toMatchObject({
      messages: [
        { role: 'assistant', content: "Hi, I'm Ava. Who am I speaking with?" },
        { role: 'user', content: 'This is Maya, my router keeps dropping.' },
      ],
      user_id: 'callerkey123',
      run_id: 'conv_1',
      expiration_date: '2027-10-31',
      metadata: { conversation_id: 'conv_1', provider: 'elevenlabs', agent_type: 'support', _am_type: 'semantic' },
    });
    expect(writes[1]?.body).not.toHaveProperty('infer');
    expect(writes[2]?.body).toMatchObject({
      messages: [{ role: 'user', content: 'Caller name is Maya' }],
      user_id: 'callerkey123',
      run_id: 'conv_1',
      infer: false,
      expiration_date: '2027-10-31',
      timestamp: Math.floor(Date.parse(memories[0]?.createdAt ?? '') / 1000),
      metadata: { name: 'Maya', _am_type: 'factual', _am_created_at: memories[0]?.createdAt },
    });
    expect(writes[3]?.body).toMatchObject({ infer: false, metadata: { issue_type: 'connectivity', _am_type: 'issue' } });
    // Keys on the wire are snake_case.
    for (const r of writes.slice(1)) expect(Object.keys(r.body as object).every((k) => !/[A-Z]/.test(k))).toBe(true);
  });

  it('searches with filters {user_id} on the wire, types as an OR of metadata equalities', async () => {
    await store().search({ userId: 'k1', text: 'router', limit: 5, threshold: 0.2 });
    await store().search({
      userId: 'k1',
      text: 'router',
      limit: 5,
      types: ['issue', 'resolution'],
      createdAfter: '2026-01-01T00:00:00.000Z',
    });
    const [plain, typed] = server.calls('/v3/memories/search/');
    expect(plain?.body).toEqual({ query: 'router', output_format: 'v1.1', filters: { user_id: 'k1' }, top_k: 5, threshold: 0.2 });
    expect(typed?.body).toMatchObject({
      filters: {
        AND: [
          { user_id: 'k1' },
          { OR: [{ metadata: { _am_type: 'issue' } }, { metadata: { _am_type: 'resolution' } }] },
          { created_at: { gte: '2026-01-01T00:00:00.000Z' } },
        ],
      },
    });
  });

  it('scopes search and list to a memory space with the filters Mem0 has (equality and NOT, no `in`, no "missing")', async () => {
    await store().search({ userId: 'k1', space: { name: 'vapi', providers: ['vapi'] }, text: 'router', limit: 5 });
    await store().search({ userId: 'k1', space: { name: 'phones', providers: ['vapi', 'retell'] }, text: 'router', limit: 5 });
    await store().search({ userId: 'k1', space: { name: 'elevenlabs', providers: ['elevenlabs'] }, text: 'router', limit: 5 });
    await store().list('k1', { space: { name: 'support', providers: ['elevenlabs', 'vapi'] } });
    const [vapi, phones, elevenlabs] = server.calls('/v3/memories/search/').map((c) => (c.body as { filters: unknown }).filters);
    expect(vapi).toEqual({ AND: [{ user_id: 'k1' }, { metadata: { provider: 'vapi' } }] });
    expect(phones).toEqual({
      AND: [{ user_id: 'k1' }, { OR: [{ metadata: { provider: 'vapi' } }, { metadata: { provider: 'retell' } }] }],
    });
    // Unlabelled (seed) memories are ElevenLabs': that space excludes every other platform instead.
    expect(elevenlabs).toEqual({
      AND: [
        { user_id: 'k1' },
        { NOT: [{ metadata: { provider: 'vapi' } }] },
        { NOT: [{ metadata: { provider: 'retell' } }] },
        { NOT: [{ metadata: { provider: 'generic' } }] },
      ],
    });
    expect(server.calls('/v3/memories/')[0]?.body).toEqual({
      filters: {
        AND: [{ user_id: 'k1' }, { NOT: [{ metadata: { provider: 'retell' } }] }, { NOT: [{ metadata: { provider: 'generic' } }] }],
      },
    });
  });

  it('drops what the server filter lets through but the space does not hold (a provider the filter cannot name)', async () => {
    const write = (id: string, text: string, provider: string) =>
      store().add('k1', [memory(id, text, { metadata: { conversation_id: `conv_${id}`, provider } })]);
    await write('a', 'Wants a callback about the parcel', 'elevenlabs');
    await write('b', 'Wants a callback from the old dialer', 'legacy_dialer');
    const elevenlabs = { name: 'elevenlabs', providers: ['elevenlabs'] } as const;
    // The NOT filter excludes the known platforms only: the server returns both, the store keeps its space's.
    const parcel = 'Wants a callback about the parcel';
    expect((await store().search({ userId: 'k1', space: elevenlabs, text: 'callback', limit: 5 })).map((m) => m.text)).toEqual([parcel]);
    expect((await store().list('k1', { space: elevenlabs })).memories.map((m) => m.text)).toEqual([parcel]);
    expect((await store().search({ userId: 'k1', text: 'callback', limit: 5 })).length).toBe(2);
  });

  it('makes the transcript searchable once Mem0 has extracted it (asynchronously)', async () => {
    await store().add('k1', [], { conversation });
    expect(await store().search({ userId: 'k1', text: 'router', limit: 5 })).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    const found = await store().search({ userId: 'k1', text: 'router', limit: 5 });
    expect(found.map((m) => [m.text, m.type])).toEqual([['This is Maya, my router keeps dropping.', 'semantic']]);
  });

  it('lists with pagination through getAll and deletes a caller with an explicit user id', async () => {
    await store().add(
      'k1',
      Array.from({ length: 5 }, (_, i) => memory(`m${i}`, `memory ${i}`)),
    );
    const page = await store().list('k1', { pageSize: 2 });
    expect(page.memories.length).toBe(2);
    expect(page.nextCursor).toBe('2');
    expect(server.calls('/v3/memories/')[0]).toMatchObject({ query: { page: '1', page_size: '2' }, body: { filters: { user_id: 'k1' } } });
    expect(await store().deleteUser('k1')).toBe(5);
    const deletes = server.calls('/v1/memories/', 'DELETE');
    expect(deletes.at(-1)?.query).toEqual({ user_id: 'k1' });
    await expect(store().deleteUser('')).rejects.toThrow(/explicit user id/);
  });

  it('maps 401 to unauthorized and never retries it', async () => {
    server.fail(401, 5, (r) => r.path === '/v3/memories/add/');
    const error = await store()
      .add('k1', [memory('a', 'x')])
      .catch((e) => e);
    expect(error).toBeInstanceOf(MemoryStoreError);
    expect(error.kind).toBe('unauthorized');
    expect(server.calls('/v3/memories/add/').length).toBe(1);
  });

  it('retries ingestion on 429 and 5xx with backoff, then succeeds', async () => {
    server.fail(429, 1, (r) => r.path === '/v3/memories/add/');
    server.fail(503, 1, (r) => r.path === '/v3/memories/add/');
    await store().add('k1', [memory('a', 'retried memory')]);
    expect(server.calls('/v3/memories/add/').length).toBe(3);
    expect(server.memories.map((m) => m.memory)).toEqual(['retried memory']);
  });

  it('gives up after the configured attempts with the mapped kind', async () => {
    server.fail(500, 10, (r) => r.path === '/v3/memories/add/');
    const error = await store()
      .add('k1', [memory('a', 'x')])
      .catch((e) => e);
    expect(error.kind).toBe('unavailable');
    expect(server.calls('/v3/memories/add/').length).toBe(3);
  });

  it('never retries on the hot path: a 429 on search fails at once', async () => {
    server.fail(429, 1, (r) => r.path === '/v3/memories/search/');
    const error = await store()
      .search({ userId: 'k1', text: 'x', limit: 3 })
      .catch((e) => e);
    expect(error.kind).toBe('rate_limited');
    expect(server.calls('/v3/memories/search/').length).toBe(1);
  });

  it('enforces the recall deadline on a slow reply (the SDK has none)', async () => {
    // The reply would take 5 s; the store gives up at its deadline. The bound is generous (2 shared
    // cores): it only proves the store did not wait for the reply. Timing itself is pnpm bench's job.
    server.delay(5000, 1, (r) => r.path === '/v3/memories/search/');
    const started = Date.now();
    const error = await store()
      .search({ userId: 'k1', text: 'x', limit: 3 })
      .catch((e) => e);
    expect(error.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('maps an unreachable host to unavailable', async () => {
    const dead = new Mem0MemoryStore({ apiKey: 'k', host: 'http://127.0.0.1:1', clock, recallDeadlineMs: 2000 });
    const error = await dead.search({ userId: 'k1', text: 'x', limit: 3 }).catch((e) => e);
    expect(error.kind).toBe('unavailable');
    // The SDK's background ping to the dead host logs its failure: let it finish inside the test.
    await new Promise((r) => setTimeout(r, 200));
  });

  it('switches Mem0 telemetry off before the SDK loads, and builds one client per host and key', async () => {
    await store().search({ userId: 'k1', text: 'x', limit: 1 });
    await store().search({ userId: 'k1', text: 'y', limit: 1 });
    expect(process.env.MEM0_TELEMETRY).toBe('false');
    // The SDK pings once when its client is constructed; one client serves every store instance.
    expect(server.calls('/v1/ping/', 'GET').length).toBe(1);
    expect(server.calls('/v1/ping/')[0]?.headers.authorization).toBe(`Token ${server.apiKey}`);
  });

  it('refuses to start without an API key', () => {
    expect(() => new Mem0MemoryStore({ apiKey: '', clock })).toThrow(/MEM0_API_KEY/);
  });
});
