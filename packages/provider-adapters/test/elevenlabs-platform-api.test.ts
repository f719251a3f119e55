import { fixtureJson } from '@agentic-memory/fixtures';
import { isWebhookTool, PlatformApiError, type PlatformWebhookToolConfig } from '@agentic-memory/memory-core';
import { parseElevenLabsPostCall } from '../src';
import { ElevenLabsSdkPlatformApi } from '../src/elevenlabs-api/elevenlabs-sdk-platform-api';
import { ElevenLabsContractServer } from '../testing/elevenlabs-contract-server';

function fixtureConversation(): Record<string, unknown> {
  return fixtureJson<{ data: Record<string, unknown> }>('elevenlabs/post-call-transcription.json').data;
}

function conversationAt(id: string, startUnix: number, agentId = 'agent_a'): Record<string, unknown> {
  const base = fixtureConversation();
  return {
    ...base,
    conversation_id: id,
    agent_id: agentId,
    metadata: { ...(base.metadata as object), start_time_unix_secs: startUnix },
  };
}

const memoryTool: PlatformWebhookToolConfig = {
  name: 'memory_search',
  description: 'Look up what we remember about the caller.',
  url: 'https://memory.example.invalid/v1/elevenlabs/memory-search',
  method: 'POST',
  headers: {
    'X-Workspace-Key': { kind: 'secret', secretId: 'sec_1' },
    'X-Caller-Id': { kind: 'dynamic_variable', name: 'system__caller_id' },
  },
  bodyParameters: { query: { type: 'string', description: 'What to look up' } },
  requiredBodyParameters: ['query'],
  responseTimeoutSecs: 10,
};

