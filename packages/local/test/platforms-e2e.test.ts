import { readFileSync } from 'node:fs';
import { fixturePath } from '@agentic-memory/fixtures';
import { waitForQueueDrain } from '@agentic-memory/function-kit/testing';
import { type ReplayProvider, replayFile, signatureHeaders } from '../src';
import { useLocalRuntime } from './runtime-support';

/** Per platform, over HTTP on the local runtime: a call is ingested, then the next call start greets the caller by name. */

describe('every platform end to end on the local runtime', () => {
  const local = useLocalRuntime();

  const secretOf = (provider: ReplayProvider) =>
    local.runtime.secrets?.values[
      ({ elevenlabs: 'ELEVENLABS_HMAC_KEY', vapi: 'VAPI_SECRET', retell: 'RETELL_API_KEY', generic: 'GENERIC_API_KEY' } as const)[provider]
    ] as string;

  async function send(provider: ReplayProvider, path: string, fixture: string): Promise<{ status: number; json: Record<string, unknown> }> {
    const body = readFileSync(fixturePath(fixture));
    const res = await fetch(`${local.runtime.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', ...signatureHeaders(provider, body, secretOf(provider), Date.now()) },
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  }

  const ingested = () => waitForQueueDrain(() => local.runtime.deps.queueDepth());

  it('Vapi: end-of-call-report in, then assistant-request greets Priya and the tool finds her allergy', async () => {
    const intake = await replayFile(fixturePath('vapi/end-of-call-report.json'), {
      baseUrl: local.runtime.url,
      provider: 'vapi',
      secret: secretOf('vapi'),
    });
    expect(intake.status).toBe(200);
    await ingested();
    const start = await send('vapi', '/v1/vapi/assistant-request', 'vapi/assistant-request.json');
    expect(start.status).toBe(200);
    expect(start.json).toMatchObject({
      assistantId: 'asst_fixture_support',
      assistantOverrides: { variableValues: { caller_name: 'Priya Nair', returning_caller: 'yes' } },
    });
    expect((start.json.assistantOverrides as { firstMessage: string }).firstMessage).toMatch(/Priya Nair/);
    const tool = await send('vapi', '/v1/vapi/tools/memory-search', 'vapi/tool-calls.json');
    expect(tool.status).toBe(200);
    const [result] = (tool.json as { results: { toolCallId: string; result: string }[] }).results;
    expect(result?.toolCallId).toBe('call_tool_fixture_1');
    expect(result?.result).toMatch(/latex/i);
    expect(result?.result).not.toContain('\n');
  });

  it('Vapi: other server messages are stored and answered 200; a wrong secret is 401', async () => {
    const body = Buffer.from(JSON.stringify({ message: { type: 'status-update', status: 'ended', call: { id: 'call_status_1' } } }));
    const ok = await fetch(`${local.runtime.url}/v1/vapi/webhook`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-vapi-secret': secretOf('vapi') },
    });
    expect(ok.status).toBe(200);
    const bad = await fetch(`${local.runtime.url}/v1/vapi/webhook`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json', 'x-vapi-secret': 'wrong' },
    });
    expect(bad.status).toBe(401);
  });

  it('Retell: call_analyzed in, then call_inbound greets Tomasz and the function finds his car', async () => {
    expect((await send('retell', '/v1/retell/webhook', 'retell/call-started.json')).json).toEqual({ status: 'stored' });
    expect((await send('retell', '/v1/retell/webhook', 'retell/call-analyzed.json')).json).toEqual({ status: 'queued' });
    await ingested();
    const inbound = await send('retell', '/v1/retell/inbound', 'retell/call-inbound.json');
    expect(inbound.status).toBe(200);
    expect(inbound.json).toMatchObject({
      call_inbound: { dynamic_variables: { caller_name: 'Tomasz Kowalski', returning_caller: 'yes' } },
    });
    const fn = await send('retell', '/v1/retell/tools/memory-search', 'retell/function-call.json');
    expect(fn.status).toBe(200);
    expect(String(fn.json.result)).toMatch(/car/i);
  });

  it('Retell: a tampered or stale signature is 401', async () => {
    const body = readFileSync(fixturePath('retell/call-inbound.json'));
    const stale = signatureHeaders('retell', body, secretOf('retell'), Date.now() - 6 * 60_000);
    const tampered = signatureHeaders('retell', Buffer.from(`${body} `), secretOf('retell'), Date.now());
    for (const headers of [stale, tampered]) {
      const res = await fetch(`${local.runtime.url}/v1/retell/inbound`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', ...headers },
      });
      expect(res.status).toBe(401);
    }
  });

  it('generic: webhook in through field mappings, then a generic_v1 reply greets Tomas', async () => {
    expect((await send('generic', '/v1/generic/webhook', 'generic/webhook.json')).json).toEqual({ status: 'queued' });
    await ingested();
    const start = await send('generic', '/v1/generic/conversation-start', 'generic/conversation-start.json');
    expect(start.status).toBe(200);
    expect(start.json).toMatchObject({ is_returning_user: true, context: { personalized_greeting: 'Hello Tomas Berg!' } });
    expect(start.json.user_id).toMatch(/^[0-9a-f]{64}$/);
    const search = await fetch(`${local.runtime.url}/v1/generic/memory-search`, {
      method: 'POST',
      body: JSON.stringify({ query: 'physiotherapy appointment', user_id: '+15550100321' }),
      headers: { 'content-type': 'application/json', 'x-api-key': secretOf('generic') },
    });
    expect(search.status).toBe(200);
    expect(JSON.stringify(await search.json())).toMatch(/physiotherapy/i);
    expect(
      (
        await fetch(`${local.runtime.url}/v1/generic/webhook`, {
          method: 'POST',
          body: '{}',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(401);
  });
});
