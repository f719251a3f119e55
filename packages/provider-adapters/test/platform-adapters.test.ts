import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturePath } from '@agentic-memory/fixtures';
import { AgentMapSchema, buildStartContent, NEW_CALLER, parseAgentTypes, platformAgentFor } from '@agentic-memory/memory-core';
import type { Vapi } from '@vapi-ai/server-sdk';
import fc from 'fast-check';
import {
  genericAdapter,
  PayloadError,
  type PlatformRequest,
  retellAdapter,
  signRetell,
  signVapi,
  type ToolCall,
  vapiAdapter,
  verifyRetellSignature,
  verifyVapiSignature,
} from '../src';

const ROOT = join(__dirname, '..', '..', '..');
const fixture = (path: string): unknown => JSON.parse(readFileSync(fixturePath(path), 'utf8'));
const agentTypes = parseAgentTypes(JSON.parse(readFileSync(join(ROOT, 'config', 'agent-types.json'), 'utf8')));
const agentMap = AgentMapSchema.parse(JSON.parse(readFileSync(join(ROOT, 'config', 'environments', 'local.json'), 'utf8')).agent_map);

function request(body: unknown, headers: Record<string, string> = {}, raw?: string): PlatformRequest {
  const text = raw ?? JSON.stringify(body);
  return { path: '/x', headers, rawBody: Buffer.from(text), body };
}
const secret = (values: Record<string, string>) => async (name: string) => values[name] ?? null;