describe('ElevenLabsSdkPlatformApi against the loopback contract server', () => {
  let server: ElevenLabsContractServer;
  let api: ElevenLabsSdkPlatformApi;
  let baseUrl: string;

  beforeEach(async () => {
    server = new ElevenLabsContractServer();
    baseUrl = await server.start();
    api = new ElevenLabsSdkPlatformApi({ apiKey: server.apiKey, baseUrl, maxRetries: 2, timeoutSeconds: 5 });
  });
  afterEach(async () => {
    expect(server.contractViolations).toEqual([]);
    await server.stop();
  });

  it('reads a blank agent and writes every setting memory needs, through the SDK and its schemas', async () => {
    server.addAgent('agent_a', { prompt: 'You are helpful.' });
    const blank = await api.getAgent('agent_a');
    expect(blank).toMatchObject({
      agentId: 'agent_a',
      prompt: 'You are helpful.',
      toolIds: [],
      overrides: { initiationWebhook: false, firstMessage: false, prompt: false },
      initiationWebhook: null,
      postCallWebhook: null,
      dataCollection: {},
      dynamicVariables: {},
    });
    await api.updateAgent('agent_a', {
      prompt: 'You are helpful.\n{{memory_context}}',
      toolIds: ['tool_1'],
      dynamicVariables: { caller_name: '', memory_count: 0, returning: false },
      overrides: { initiationWebhook: true, firstMessage: true },
      initiationWebhook: {
        url: 'https://m.example.invalid/client-data',
        headers: { 'X-Workspace-Key': { kind: 'secret', secretId: 'sec_1' } },
      },
      postCallWebhook: { webhookId: 'wh_1', events: ['transcript'] },
      dataCollection: { name: { type: 'string', description: "The caller's name" } },
    });
    const updated = await api.getAgent('agent_a');
    expect(updated).toMatchObject({
      prompt: 'You are helpful.\n{{memory_context}}',
      toolIds: ['tool_1'],
      dynamicVariables: { caller_name: '', memory_count: 0, returning: false },
      overrides: { initiationWebhook: true, firstMessage: true, prompt: false },
      initiationWebhook: {
        url: 'https://m.example.invalid/client-data',
        headers: { 'X-Workspace-Key': { kind: 'secret', secretId: 'sec_1' } },
      },
      postCallWebhook: { webhookId: 'wh_1', events: ['transcript'] },
      dataCollection: { name: { type: 'string', description: "The caller's name" } },
    });
    // The PATCH went out in the API's wire form (snake_case), merged by the server.
    const patch = server.requests.find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe('/v1/convai/agents/agent_a');
    expect(patch?.body).toMatchObject({
      platform_settings: { overrides: { enable_conversation_initiation_client_data_from_webhook: true } },
      conversation_config: { agent: { dynamic_variables: { dynamic_variable_placeholders: { caller_name: '' } } } },
    });
    expect(server.agents.get('agent_a')?.name).toBe('Support agent');
  });

  it('creates, reads and updates a webhook tool; a non-webhook tool is reported as such', async () => {
    const created = await api.createWebhookTool(memoryTool);
    expect(created).toMatchObject({ ...memoryTool, id: expect.stringMatching(/^tool_/) });
    await api.updateWebhookTool(created.id, { ...memoryTool, description: 'Search memory.' });
    const read = await api.getTool(created.id);
    expect(isWebhookTool(read) && read.description).toBe('Search memory.');
    const clientTool = server.addTool({ type: 'client', name: 'show_map', description: 'Shows a map', expects_response: false });
    expect(await api.getTool(clientTool)).toEqual({ id: clientTool, name: 'show_map', type: 'client' });
  });

  it('workspace webhooks, secrets and settings', async () => {
    const { webhookId, secret } = await api.createHmacWebhook('Agentic Memory', 'https://m.example.invalid/post-call');
    expect(secret).toMatch(/^wsec_/);
    await api.updateWebhook(webhookId, { name: 'Agentic Memory', disabled: false, retryEnabled: true });
    expect(server.webhooks.get(webhookId)?.retryEnabled).toBe(true);
    server.addWebhook('broken', 'https://old.example.invalid/post-call', { autoDisabled: true, lastFailureStatus: 500 });
    const hooks = await api.listWebhooks();
    expect(hooks).toHaveLength(2);
    expect(hooks.find((h) => h.name === 'broken')).toMatchObject({ autoDisabled: true, lastFailureStatus: 500 });

    for (let i = 0; i < 130; i += 1) server.addSecret(`other_${i}`, 'x');
    const mine = await api.createSecret('agentic_memory_ws', 'value-never-returned');
    const secrets = await api.listSecrets();
    expect(secrets).toHaveLength(131);
    expect(secrets).toContainEqual(mine);
    expect(JSON.stringify(secrets)).not.toContain('value-never-returned');

    expect(await api.getWorkspaceSettings()).toEqual({ initiationWebhook: null, postCallWebhook: null });
    await api.updateWorkspaceSettings({ postCallWebhook: { webhookId, events: ['transcript'] } });
    expect(await api.getWorkspaceSettings()).toEqual({ initiationWebhook: null, postCallWebhook: { webhookId, events: ['transcript'] } });
  });

  it('lists conversations oldest first with cursor paging and a start filter; a conversation comes back in webhook wire form', async () => {
    for (let i = 0; i < 7; i += 1) server.addConversation(conversationAt(`conv_${i}`, 1_792_000_000 + i * 60));
    server.addConversation(conversationAt('conv_other', 1_792_000_100, 'agent_b'));
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await api.listConversations({
        agentId: 'agent_a',
        order: 'oldest_first',
        pageSize: 3,
        cursor,
        startedAfterUnixSecs: 1_792_000_060,
      });
      seen.push(...page.conversations.map((c) => c.conversationId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual(['conv_2', 'conv_3', 'conv_4', 'conv_5', 'conv_6']);
    expect(pages).toBe(2);
    const newest = await api.listConversations({ agentId: 'agent_a', order: 'newest_first', pageSize: 2 });
    expect(newest.conversations.map((c) => c.conversationId)).toEqual(['conv_6', 'conv_5']);

    const detail = await api.getConversation('conv_3');
    expect(detail).toMatchObject({ conversationId: 'conv_3', agentId: 'agent_a', startTimeUnixSecs: 1_792_000_180, status: 'done' });
    const envelope = parseElevenLabsPostCall({ type: 'post_call_transcription', event_timestamp: 1_792_000_300, data: detail.wire });
    expect(envelope.conversationId).toBe('conv_3');
    expect(envelope.callerNumber).toBe('+15550100123');
    expect((detail.wire.analysis as Record<string, unknown>).data_collection_results).toEqual(
      (fixtureConversation().analysis as Record<string, unknown>).data_collection_results,
    );
  });

  it("waits out a 429 with Retry-After and retries a 5xx (the SDK's retry policy)", async () => {
    server.addAgent('agent_a');
    server.fail(429, 1, { retryAfterSecs: 1 });
    const started = Date.now();
    await api.getAgent('agent_a');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests).toHaveLength(2);
    server.fail(503, 1, { retryAfterSecs: 1 });
    await api.getAgent('agent_a');
    expect(server.requests).toHaveLength(4);
  });

  it('maps exhausted retries, a bad key and a missing agent to typed errors', async () => {
    server.fail(503, 3, { retryAfterSecs: 1 });
    await expect(api.getAgent('agent_a')).rejects.toMatchObject({ kind: 'unavailable', status: 503 });
    const wrongKey = new ElevenLabsSdkPlatformApi({ apiKey: 'wrong', baseUrl, maxRetries: 0 });
    await expect(wrongKey.getAgent('agent_a')).rejects.toMatchObject({ kind: 'unauthorized', status: 401 });
    await expect(api.getAgent('agent_missing')).rejects.toBeInstanceOf(PlatformApiError);
    await expect(api.getAgent('agent_missing')).rejects.toMatchObject({ kind: 'not_found' });
  }, 15_000);

  it('refuses a request body the API would refuse (422 from the SDK schemas)', async () => {
    server.addAgent('agent_a');
    const response = await fetch(`${baseUrl}/v1/convai/agents/agent_a`, {
      method: 'PATCH',
      headers: { 'xi-api-key': server.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ conversation_config: { agent: { prompt: { prompt: 42 } } }, not_a_field: true }),
    });
    expect(response.status).toBe(422);
  });
});
