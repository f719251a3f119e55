import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixtureJson } from '@agentic-memory/fixtures';
import { ElevenLabsContractServer } from '@agentic-memory/provider-adapters/testing/elevenlabs';
import { type LocalRuntime, startLocalRuntime } from '../src';
import { CommandError, elevenLabsCommand } from '../src/elevenlabs/elevenlabs-command';
import { applyConfigMigration, planConfigMigration } from '../src/migration/config-migration';
import { ROOT, runScript } from './run-script';

// biome-ignore lint/suspicious/noExplicitAny: the API's wire JSON, read field by field in assertions
type Wire = any;

/** `pnpm elevenlabs` as a user runs it: a child process, the SDK pointed at the loopback contract server. */
const AGENT = 'agent_blank0000000000000000000';
const SUPPORT_AGENT = 'agent_01kfixsupport00000000000000';
const BASE_URL = 'https://memory.example.test';
const FIXTURE = fixtureJson<{ data: Record<string, unknown> }>('elevenlabs/post-call-transcription.json');

/** The command in-process for speed; the end-to-end case runs the real `pnpm elevenlabs` entry as a child process. */
describe('pnpm elevenlabs setup | verify | reconcile', () => {
  let server: ElevenLabsContractServer;
  let apiUrl: string;
  let dataDir: string;
  let configDir: string;
  const outputs: string[] = [];

  beforeEach(async () => {
    server = new ElevenLabsContractServer();
    apiUrl = await server.start();
    dataDir = mkdtempSync(join(tmpdir(), 'am-el-data-'));
    configDir = mkdtempSync(join(tmpdir(), 'am-el-config-'));
    cpSync(join(ROOT, 'config'), configDir, { recursive: true });
    outputs.length = 0;
  });
  afterEach(async () => {
    expect(server.contractViolations).toEqual([]);
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  });

  function environment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const base = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(ELEVENLABS_|AWS_|SECRET_NAME|AGENTIC_MEMORY_)/.test(k)),
    );
    return {
      ...base,
      DATA_DIR: dataDir,
      AGENTIC_MEMORY_CONFIG_DIR: configDir,
      ELEVENLABS_API_KEY: server.apiKey,
      ELEVENLABS_API_URL: apiUrl,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      ...extra,
    };
  }

  /** The command in-process (what the CLI entry runs), with its own environment and output. */
  async function cli(args: string[], extra: Record<string, string> = {}): Promise<{ status: number | null; out: string }> {
    const lines: string[] = [];
    let status: number;
    try {
      status = await elevenLabsCommand(args, environment(extra), (line) => lines.push(line));
    } catch (error) {
      lines.push(`elevenlabs: ${(error as Error).message}`);
      status = error instanceof CommandError ? error.code : 1;
    }
    const out = lines.join('\n');
    outputs.push(out);
    return { status, out };
  }

  /** `pnpm elevenlabs …` as a separate process (the real entry point). */
  async function cliProcess(args: string[]): Promise<{ status: number | null; out: string }> {
    const result = await runScript('elevenlabs-cli.ts', args, environment(), 90_000);
    outputs.push(result.out);
    return result;
  }

  function secretsFile(): Record<string, string> {
    return JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as Record<string, string>;
  }

  /** No secret value appears in anything the command printed. */
  function expectNoSecretInOutput(): void {
    const secrets = secretsFile();
    const values = [
      server.apiKey,
      ...Object.values(secrets),
      ...[...server.webhooks.values()].map((w) => w.secret),
      ...[...server.secrets.values()].map((s) => s.value),
    ].filter((v) => v.length >= 8);
    for (const out of outputs)
      for (const value of values) expect(out.includes(value) ? `secret ${value.slice(0, 4)}… printed` : 'clean').toBe('clean');
  }

  it('setup on a blank agent (dry run first: no write), then verify passes; a second run makes zero writes; no secret is ever printed', async () => {
    server.addAgent(AGENT, { prompt: 'You are a friendly support agent for Example Broadband.' });
    const before = await cli(['verify', '--agent-id', AGENT, '--agent-type', 'elevenlabs_customer_support', '--base-url', BASE_URL]);
    expect(before.status).toBe(1);
    expect(before.out).toMatch(/memory-search tool\s+FAIL/);
    expect(before.out).toMatch(/post-call webhook\s+FAIL/);

    const envFile = join(configDir, 'environments', 'local.json');
    const configBefore = readFileSync(envFile, 'utf8');
    const dry = await cli([
      'setup',
      '--agent-id',
      AGENT,
      '--agent-type',
      'elevenlabs_customer_support',
      '--base-url',
      BASE_URL,
      '--dry-run',
    ]);
    expect(dry.status).toBe(0);
    expect(dry.out).toContain('Dry run:');
    expect(dry.out).toContain('+ memory-search tool agentic_memory_search');
    expect(dry.out).toContain(`+ post-call webhook (HMAC) → ${BASE_URL}/v1/elevenlabs/webhook`);
    expect(server.writes()).toEqual([]);
    expect(readFileSync(envFile, 'utf8')).toBe(configBefore);

    const setup = await cli(['setup', '--agent-id', AGENT, '--agent-type', 'elevenlabs_customer_support', '--base-url', BASE_URL]);
    expect(setup.status).toBe(0);
    expect(setup.out).toMatch(/Done: \d+ write request/);
    expect(setup.out).toContain('Restart pnpm start to pick it up.');
    // Per-agent settings only: the workspace-wide settings were read, never written.
    expect(server.writes().some((r) => r.path === '/v1/convai/settings')).toBe(false);
    expect(server.settings).toEqual({});
    // The agent in the API's own terms.
    const agent = server.agents.get(AGENT) as Wire;
    const platform = agent.platform_settings;
    expect(platform.overrides).toMatchObject({
      enable_conversation_initiation_client_data_from_webhook: true,
      conversation_config_override: { agent: { first_message: true } },
    });
    expect(platform.workspace_overrides.conversation_initiation_client_data_webhook.url).toBe(
      `${BASE_URL}/v1/elevenlabs/conversation-start`,
    );
    expect(platform.workspace_overrides.conversation_initiation_client_data_webhook.request_headers['X-Workspace-Key']).toEqual({
      secret_id: expect.any(String),
    });
    expect(Object.keys(platform.data_collection)).toEqual(
      expect.arrayContaining(['name', 'account_status', 'contact_preference', 'issue_type']),
    );
    expect(platform.data_collection.name).toMatchObject({ type: 'string', description: expect.stringContaining('name') });
    expect(agent.conversation_config.agent.prompt.prompt).toContain('{{memory_context}}');
    expect(Object.keys(agent.conversation_config.agent.dynamic_variables.dynamic_variable_placeholders)).toEqual(
      expect.arrayContaining(['caller_name', 'memory_context', 'returning_caller']),
    );
    const [toolId] = agent.conversation_config.agent.prompt.tool_ids;
    const tool = (server.tools.get(toolId) as Wire).tool_config;
    expect(tool.api_schema).toMatchObject({
      url: `${BASE_URL}/v1/elevenlabs/memory-search`,
      method: 'POST',
      request_headers: {
        'X-Caller-Id': { variable_name: 'system__caller_id' },
        'X-Agent-Id': { variable_name: 'system__agent_id' },
        'X-Workspace-Key': { secret_id: expect.any(String) },
      },
      request_body_schema: { required: ['query'] },
    });
    // The workspace secret holds the runtime's workspace key; the HMAC secret ElevenLabs issued is stored for the runtime.
    const secrets = secretsFile();
    expect([...server.secrets.values()].map((s) => s.value)).toContain(secrets.ELEVENLABS_WORKSPACE_KEY);
    const [webhook] = [...server.webhooks.values()];
    expect(webhook?.wire.webhook_url).toBe(`${BASE_URL}/v1/elevenlabs/webhook`);
    expect(webhook?.retryEnabled).toBe(true);
    expect(secrets.ELEVENLABS_HMAC_KEY).toBe(webhook?.secret);
    expect(platform.workspace_overrides.webhooks).toEqual({ post_call_webhook_id: webhook?.wire.webhook_id, events: ['transcript'] });
    // The agent map entry.
    expect(JSON.parse(readFileSync(envFile, 'utf8')).agent_map.providers.elevenlabs.ids[AGENT]).toBe('elevenlabs_customer_support');

    const verify = await cli(['verify', '--agent-id', AGENT, '--base-url', BASE_URL]);
    expect(verify.status).toBe(0);
    expect(verify.out).toMatch(/All \d+ checks pass/);
    expect(verify.out).not.toContain('FAIL');

    const writes = server.writes().length;
    const again = await cli(['setup', '--agent-id', AGENT, '--base-url', BASE_URL]);
    expect(again.status).toBe(0);
    expect(again.out).toContain('Nothing to change: the agent is already set up for memory (0 write requests).');
    expect(server.writes()).toHaveLength(writes);
    expectNoSecretInOutput();
  }, 180_000);

  it('verify reports a post-call webhook disabled by ElevenLabs after failures; setup re-enables it with retries', async () => {
    server.addAgent(AGENT);
    expect((await cli(['setup', '--agent-id', AGENT, '--agent-type', 'elevenlabs_customer_support', '--base-url', BASE_URL])).status).toBe(
      0,
    );
    const [webhook] = [...server.webhooks.values()];
    if (!webhook) throw new Error('no webhook');
    webhook.wire = {
      ...webhook.wire,
      is_auto_disabled: true,
      most_recent_failure_error_code: 503,
      most_recent_failure_timestamp: 1_792_000_000,
    };
    webhook.retryEnabled = false;
    const verify = await cli(['verify', '--agent-id', AGENT]);
    expect(verify.status).toBe(1);
    expect(verify.out).toMatch(/post-call webhook enabled\s+FAIL\s+disabled by ElevenLabs after failures \(last error HTTP 503\)/);
    const fix = await cli(['setup', '--agent-id', AGENT, '--base-url', BASE_URL]);
    expect(fix.out).toContain('disabled by ElevenLabs after failures → enabled, retries on');
    expect(webhook.wire.is_auto_disabled).toBe(false);
    expect(webhook.retryEnabled).toBe(true);
    expect(server.webhooks.size).toBe(1);
    expect((await cli(['verify', '--agent-id', AGENT])).status).toBe(0);
    expectNoSecretInOutput();
  }, 120_000);

  it('fixes a seed-migrated agent in place: its memory tool gets the key header, its prompt the memory context', async () => {
    const plan = planConfigMigration({ configDir, seedEnv: { ELEVENLABS_AGENT_ID: 'agent_seed' }, environments: ['local'] });
    applyConfigMigration(plan, true);
    const seedSecret = server.addSecret('seed_workspace_key', 'seed-era-value');
    server.addAgent('agent_seed', { prompt: 'You are the Example Broadband assistant.' });
    const toolId = server.addTool({
      type: 'webhook',
      name: 'retrieve_memories',
      description: 'Retrieve memories about the caller',
      api_schema: {
        url: 'https://seed.example.test/retrieve',
        method: 'POST',
        request_headers: { 'X-Caller-Id': { variable_name: 'system__caller_id' } },
        request_body_schema: {
          type: 'object',
          required: ['query'],
          properties: { query: { type: 'string', description: 'search query' } },
        },
      },
    });
    const seedHook = server.addWebhook('seed post-call', 'https://seed.example.test/post-call');
    server.patchAgent('agent_seed', {
      conversation_config: { agent: { prompt: { tool_ids: [toolId] } } },
      platform_settings: {
        overrides: {
          enable_conversation_initiation_client_data_from_webhook: true,
          conversation_config_override: { agent: { first_message: true } },
        },
        workspace_overrides: {
          conversation_initiation_client_data_webhook: {
            url: 'https://seed.example.test/client-data',
            request_headers: { 'X-Workspace-Key': { secret_id: seedSecret } },
          },
          webhooks: { post_call_webhook_id: seedHook.id, events: ['transcript'] },
        },
      },
    });
    const verify = await cli(['verify', '--agent-id', 'agent_seed', '--base-url', BASE_URL]);
    expect(verify.out).toMatch(/memory tool sends X-Workspace-Key\s+FAIL\s+missing/);
    expect(verify.out).toMatch(/prompt uses \{\{memory_context\}\}\s+FAIL/);

    const setup = await cli(['setup', '--agent-id', 'agent_seed', '--base-url', BASE_URL], { ELEVENLABS_HMAC_KEY: seedHook.secret });
    expect(setup.status).toBe(0);
    expect(setup.out).toContain('~ memory-search tool retrieve_memories (fixed in place)');
    expect(setup.out).toContain('prompt: append {{memory_context}}');
    const agent = server.agents.get('agent_seed') as Wire;
    expect(agent.conversation_config.agent.prompt.tool_ids).toEqual([toolId]);
    expect(agent.conversation_config.agent.prompt.prompt).toMatch(
      /^You are the Example Broadband assistant\.\n\n.*\n\{\{memory_context\}\}$/,
    );
    const tool = (server.tools.get(toolId) as Wire).tool_config;
    expect(tool.name).toBe('retrieve_memories');
    expect(tool.api_schema.url).toBe(`${BASE_URL}/retrieve`);
    expect(tool.api_schema.request_headers['X-Workspace-Key']).toEqual({ secret_id: expect.any(String) });
    expect(tool.api_schema.request_headers['X-Workspace-Key'].secret_id).not.toBe(seedSecret);
    expect(agent.platform_settings.workspace_overrides.conversation_initiation_client_data_webhook.url).toBe(`${BASE_URL}/client-data`);
    // The seed's webhook points at the old deployment: a new one is created for this one.
    expect(setup.out).toContain(`+ post-call webhook (HMAC) → ${BASE_URL}/post-call`);
    expect(agent.platform_settings.workspace_overrides.webhooks.post_call_webhook_id).not.toBe(seedHook.id);
    expect((await cli(['verify', '--agent-id', 'agent_seed', '--base-url', BASE_URL])).status).toBe(0);
    expectNoSecretInOutput();
  }, 180_000);

  it('end to end: a lost post-call webhook is recovered by reconcile (CLI, same DATA_DIR) and the caller is greeted by name', async () => {
    let runtime: LocalRuntime | null = null;
    try {
      runtime = await startLocalRuntime({ dataDir, port: 0, env: { POWERTOOLS_LOG_LEVEL: 'SILENT' } });
      server.addConversation({ ...FIXTURE.data });
      const before = await greeting(runtime);
      expect(before).not.toContain('Maya');
      const run = await cliProcess(['reconcile', '--agent-id', SUPPORT_AGENT, '--since', '2026-10-01T00:00:00Z']);
      expect(run.status).toBe(0);
      expect(run.out).toContain('1 call(s) recovered and queued');
      for (let i = 0; i < 200 && !(await greeting(runtime)).includes('Maya'); i += 1) await new Promise((r) => setTimeout(r, 50));
      expect(await greeting(runtime)).toContain('Hello Maya');
      // A second run finds it ingested and changes nothing.
      const again = await cli(['reconcile', '--agent-id', SUPPORT_AGENT, '--since', '2026-10-01T00:00:00Z']);
      expect(again.out).toContain('0 call(s) recovered');
      expectNoSecretInOutput();
    } finally {
      await runtime?.stop();
    }
  }, 120_000);

  async function greeting(runtime: LocalRuntime): Promise<string> {
    const res = await fetch(`${runtime.url}/client-data`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-workspace-key': runtime.secrets?.values.ELEVENLABS_WORKSPACE_KEY as string },
      body: JSON.stringify({ caller_id: '+15550100123', agent_id: SUPPORT_AGENT, called_number: '+15550199000', call_sid: 'CA1' }),
    });
    const body = (await res.json()) as { conversation_config_override?: { agent?: { first_message?: string } } };
    return body.conversation_config_override?.agent?.first_message ?? '';
  }
});
