/**
 * `pnpm demo`: against a running runtime (PORT/HOST or AGENTIC_MEMORY_URL) or, if none answers, one
 * started in-process on the same DATA_DIR: sends the fixture post-call webhook signed, waits for
 * ingestion, starts a call for that caller and prints the personalised greeting and the memories.
 */
import { join, resolve } from 'node:path';
import { readFixture } from '@agentic-memory/fixtures';

/** The call the demo sends: the customer-support fixture (caller Maya Okafor). */
const DEMO_CALL = 'elevenlabs/post-call-transcription.json';

if (process.env.LOCAL_METRICS !== '1') process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

process.env.MEM0_TELEMETRY ??= 'false';

const { signElevenLabs } = await import('@agentic-memory/provider-adapters');
const { waitForQueueDrain } = await import('@agentic-memory/function-kit');
const { ensureLocalSecrets } = await import('./local-secrets');
const { startLocalRuntime } = await import('./local-runtime');

const env = process.env;
const dataDir = resolve(env.DATA_DIR ?? '.data');
const baseUrl = env.AGENTIC_MEMORY_URL ?? `http://${env.HOST ?? '127.0.0.1'}:${env.PORT ?? '8787'}`;

/** The secrets the demo signs and authenticates with: the runtime's, wherever they live. */
async function clientSecrets(): Promise<Record<string, string | undefined>> {
  if (env.AWS_BACKEND === 'aws' && env.SECRET_NAME) {
    const { SecretsManagerSecrets, createAwsClients } = await import('@agentic-memory/provider-adapters/aws');
    const clients = createAwsClients({ endpoint: env.AWS_ENDPOINT_URL, region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION });
    const sm = new SecretsManagerSecrets(clients.secretsManager, env.SECRET_NAME, { now: () => Date.now() });
    return {
      ELEVENLABS_HMAC_KEY: (await sm.get('ELEVENLABS_HMAC_KEY')) ?? undefined,
      ELEVENLABS_WORKSPACE_KEY: (await sm.get('ELEVENLABS_WORKSPACE_KEY')) ?? undefined,
    };
  }
  return ensureLocalSecrets(dataDir, env).values;
}

async function reachable(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

async function main(): Promise<void> {
  let url = baseUrl;
  let stop: (() => Promise<unknown>) | null = null;
  if (await reachable(baseUrl)) {
    console.log(`Using the runtime at ${baseUrl} (secrets from ${join(dataDir, 'secrets.json')}).`);
  } else {
    const runtime = await startLocalRuntime({ dataDir, port: 0, env });
    url = runtime.url;
    stop = runtime.stop;
    console.log(`No runtime at ${baseUrl}: started one at ${url} on ${dataDir}.`);
  }
  try {
    const secrets = await clientSecrets();
    const raw = readFixture(DEMO_CALL);
    const fixture = JSON.parse(raw) as { data: { agent_id: string; metadata: { phone_call: { external_number: string } } } };
    const caller = fixture.data.metadata.phone_call.external_number;
    const agentId = fixture.data.agent_id;

    const signature = signElevenLabs(raw, secrets.ELEVENLABS_HMAC_KEY ?? '', Date.now() / 1000);
    const intake = await post(`${url}/post-call`, raw, { 'ElevenLabs-Signature': signature });
    console.log(
      `\n1. POST /post-call (signed post_call_transcription, ${raw.length} bytes) → ${intake.status} ${JSON.stringify(intake.json)}`,
    );
    if (intake.status !== 200)
      throw new Error('the post-call webhook was refused: is ELEVENLABS_HMAC_KEY the same for the runtime and the demo?');

    await waitForQueueDrain(
      async () => ((await (await fetch(`${url}/health`)).json()) as { queue: { live: number; inFlight: number } }).queue,
    );
    console.log('2. The worker ingested the call (queue empty).');

    const headers = { 'X-Workspace-Key': secrets.ELEVENLABS_WORKSPACE_KEY ?? '' };
    const start = await post(
      `${url}/client-data`,
      JSON.stringify({ caller_id: caller, agent_id: agentId, called_number: '+15550199000', call_sid: 'CAdemo' }),
      headers,
    );
    const override = start.json.conversation_config_override as { agent?: { first_message?: string } } | undefined;
    const vars = start.json.dynamic_variables as Record<string, unknown>;
    console.log(`3. POST /client-data for caller ***${caller.slice(-4)} → ${start.status}`);
    console.log(`\n   First message: ${override?.agent?.first_message ?? '(no first-message override)'}`);
    console.log(`   Memory summary: ${String(vars?.memory_summary)}`);
    console.log('   Dynamic variables:');
    for (const [name, value] of Object.entries(vars ?? {}))
      if (name !== 'memory_context') console.log(`     ${name} = ${JSON.stringify(value)}`);
    if (typeof vars?.memory_context === 'string')
      console.log(`\n   Prompt context (memory_context):\n${vars.memory_context.replace(/^/gm, '     ')}`);

    const question = "what was the caller's last technical issue";
    const search = await post(`${url}/retrieve`, JSON.stringify({ query: question }), { ...headers, 'X-Caller-Id': caller });
    console.log(`\n4. POST /retrieve "${question}" → ${search.status}`);
    for (const m of (search.json.memories as { date: string; type: string; text: string }[]) ?? [])
      console.log(`     [${m.date} ${m.type}] ${m.text}`);
  } finally {
    await stop?.();
  }
}

main().catch((error) => {
  console.error(`demo failed: ${(error as Error).message}`);
  process.exit(1);
});