describe('Vapi HMAC profile', () => {
  const vector = fixture('vapi/signature-vector.json') as {
    secret: string;
    timestamp_ms: number;
    body: string;
    headers: Record<string, string>;
  };
  const body = Buffer.from(vector.body);
  const at = vector.timestamp_ms;

  it('accepts the shared vector and rejects any one-byte change, stale or missing parts', () => {
    expect(verifyVapiSignature(vector.headers['x-signature'], vector.headers['x-timestamp'], body, vector.secret, at)).toEqual({
      ok: true,
    });
    expect(signVapi(vector.body, vector.secret, at)).toEqual(vector.headers);
    for (let i = 0; i < body.length; i += 1) {
      const changed = Buffer.from(body);
      changed[i] = (changed[i] ?? 0) ^ 1;
      expect(verifyVapiSignature(vector.headers['x-signature'], vector.headers['x-timestamp'], changed, vector.secret, at).ok).toBe(false);
    }
    expect(verifyVapiSignature(vector.headers['x-signature'], String(at + 1), body, vector.secret, at).ok).toBe(false);
    expect(verifyVapiSignature(vector.headers['x-signature'], vector.headers['x-timestamp'], body, `${vector.secret}x`, at).ok).toBe(false);
    expect(
      verifyVapiSignature(vector.headers['x-signature'], vector.headers['x-timestamp'], body, vector.secret, at + 5 * 60_000 + 1),
    ).toEqual({ ok: false, reason: 'expired' });
    expect(verifyVapiSignature(undefined, vector.headers['x-timestamp'], body, vector.secret, at)).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(verifyVapiSignature('zz', vector.headers['x-timestamp'], body, vector.secret, at)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('authenticates by HMAC, X-Vapi-Secret or Bearer, and fails closed', async () => {
    const lookup = secret({ VAPI_SECRET: vector.secret });
    const signed = request(JSON.parse(vector.body), vector.headers, vector.body);
    expect(await vapiAdapter.authenticate('webhook-intake', signed, lookup, at)).toEqual({ ok: true });
    expect(await vapiAdapter.authenticate('webhook-intake', request({}, { 'x-vapi-secret': vector.secret }), lookup, at)).toEqual({
      ok: true,
    });
    expect(await vapiAdapter.authenticate('webhook-intake', request({}, { authorization: `Bearer ${vector.secret}` }), lookup, at)).toEqual(
      { ok: true },
    );
    expect((await vapiAdapter.authenticate('webhook-intake', request({}, { 'x-vapi-secret': 'nope' }), lookup, at)).ok).toBe(false);
    expect((await vapiAdapter.authenticate('webhook-intake', request({}), lookup, at)).ok).toBe(false);
    expect((await vapiAdapter.authenticate('webhook-intake', request({}, { 'x-vapi-secret': vector.secret }), secret({}), at)).ok).toBe(
      false,
    );
  });
});

describe('Retell signature', () => {
  const vector = fixture('retell/signature-vector.json') as { api_key: string; timestamp_ms: number; body: string; header: string };
  const body = Buffer.from(vector.body);

  it('accepts the shared vector and rejects tampering, staleness and malformed headers', () => {
    expect(verifyRetellSignature(vector.header, body, vector.api_key, vector.timestamp_ms)).toEqual({ ok: true });
    expect(signRetell(vector.body, vector.api_key, vector.timestamp_ms)).toBe(vector.header);
    for (let i = 0; i < body.length; i += 1) {
      const changed = Buffer.from(body);
      changed[i] = (changed[i] ?? 0) ^ 1;
      expect(verifyRetellSignature(vector.header, changed, vector.api_key, vector.timestamp_ms).ok).toBe(false);
    }
    expect(
      verifyRetellSignature(vector.header.replace(/v=\d+/, `v=${vector.timestamp_ms + 1}`), body, vector.api_key, vector.timestamp_ms).ok,
    ).toBe(false);
    expect(verifyRetellSignature(vector.header, body, `${vector.api_key}x`, vector.timestamp_ms).ok).toBe(false);
    expect(verifyRetellSignature(vector.header, body, vector.api_key, vector.timestamp_ms + 5 * 60_000 + 1)).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(verifyRetellSignature(vector.header, body, vector.api_key, vector.timestamp_ms - 5 * 60_000 - 1)).toEqual({
      ok: false,
      reason: 'future',
    });
    expect(verifyRetellSignature(undefined, body, vector.api_key, vector.timestamp_ms)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyRetellSignature('v=1,d=2', body, vector.api_key, vector.timestamp_ms)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('property: fuzzed headers never verify and never throw', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^v=\d{0,16},d=[0-9a-f]{0,70}$/)),
        (h) => verifyRetellSignature(h, body, vector.api_key, vector.timestamp_ms).ok === (h === vector.header),
      ),
      { numRuns: 2000 },
    );
  });
});

describe('Vapi messages', () => {
  it('reads the assistant-request caller and ids, and replies with the mapped assistant and string variables', () => {
    const start = vapiAdapter.parseCallStart(fixture('vapi/assistant-request.json'), {});
    expect(start).toEqual({ callerNumber: '+15550100456', platformIds: ['pn_fixture', null, null, '+15550199222'] });
    const agentType = agentTypes.vapi_customer_support;
    if (!agentType) throw new Error('no vapi agent type');
    const content = buildStartContent(NEW_CALLER, agentType, 0);
    const reply = vapiAdapter.formatCallStart(content, NEW_CALLER, agentType, {
      userId: null,
      platformAgentId: platformAgentFor(agentMap, 'vapi', start.platformIds),
    }) as {
      assistantId: string;
      assistantOverrides: { variableValues: Record<string, unknown>; firstMessage?: string };
    };
    expect(reply.assistantId).toBe('asst_fixture_support');
    expect(Object.keys(reply.assistantOverrides.variableValues).sort()).toEqual(Object.keys(agentType.dynamic_variables).sort());
    for (const v of Object.values(reply.assistantOverrides.variableValues)) expect(typeof v).toBe('string');
    expect(reply.assistantOverrides.firstMessage).toBe(content.greeting);
  });

  it('ingests end-of-call-report and stores other server messages', () => {
    const report = vapiAdapter.parsePostCall(fixture('vapi/end-of-call-report.json'), {});
    expect(report).toMatchObject({
      event: 'end-of-call-report',
      ingest: true,
      conversationId: 'call_fixture_vapi_0001',
      callerNumber: '+15550100456',
    });
    const record = vapiAdapter.callRecord(fixture('vapi/end-of-call-report.json'), {});
    expect(record).toMatchObject({
      provider: 'vapi',
      callerNumber: '+15550100456',
      direction: 'inbound',
      summary: expect.stringMatching(/^Priya Nair/),
      dataCollection: { name: 'Priya Nair' },
      evaluation: { success_evaluation: { result: 'success' } },
      durationSecs: 360,
      startedAt: '2026-10-14T15:00:00.000Z',
    });
    expect(record.turns.map((t) => t.speaker)).toEqual(['agent', 'caller']);
    // The assistant's name, when the message carries the assistant: never the caller's.
    const sent = fixture('vapi/end-of-call-report.json') as { message: Record<string, unknown> };
    expect(record.agentName).toBeNull();
    expect(vapiAdapter.callRecord({ message: { ...sent.message, assistant: { name: 'Riley' } } }, {}).agentName).toBe('Riley');
    expect(vapiAdapter.parsePostCall({ message: { type: 'status-update', call: { id: 'c1' } } }, {})).toMatchObject({
      ingest: false,
      event: 'status-update',
    });
    expect(() => vapiAdapter.parsePostCall({ type: 'x' }, {})).toThrow(PayloadError);
  });

  it('reads tool calls with arguments as an object or a JSON string, and answers 200 with single-line results', () => {
    const calls = vapiAdapter.parseToolCalls(request(fixture('vapi/tool-calls.json')), 'caller_id');
    expect(calls).toEqual([
      // The phone number id (and the assistant, when set) select the agent type of the search.
      {
        query: 'allergies',
        callerNumber: '+15550100456',
        toolCallId: 'call_tool_fixture_1',
        name: 'memory_search',
        platformIds: ['pn_fixture', null, null, null],
      },
    ]);
    const asString = {
      message: {
        type: 'tool-calls',
        customer: { number: '+15550100456' },
        toolCallList: [{ id: 't2', function: { name: 'memory_search', arguments: '{"query":"latex"}' } }],
      },
    };
    expect(vapiAdapter.parseToolCalls(request(asString), 'caller_id')[0]).toMatchObject({ query: 'latex', toolCallId: 't2' });
    const answered = vapiAdapter.formatToolAnswers([
      { call: calls[0] as ToolCall, answer: { count: 1, result: 'line one\nline two', memories: [] } },
      { call: { query: 'x', callerNumber: null, toolCallId: 't3', name: 'lookup_memory' }, answer: null, error: 'missing_caller' },
    ]);
    expect(answered).toEqual({
      statusCode: 200,
      body: {
        results: [
          // Vapi's ToolCallResult names the tool (the SDK's type requires it).
          { toolCallId: 'call_tool_fixture_1', name: 'memory_search', result: 'line one line two' },
          { toolCallId: 't3', name: 'lookup_memory', error: 'missing_caller' },
        ],
      },
    });
    // Every field the official SDK's ToolCallResult requires is there.
    const required: (keyof Vapi.ToolCallResult)[] = ['name', 'toolCallId'];
    for (const result of (answered.body as { results: Record<string, unknown>[] }).results) {
      for (const field of required) expect(typeof result[field]).toBe('string');
    }
  });
});

describe('Retell events', () => {
  it('reads call_inbound and replies with string dynamic variables', () => {
    expect(retellAdapter.parseCallStart(fixture('retell/call-inbound.json'), {})).toEqual({
      callerNumber: '+15550100888',
      platformIds: ['agent_fixture_retell', '+15550199333'],
    });
    const agentType = agentTypes.retell_customer_support;
    if (!agentType) throw new Error('no retell agent type');
    const reply = retellAdapter.formatCallStart(buildStartContent(NEW_CALLER, agentType, 0), NEW_CALLER, agentType, {
      userId: null,
      platformAgentId: null,
    }) as {
      call_inbound: { dynamic_variables: Record<string, unknown> };
    };
    for (const v of Object.values(reply.call_inbound.dynamic_variables)) expect(typeof v).toBe('string');
    expect(reply.call_inbound).not.toHaveProperty('override_agent_id');
    const routed = retellAdapter.formatCallStart(buildStartContent(NEW_CALLER, agentType, 0), NEW_CALLER, agentType, {
      userId: null,
      platformAgentId: 'agent_retell_vip',
    }) as { call_inbound: Record<string, unknown> };
    expect(routed.call_inbound.override_agent_id).toBe('agent_retell_vip');
  });

  it('ingests call_analyzed (the caller is from_number inbound, to_number outbound) and stores the others', () => {
    expect(retellAdapter.parsePostCall(fixture('retell/call-analyzed.json'), {})).toMatchObject({
      ingest: true,
      callerNumber: '+15550100888',
      conversationId: 'call_fixture_retell_0001',
    });
    expect(retellAdapter.parsePostCall(fixture('retell/call-outbound-analyzed.json'), {})).toMatchObject({
      ingest: true,
      callerNumber: '+15550100889',
    });
    expect(retellAdapter.parsePostCall(fixture('retell/call-started.json'), {})).toMatchObject({ ingest: false, event: 'call_started' });
    expect(retellAdapter.parsePostCall(fixture('retell/call-ended.json'), {})).toMatchObject({ ingest: false, event: 'call_ended' });
    const record = retellAdapter.callRecord(fixture('retell/call-analyzed.json'), {});
    expect(record).toMatchObject({
      provider: 'retell',
      summary: expect.stringMatching(/^Tomasz Kowalski/),
      evaluation: { call_successful: { result: 'success' }, user_sentiment: { result: 'positive' } },
      durationSecs: 300,
      direction: 'inbound',
    });
    expect(record.turns).toEqual([
      { speaker: 'agent', text: 'Hi, Evergreen Insurance.', offsetSecs: null },
      { speaker: 'caller', text: "Hi, I'm Tomasz Kowalski, I want to add my new car to my policy.", offsetSecs: null },
    ]);
  });

  it('takes the caller from the signed body only: the call object, or with args at the root the bound argument', () => {
    expect(retellAdapter.parseToolCalls(request(fixture('retell/function-call.json')), 'caller_id')).toEqual([
      { query: 'which car', callerNumber: '+15550100888', toolCallId: 'call_fixture_retell_0001', platformIds: ['agent_fixture_retell'] },
    ]);
    // Args at the root: the argument bound to the caller's number, inside the signed body.
    expect(retellAdapter.parseToolCalls(request({ query: 'which car', caller_id: '+15550100888' }), 'caller_id')[0]?.callerNumber).toBe(
      '+15550100888',
    );
    // An unsigned header never names the caller: a captured signed body cannot be replayed for another number.
    expect(
      retellAdapter.parseToolCalls(request({ query: 'which car' }, { 'x-caller-id': '+15550100888' }), 'caller_id')[0]?.callerNumber,
    ).toBeNull();
    // With the call object, a root argument cannot override it either.
    const withCall = { ...(fixture('retell/function-call.json') as object), caller_id: '+15550100999' };
    expect(retellAdapter.parseToolCalls(request(withCall), 'caller_id')[0]?.callerNumber).toBe('+15550100888');
  });
});

describe('generic platforms', () => {
  const generic = agentTypes.generic_voice_agent;
  it('read call starts and webhooks through the agent type field mappings', () => {
    if (!generic) throw new Error('no generic agent type');
    expect(
      genericAdapter.parseCallStart(fixture('generic/conversation-start.json'), generic.webhooks.conversation_initiation.field_mappings),
    ).toEqual({
      callerNumber: '+15550100321',
      platformIds: ['generic_fixture_agent'],
    });
    const mappings = generic.webhooks.post_call.field_mappings;
    expect(genericAdapter.parsePostCall(fixture('generic/webhook.json'), mappings)).toMatchObject({
      ingest: true,
      conversationId: 'gen_call_fixture_0001',
      callerNumber: '+15550100321',
    });
    const record = genericAdapter.callRecord(fixture('generic/webhook.json'), mappings);
    expect(record).toMatchObject({
      agentId: 'generic_fixture_agent',
      summary: expect.stringMatching(/^Tomas Berg/),
      durationSecs: 184,
      startedAt: '2026-10-14T15:00:00.000Z',
      endedAt: '2026-10-14T15:03:04.000Z',
    });
    expect(record.turns.map((t) => t.speaker)).toEqual(['agent', 'caller']);
    expect(() => genericAdapter.parsePostCall({ nothing: 1 }, mappings)).toThrow(/no conversation id/);
  });

  it('authenticate with X-API-Key only', async () => {
    const lookup = secret({ GENERIC_API_KEY: 'gk' });
    expect(await genericAdapter.authenticate('webhook-intake', request({}, { 'x-api-key': 'gk' }), lookup, 0)).toEqual({ ok: true });
    expect((await genericAdapter.authenticate('webhook-intake', request({}, { 'x-api-key': 'no' }), lookup, 0)).ok).toBe(false);
    expect((await genericAdapter.authenticate('webhook-intake', request({}, {}), lookup, 0)).ok).toBe(false);
    expect((await genericAdapter.authenticate('webhook-intake', request({}, { authorization: 'Bearer gk' }), lookup, 0)).ok).toBe(false);
  });
});

describe('adapters never throw anything but PayloadError on any JSON', () => {
  it.each([
    ['vapi', vapiAdapter],
    ['retell', retellAdapter],
    ['generic', genericAdapter],
  ] as const)('%s', (_name, adapter) => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        for (const run of [
          () => adapter.parseCallStart(value, {}),
          () => adapter.parsePostCall(value, {}),
          () => adapter.callRecord(value, {}),
          () => adapter.parseToolCalls(request(value), 'caller_id'),
        ]) {
          try {
            run();
          } catch (error) {
            if (!(error instanceof PayloadError)) return false;
          }
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });
});
