import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFixture } from '@agentic-memory/fixtures';
import { waitForQueueDrain } from '@agentic-memory/function-kit/testing';
import type { ElevenLabsInitiationReply } from '@agentic-memory/memory-core';
import { signElevenLabs } from '@agentic-memory/provider-adapters';
import { freePort } from '@agentic-memory/provider-adapters/testing/moto';

/** End to end: `pnpm start`'s entry point as a child process, spoken to over HTTP on loopback. */

const ROOT = join(__dirname, '..', '..', '..');
const agentTypes = JSON.parse(readFileSync(join(ROOT, 'config', 'agent-types.json'), 'utf8')) as Record<
  string,
  { dynamic_variables: Record<string, unknown> }
>;

/** The reply ElevenLabs receives at call start. */
type Reply = ElevenLabsInitiationReply;

describe('pnpm start, end to end over HTTP', () => {
  let child: ChildProcess;
  let base: string;
  let dataDir: string;
  let secrets: Record<string, string>;
  let output = '';

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'am-e2e-'));
    const port = await freePort();
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'packages', 'local', 'src', 'start.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        POWERTOOLS_LOG_LEVEL: 'WARN',
        METRICS_SUMMARY_SECONDS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 30_000;
    // Ready once the whole start-up screen is out (its last line), not just its first.
    while (!output.includes('Ctrl-C stops the runtime')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`runtime did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
  }, 40_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  const post = async (path: string, body: string, headers: Record<string, string>) => {
    const res = await fetch(`${base}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const workspace = () => ({ 'X-Workspace-Key': secrets.ELEVENLABS_WORKSPACE_KEY as string });
  const sign = (body: string) => ({
    'ElevenLabs-Signature': signElevenLabs(body, secrets.ELEVENLABS_HMAC_KEY as string, Date.now() / 1000),
  });

  const ingested = () =>
    waitForQueueDrain(async () => ((await (await fetch(`${base}/health`)).json()) as { queue: { live: number; inFlight: number } }).queue);

  function expectAllDeclared(reply: Reply, agentType: string) {
    expect(reply.type).toBe('conversation_initiation_client_data');
    const declared = agentTypes[agentType]?.dynamic_variables ?? {};
    expect(Object.keys(reply.dynamic_variables).sort()).toEqual(Object.keys(declared).sort());
    for (const [name, value] of Object.entries(reply.dynamic_variables)) expect(typeof value).toBe(typeof declared[name]);
  }

  it('prints the endpoints, the generated secrets (not the pepper) and a ready curl command', () => {
    expect(output).toContain('/client-data');
    expect(output).toContain(secrets.ELEVENLABS_WORKSPACE_KEY);
    expect(output).not.toContain(secrets.CALLER_ID_PEPPER);
    expect(output).toContain('curl -s -X POST');
  });

  it('serves GET /health', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });

  it('401 for unauthenticated /client-data, /retrieve and a wrongly signed /post-call', async () => {
    expect((await post('/client-data', '{"caller_id":"+15550100123"}', {})).status).toBe(401);
    expect((await post('/retrieve', '{"query":"x","user_id":"+15550100123"}', { 'X-Workspace-Key': 'wrong' })).status).toBe(401);
    const body = readFixture('elevenlabs/post-call-transcription.json');
    const wrong = { 'ElevenLabs-Signature': signElevenLabs(body, 'not-the-key', Date.now() / 1000) };
    expect(await post('/post-call', body, wrong)).toEqual({ status: 401, json: { error: 'invalid_signature' } });
  });

  it('a stranger gets a clean new-caller reply with every declared variable', async () => {
    const { status, json } = await post(
      '/client-data',
      JSON.stringify({ caller_id: '+15550100555', agent_id: 'agent_01kfixsupport00000000000000' }),
      workspace(),
    );
    expect(status).toBe(200);
    expectAllDeclared(json as unknown as Reply, 'elevenlabs_customer_support');
    expect(json.dynamic_variables).toEqual(agentTypes.elevenlabs_customer_support?.dynamic_variables);
  });

  it('ingests the fixtures and greets the returning caller by name', async () => {
    for (const name of ['post-call-transcription.json', 'post-call-transcription-sales.json', 'post-call-transcription-long.json']) {
      const body = readFixture(`elevenlabs/${name}`);
      expect((await post('/post-call', body, sign(body))).status).toBe(200);
    }
    await ingested();
    const request = readFixture('elevenlabs/conversation-initiation-request.json');
    const { status, json } = await post('/client-data', request, workspace());
    const reply = json as unknown as Reply;
    expect(status).toBe(200);
    expect(reply.conversation_config_override?.agent.first_message).toMatch(/^Hello Maya Okafor!/);
    expect(reply.dynamic_variables).toMatchObject({ caller_name: 'Maya Okafor', returning_caller: 'yes' });
    expectAllDeclared(reply, 'elevenlabs_customer_support');
  }, 40_000);

  it("puts the sales caller's budget and timeline in the reply", async () => {
    const { json } = await post(
      '/v1/elevenlabs/conversation-start',
      JSON.stringify({ caller_id: '+15550100777', agent_id: 'agent_01kfixsales0000000000000000' }),
      workspace(),
    );
    expect(json.dynamic_variables).toMatchObject({ budget: '$18,000', timeline: '3 months (2027-01-15)' });
    expectAllDeclared(json as unknown as Reply, 'elevenlabs_sales_agent');
  });

  it("finds the caller's last issue, and never another caller's", async () => {
    const tool = readFixture('elevenlabs/server-tool-request.json');
    const { status, json } = await post('/retrieve', tool, workspace());
    expect(status).toBe(200);
    expect((json.memories as { text: string }[])[0]?.text).toMatch(/router/i);
    const other = await post('/v1/elevenlabs/memory-search', JSON.stringify({ query: "what was the caller's last technical issue" }), {
      ...workspace(),
      'X-Caller-Id': '+15550100777',
    });
    expect((other.json.memories as { text: string }[]).some((m) => /router|Maya/i.test(m.text))).toBe(false);
  });

  it('answers 404 and 405 for what it does not serve', async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/client-data`)).status).toBe(405);
  });

  it('prints the metrics summary every METRICS_SUMMARY_SECONDS while there is traffic', async () => {
    const deadline = Date.now() + 5_000;
    while (!output.includes('── metrics, last') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(output).toMatch(/── metrics, last \d+ s ──\nrole\/provider\s+requests\s+p50 ms\s+p99 ms/);
    expect(output).toMatch(/^conversation-start\/elevenlabs\s+\d+/m);
    expect(output).not.toContain('"_aws"');
  });

  it('stops cleanly on SIGTERM, keeps queued work on disk and prints the totals', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const totals = output.slice(output.indexOf('── metrics since start'));
    expect(totals).toMatch(/^conversation-start\/elevenlabs\s+[1-9]\d*\s/m);
    expect(totals).toMatch(/^webhook-intake\/elevenlabs\s+[1-9]\d*\s/m);
    expect(totals).toMatch(/worker: [1-9]\d* memories written/);
    expect(totals).toMatch(/queue: \d+ waiting, \d+ in flight, 0 dead-lettered/);
  });
});
