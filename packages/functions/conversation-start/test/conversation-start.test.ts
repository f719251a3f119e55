import { readFixture } from '@agentic-memory/fixtures';
import { seedCall } from '@agentic-memory/fn-ingest-worker';
import { evictCaller, TtlCache } from '@agentic-memory/function-kit';
import {
  fakePort,
  fixtureCall,
  type TestDependencies,
  testContext,
  testDependencies,
  testHttpEvent,
  WORKSPACE_HEADERS,
} from '@agentic-memory/function-kit/testing';
import { type AgentType, type ElevenLabsInitiationReply, FixedClock, type SecretName } from '@agentic-memory/memory-core';
import { type CachedContext, createConversationStartHandler, FRESH_MS } from '../src/conversation-start-handler';

const NOW = Date.parse('2026-10-20T09:00:00Z');
const KEY = WORKSPACE_HEADERS;

/** The reply ElevenLabs receives at call start. */
type Reply = ElevenLabsInitiationReply;

describe('conversation-start (ElevenLabs) through the Middy stack', () => {
  let deps: TestDependencies;
  beforeEach(() => {
    deps = testDependencies({ clock: new FixedClock(NOW) });
  });
  afterEach(() => deps.dispose());

  async function start(
    body: object | string,
    headers: Record<string, string> = KEY,
    handler = createConversationStartHandler(deps),
    path = '/client-data',
  ) {
    const res = await handler(
      testHttpEvent({ path, body: typeof body === 'string' ? body : JSON.stringify(body), headers }),
      testContext('conversation-start'),
    );
    return { status: res.statusCode, reply: JSON.parse(res.body ?? '{}') as Reply };
  }

  function expectDeclared(reply: Reply, agentType: string) {
    const declared = deps.agentTypes[agentType]?.dynamic_variables ?? {};
    expect(reply.type).toBe('conversation_initiation_client_data');
    expect(Object.keys(reply.dynamic_variables).sort()).toEqual(Object.keys(declared).sort());
  }

  it('401 without or with a wrong X-Workspace-Key', async () => {
    expect((await start({ caller_id: '+15550100123' }, {})).status).toBe(401);
    expect(await start({ caller_id: '+15550100123' }, { 'x-workspace-key': 'nope' })).toEqual({
      status: 401,
      reply: { error: 'unauthorized' },
    });
  });

  it('greets a returning caller by name from the snapshot', async () => {
    await seedCall(deps, 'elevenlabs_customer_support', fixtureCall('post-call-transcription.json'));
    const { status, reply } = await start(JSON.parse(readFixture('elevenlabs/conversation-initiation-request.json')));
    expect(status).toBe(200);
    expect(reply.conversation_config_override?.agent.first_message).toContain('Maya Okafor');
    expect(reply.dynamic_variables).toMatchObject({ caller_name: 'Maya Okafor', returning_caller: 'yes', contact_preference: 'email' });
    expectDeclared(reply, 'elevenlabs_customer_support');
  });

  it('maps the agent id to the sales agent type and puts budget and timeline in the reply', async () => {
    await seedCall(deps, 'elevenlabs_sales_agent', fixtureCall('post-call-transcription-sales.json'));
    const { reply } = await start(
      { caller_id: '+15550100777', agent_id: 'agent_01kfixsales0000000000000000' },
      KEY,
      undefined,
      '/v1/elevenlabs/conversation-start',
    );
    expect(reply.dynamic_variables).toMatchObject({ budget: '$18,000', timeline: '3 months (2027-01-15)', caller_name: 'Daniel Reyes' });
    expectDeclared(reply, 'elevenlabs_sales_agent');
  });

  it('honours X-Agent-Type', async () => {
    const { reply } = await start({ caller_id: '+15550100999' }, { ...KEY, 'x-agent-type': 'elevenlabs_technical_support' });
    expectDeclared(reply, 'elevenlabs_technical_support');
  });

  it('gives a stranger, a withheld number and a body without a caller a clean new-caller reply', async () => {
    for (const body of [{ caller_id: '+15550100999' }, { caller_id: 'anonymous' }, {}, 'not json at all', '[]']) {
      const { status, reply } = await start(body);
      expect(status).toBe(200);
      expect(reply.dynamic_variables).toEqual(deps.agentTypes.elevenlabs_customer_support?.dynamic_variables);
      expect(reply.conversation_config_override?.agent.first_message).toBe('Hello! How may I help you today?');
    }
  });

  it('degrades to the new-caller reply when the snapshot store fails or is too slow', async () => {
    await seedCall(deps, 'elevenlabs_customer_support', fixtureCall('post-call-transcription.json'));
    const failing = { ...deps, blobStore: fakePort(deps.blobStore, { get: async () => Promise.reject(new Error('S3 down')) }) };
    // A read that never answers: only the recall deadline (its abort signal) can end the request.
    const signals: AbortSignal[] = [];
    const hanging = {
      ...deps,
      blobStore: fakePort(deps.blobStore, {
        get: (_key: string, signal?: AbortSignal) => {
          if (signal) signals.push(signal);
          return new Promise<never>(() => undefined);
        },
      }),
    };
    for (const broken of [failing, hanging]) {
      const { status, reply } = await start({ caller_id: '+15550100123' }, KEY, createConversationStartHandler(broken));
      expect(status).toBe(200);
      expect(reply.dynamic_variables.returning_caller).toBe('no');
      expectDeclared(reply, 'elevenlabs_customer_support');
    }
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
  });

  it('degrades when the pepper is missing instead of failing the call', async () => {
    const noPepper = {
      ...deps,
      secrets: fakePort(deps.secrets, {
        get: async (name: SecretName) => (name === 'CALLER_ID_PEPPER' ? null : deps.secrets.get(name)),
      }),
    };
    const { status, reply } = await start({ caller_id: '+15550100123' }, KEY, createConversationStartHandler(noPepper));
    expect(status).toBe(200);
    expectDeclared(reply, 'elevenlabs_customer_support');
  });

  it('serves repeat calls from the cache, then revalidates with one conditional read after FRESH_MS', async () => {
    await seedCall(deps, 'elevenlabs_customer_support', fixtureCall('post-call-transcription.json'));
    const reads: string[] = [];
    const counting = {
      ...deps,
      blobStore: fakePort(deps.blobStore, {
        get: (key: string) => {
          reads.push('get');
          return deps.blobStore.get(key);
        },
        getIfChanged: (key: string, etag: string) => {
          reads.push('getIfChanged');
          return deps.blobStore.getIfChanged(key, etag);
        },
      }),
    };
    const handler = createConversationStartHandler(counting, { cache: new TtlCache<CachedContext>() });
    for (let i = 0; i < 3; i += 1)
      expect((await start({ caller_id: '+15550100123' }, KEY, handler)).reply.dynamic_variables.returning_caller).toBe('yes');
    expect(reads).toEqual(['get']);
    (deps.clock as FixedClock).advance(FRESH_MS);
    expect((await start({ caller_id: '+15550100123' }, KEY, handler)).reply.dynamic_variables.caller_name).toBe('Maya Okafor');
    expect(reads).toEqual(['get', 'getIfChanged']);
  });

  it('greets a caller who called back after their first call was ingested within FRESH_MS, not the cache duration', async () => {
    const handler = createConversationStartHandler(deps, { cache: new TtlCache<CachedContext>() });
    expect((await start({ caller_id: '+15550100123' }, KEY, handler)).reply.dynamic_variables.returning_caller).toBe('no');
    await seedCall(deps, 'elevenlabs_customer_support', fixtureCall('post-call-transcription.json'));
    (deps.clock as FixedClock).advance(FRESH_MS);
    expect((await start({ caller_id: '+15550100123' }, KEY, handler)).reply.dynamic_variables.returning_caller).toBe('yes');
  });

  it('never serves a superseded snapshot or an erased caller for longer than FRESH_MS, and at once in the process that changed them', async () => {
    const handler = createConversationStartHandler(deps, { cache: new TtlCache<CachedContext>() });
    const { callerKey } = await seedCall(deps, 'elevenlabs_customer_support', fixtureCall('post-call-transcription.json'));
    expect((await start({ caller_id: '+15550100123' }, KEY, handler)).reply.dynamic_variables.caller_name).toBe('Maya Okafor');
    // Another instance erases the caller: this one notices at its next revalidation.
    await deps.blobStore.delete(`snapshots/${callerKey}/elevenlabs_customer_support.json`);
    (deps.clock as FixedClock).advance(FRESH_MS - 1);
    expect((await start({ caller_id: '+15550100123' }, KEY, handler)).reply.dynamic_variables.returning_caller).toBe('yes');
    (deps.clock as FixedClock).advance(1);
    expect((await start({ caller_id: '+15550100123' }, KEY, handler)).reply.dynamic_variables.returning_caller).toBe('no');
    // The process that erases (or writes) evicts at once.
    await seedCall(deps, 'elevenlabs_customer_support', fixtureCall('post-call-transcription.json'));
    (deps.clock as FixedClock).advance(FRESH_MS);
    expect((await start({ caller_id: '+15550100123' }, KEY, handler)).reply.dynamic_variables.returning_caller).toBe('yes');
    await deps.blobStore.delete(`snapshots/${callerKey}/elevenlabs_customer_support.json`);
    evictCaller(callerKey);
    expect((await start({ caller_id: '+15550100123' }, KEY, handler)).reply.dynamic_variables.returning_caller).toBe('no');
  });

  it('queries the store on a snapshot miss when the agent type says so', async () => {
    const support = deps.agentTypes.elevenlabs_customer_support as AgentType;
    const agentTypes = { ...deps.agentTypes, elevenlabs_customer_support: { ...support, on_snapshot_miss: 'query_store' as const } };
    const { callerKey } = await seedCall(deps, 'elevenlabs_customer_support', fixtureCall('post-call-transcription.json'));
    await deps.blobStore.delete(`snapshots/${callerKey}/elevenlabs_customer_support.json`);
    const { reply } = await start({ caller_id: '+15550100123' }, KEY, createConversationStartHandler({ ...deps, agentTypes }));
    expect(reply.dynamic_variables).toMatchObject({ caller_name: 'Maya Okafor', returning_caller: 'yes' });
  });
});
