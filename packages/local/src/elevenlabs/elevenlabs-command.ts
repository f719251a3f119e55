/**
 * `pnpm elevenlabs setup|verify|reconcile` as a function (the CLI entry and the tests run it): wires
 * an ElevenLabs agent to this deployment through the official SDK, checks it, and recovers calls
 * whose post-call webhook never arrived. See README, "Point a real ElevenLabs agent at it". No
 * secret is ever printed.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const USAGE = `usage:
  pnpm elevenlabs setup     --agent-id ID --base-url URL [--agent-type NAME] [--dry-run] [--workspace] [--env NAME]
  pnpm elevenlabs verify    --agent-id ID [--base-url URL] [--agent-type NAME] [--env NAME]
  pnpm elevenlabs reconcile [--agent-id ID]... [--since ISO-DATE] [--all-agents] [--env NAME]`;

/** A problem the user must fix: printed as `elevenlabs: <message>`, exit code `code`. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

function fail(message: string, code = 1): never {
  throw new CommandError(message, code);
}

/**
 * Runs `pnpm elevenlabs <argv>` with `processEnv` as the environment, printing through `print`;
 * resolves with the exit code. Throws CommandError for usage and configuration problems.
 */
export async function elevenLabsCommand(
  argv: readonly string[],
  processEnv: Readonly<Record<string, string | undefined>>,
  print: (line: string) => void,
): Promise<number> {
  const console = { log: print };
  const [command, ...rest] = argv;
  if (command !== 'setup' && command !== 'verify' && command !== 'reconcile') fail(USAGE, 2);

  const { values } = (() => {
    try {
      return parseArgs({
        args: [...rest],
        options: {
          'agent-id': { type: 'string', multiple: true },
          'base-url': { type: 'string' },
          'agent-type': { type: 'string' },
          'dry-run': { type: 'boolean', default: false },
          workspace: { type: 'boolean', default: false },
          env: { type: 'string' },
          since: { type: 'string' },
          'all-agents': { type: 'boolean', default: false },
        },
      });
    } catch (error) {
      return fail(`${(error as Error).message}\n${USAGE}`, 2);
    }
  })();

  const env: Record<string, string | undefined> = { ...processEnv, ...(values.env ? { AGENTIC_MEMORY_ENV: values.env } : {}) };
  const environmentName = env.AGENTIC_MEMORY_ENV ?? 'local';
  env.AGENTIC_MEMORY_ENV = environmentName;
  const dataDir = resolve(env.DATA_DIR ?? '.data');
  const managedSecrets = env.AWS_BACKEND === 'aws' && Boolean(env.SECRET_NAME);

  const { defaultConfigDir, loadConfig } = await import('@agentic-memory/config');
  const { createLocalDependencies } = await import('../local-backends');
  const { ElevenLabsSdkPlatformApi, ELEVENLABS_API_URL } = await import('@agentic-memory/provider-adapters/elevenlabs-api');
  const { localSecretsUnlessManaged } = await import('../local-secrets');
  const { formatTable, writeFileAtomic } = await import('../text-files');

  const configDir = defaultConfigDir(env);
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(environmentName, configDir);
  } catch (error) {
    fail((error as Error).message);
  }
  // The same generated secrets file `pnpm start` uses (the workspace key and pepper must be the runtime's).
  localSecretsUnlessManaged(dataDir, env);
  const deps = await createLocalDependencies({ env, dataDir, config });
  const apiKey =
    (await deps.secrets.get('ELEVENLABS_API_KEY')) ??
    fail('ELEVENLABS_API_KEY is not set (environment, DATA_DIR/secrets.json or the environment secret)');
  const apiUrl = env.ELEVENLABS_API_URL ?? ELEVENLABS_API_URL;
  const api = new ElevenLabsSdkPlatformApi({ apiKey, baseUrl: apiUrl });

  function agentTypeFor(agentId: string): string {
    const chosen =
      values['agent-type'] ??
      config.environment.agent_map.providers.elevenlabs?.ids[agentId] ??
      config.environment.agent_map.providers.elevenlabs?.default;
    if (!chosen) fail(`no agent type for ${agentId}: pass --agent-type (known: ${Object.keys(config.agentTypes).join(', ')})`);
    const agentType = config.agentTypes[chosen];
    if (!agentType) fail(`unknown agent type "${chosen}" (known: ${Object.keys(config.agentTypes).join(', ')})`);
    if (agentType.provider !== 'elevenlabs') fail(`agent type "${chosen}" is for ${agentType.provider}, not ElevenLabs`);
    return chosen;
  }

  function normalisedBaseUrl(raw: string | undefined): string | null {
    if (raw === undefined) return null;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return fail(`--base-url must be a URL such as https://xyz.execute-api.us-east-1.amazonaws.com, got "${raw}"`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') fail('--base-url must be http(s)');
    if (url.search || url.hash) fail('--base-url must not have a query or fragment');
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }

  function environmentFile(): string {
    return join(configDir, 'environments', `${environmentName}.json`);
  }

  function agentMapped(agentId: string, agentTypeName: string): boolean {
    return config.environment.agent_map.providers.elevenlabs?.ids[agentId] === agentTypeName;
  }

  async function storeHmacSecret(secret: string): Promise<string> {
    if (managedSecrets) {
      const { createSecretsManagerClient } = await import('@agentic-memory/provider-adapters/aws');
      const { putSecretKeys } = await import('@agentic-memory/provider-adapters/secrets-writer');
      const client = createSecretsManagerClient({ endpoint: env.AWS_ENDPOINT_URL, region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION });
      await putSecretKeys(client, env.SECRET_NAME as string, { ELEVENLABS_HMAC_KEY: secret });
      return `the environment secret ${env.SECRET_NAME} (key ELEVENLABS_HMAC_KEY; running functions pick it up within 5 minutes)`;
    }
    const file = join(dataDir, 'secrets.json');
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    stored.ELEVENLABS_HMAC_KEY = secret;
    writeFileAtomic(file, `${JSON.stringify(stored, null, 2)}\n`, 0o600);
    return `${file} (key ELEVENLABS_HMAC_KEY; a running pnpm start re-reads it on the next failed check)${
      processEnv.ELEVENLABS_HMAC_KEY ? ' — but ELEVENLABS_HMAC_KEY in your environment overrides the file: unset it or update it' : ''
    }`;
  }

  async function setupOrVerify(): Promise<number> {
    const agentIds = values['agent-id'] ?? [];
    if (agentIds.length !== 1) fail(`${command} needs exactly one --agent-id`, 2);
    const agentId = agentIds[0] as string;
    const baseUrl = normalisedBaseUrl(values['base-url']);
    if (command === 'setup' && baseUrl === null)
      fail('setup needs --base-url (the public URL of this deployment: the tunnel, or the stack’s ApiUrl output)', 2);
    const agentTypeName = agentTypeFor(agentId);
    const agentType = config.agentTypes[agentTypeName] as (typeof config.agentTypes)[string];
    const { applySetup, checkAgent, planSetup, readAgentState } = await import('./agent-setup');
    const ctx = {
      api,
      agentId,
      agentTypeName,
      agentType,
      baseUrl,
      workspaceKey: await deps.secrets.get(agentType.authentication.secret),
      hmacKey: await deps.secrets.get('ELEVENLABS_HMAC_KEY'),
      workspace: values.workspace ?? false,
      environmentName,
    };
    if (!ctx.workspaceKey)
      fail(`${agentType.authentication.secret} is not set (environment, DATA_DIR/secrets.json or the environment secret)`);
    const state = await readAgentState(ctx);
    const mapped = agentMapped(agentId, agentTypeName);
    console.log(
      `Agent ${agentId} ("${state.agent.name}") — agent type ${agentTypeName}, environment ${environmentName}${baseUrl ? `, base URL ${baseUrl}` : ''}`,
    );
    console.log(`ElevenLabs API: ${apiUrl}\n`);
    const checks = checkAgent(ctx, state, mapped);
    if (command === 'verify') {
      console.log(formatTable([['check', 'result', 'detail'], ...checks.map((c) => [c.label, c.ok ? 'pass' : 'FAIL', c.detail])]));
      const failed = checks.filter((c) => !c.ok).length;
      console.log(
        failed === 0
          ? `\nAll ${checks.length} checks pass.`
          : `\n${failed} of ${checks.length} checks fail: run pnpm elevenlabs setup (see README).`,
      );
      return failed === 0 ? 0 : 1;
    }

    const plan = planSetup(ctx, state);
    const writes = plan.steps.reduce((n, s) => n + s.writes, 0);
    const mapChange = !mapped;
    if (plan.steps.length === 0 && !mapChange) {
      console.log('Nothing to change: the agent is already set up for memory (0 write requests).');
      return 0;
    }
    console.log(values['dry-run'] ? 'Setup would make these changes:' : 'Changes:');
    for (const step of plan.steps) console.log(`  ${step.description}`);
    if (mapChange) console.log(`  ~ agent map: ${environmentFile()} providers.elevenlabs.ids["${agentId}"] = "${agentTypeName}"`);
    if (values['dry-run']) {
      console.log(
        `\nDry run: ${writes} write request(s) to ElevenLabs${mapChange ? ' and one configuration file' : ''} would be made; nothing changed.`,
      );
      return 0;
    }
    const applied = await applySetup(ctx, state, plan);
    if (applied.newHmacSecret) {
      const where = await storeHmacSecret(applied.newHmacSecret);
      console.log(`\nNew post-call webhook: ElevenLabs issued its HMAC secret; stored in ${where}.`);
    }
    if (mapChange) {
      const { formatConfigJson } = await import('../migration/config-json');
      const raw = JSON.parse(readFileSync(environmentFile(), 'utf8')) as {
        agent_map: { providers: Record<string, { ids?: Record<string, string> } | undefined> };
      };
      const providers = raw.agent_map.providers;
      const elevenlabs = providers.elevenlabs ?? {};
      elevenlabs.ids = { ...(elevenlabs.ids ?? {}), [agentId]: agentTypeName };
      providers.elevenlabs = elevenlabs;
      writeFileAtomic(environmentFile(), formatConfigJson(raw));
      console.log(
        `\nAgent map updated in ${environmentFile()}. ${
          environmentName === 'local'
            ? 'Restart pnpm start to pick it up.'
            : `Configuration is fixed at build time: redeploy (pnpm cdk deploy -c env=${environmentName}) for the stack to pick it up.`
        }`,
      );
    }
    console.log(
      `\nDone: ${applied.writes} write request(s) to ElevenLabs. Check with: pnpm elevenlabs verify --agent-id ${agentId}${baseUrl ? ` --base-url ${baseUrl}` : ''}`,
    );
    return 0;
  }

  async function reconcile(): Promise<number> {
    const { createReconcileHandler } = await import('@agentic-memory/fn-reconcile');
    if (values.since !== undefined && Number.isNaN(Date.parse(values.since)))
      fail(`--since must be an ISO date such as 2026-11-01, got "${values.since}"`, 2);
    const handler = createReconcileHandler(deps, api, { baseUrl: normalisedBaseUrl(values['base-url'] ?? env.AGENTIC_MEMORY_BASE_URL) });
    const s = config.environment.reconcile;
    console.log(
      `Reconciling ElevenLabs conversations (environment ${environmentName}; at most ${s.max_conversations_per_run} per run, ${s.requests_per_second} requests/s; calls ended within ${s.settle_minutes} min are left to the webhook)`,
    );
    console.log(`stores: ${deps.locations.blobs}, ${deps.locations.queue}\n`);
    const report = await handler({
      ...(values['agent-id'] ? { agentIds: values['agent-id'] } : {}),
      ...(values['all-agents'] ? { allAgents: true } : {}),
      ...(values.since ? { since: values.since } : {}),
    });
    for (const skipped of report.skippedAgents)
      console.log(`skipped ${skipped.agentId}: ${skipped.reason} (pass --agent-id or --all-agents to include it)`);
    if (report.agents.length === 0) console.log('No agent to reconcile: map agents in the environment config, or pass --agent-id.');
    else {
      console.log(
        formatTable([
          ['agent', 'from', 'examined', 'ingested', 'queued', 'not settled', 'failed', 'erased', 'reconciled', 'next watermark'],
          ...report.agents.map((a) => [
            a.agentId,
            a.from,
            String(a.examined),
            String(a.alreadyIngested),
            String(a.alreadyQueued),
            String(a.notSettled),
            String(a.failed),
            String(a.erased),
            String(a.reconciled),
            a.watermark,
          ]),
        ]),
      );
    }
    for (const a of report.agents) if (a.error) console.log(`error for ${a.agentId}: ${a.error} (the watermark is kept: run again)`);
    console.log(
      `\n${report.reconciled} call(s) recovered and queued; ${report.requests} API request(s).${report.capped ? ' The run stopped at its cap: run again to continue.' : ''}`,
    );
    if (report.reconciled > 0) console.log('The worker of a running pnpm start (or the next one) ingests them.');
    return report.agents.some((a) => a.error) ? 1 : 0;
  }

  try {
    return command === 'reconcile' ? await reconcile() : await setupOrVerify();
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError((error as Error).message);
  } finally {
    deps.close();
  }
}
