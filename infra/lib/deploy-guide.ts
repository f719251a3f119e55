/**
 * The deploy guide (`docs/deploy.md`), generated: each environment is synthesised by the real stack
 * (bundling skipped: only the template matters here), and its figures — functions, provisioned
 * concurrency, throttles, deployment strategy, alarms, the secret values to set, and what it costs
 * — are read from the template and the dated price table. `pnpm deploy-guide` writes it; a test
 * fails when the committed file differs from what the template and prices say.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Environment, findWorkspaceRoot, loadConfig } from '@agentic-memory/config';
import { ROUTES, routeClass, secretsToSetBeforeTraffic } from '@agentic-memory/function-kit/contracts';
import type { Provider } from '@agentic-memory/memory-core';
import { App } from 'aws-cdk-lib';
import { type CfnTemplate, environmentCost, type PriceTable, usd } from './cost-model';
import { AgenticMemoryStack } from './stacks/agentic-memory-stack';

export const GUIDE_ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export const CALL_VOLUMES = [10_000, 100_000] as const;
/** The brief's target cost per call at 10,000 calls a month (USD). */
const TARGET = { low: 0.0015, high: 0.0022 } as const;

export function readPriceTable(root = findWorkspaceRoot()): PriceTable {
  return JSON.parse(readFileSync(join(root, 'infra', 'pricing', 'aws-us-east-1.json'), 'utf8')) as PriceTable;
}

/** The environment's template as `cdk synth` would write it (cdk.json's flags; bundling skipped). */
export function synthTemplate(config: Environment, root = findWorkspaceRoot()): CfnTemplate {
  const cdkJson = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  const app = new App({ context: { ...cdkJson.context, 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
  const stack = new AgenticMemoryStack(app, `AgenticMemory-${config.name}`, {
    config,
    agentTypes: loadConfig(config.name).agentTypes,
    workspaceRoot: root,
    env: { account: config.account ?? '000000000000', region: config.region },
  });
  return app.synth().getStackArtifact(stack.artifactId).template as CfnTemplate;
}

type Functions = Environment['functions'];

/** Provisioned-concurrency options for prod, compared in the guide (the chosen one is the committed config). */
function prodAlternatives(prod: Environment): { name: string; functions: Functions }[] {
  const pc = (min: number, schedule: { min: number }[] = []) => ({
    min,
    max: 10,
    target_utilization: 0.7,
    schedule: schedule.map((s, i) => ({
      name: i === 0 ? 'BusinessHours' : 'AfterHours',
      cron: { minute: '0', hour: i === 0 ? '8' : '20', week_day: 'MON-FRI' },
      time_zone: 'America/New_York',
      min: s.min,
      max: 10,
    })),
  });
  const withPc = (start: ReturnType<typeof pc> | undefined, recall: ReturnType<typeof pc> | undefined): Functions => ({
    ...prod.functions,
    'conversation-start': { ...prod.functions['conversation-start'], provisioned_concurrency: start },
    'memory-search': { ...prod.functions['memory-search'], provisioned_concurrency: recall },
  });
  return [
    {
      name: 'before: 2 each, 4 each in business hours',
      functions: withPc(pc(2, [{ min: 4 }, { min: 2 }]), pc(2, [{ min: 4 }, { min: 2 }])),
    },
    { name: 'chosen (committed): call start 1, 2 in business hours; recall 1', functions: prod.functions },
    { name: 'call start only: 1', functions: withPc(pc(1), undefined) },
    { name: 'none (on-demand only)', functions: withPc(undefined, undefined) },
  ];
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function pcSummary(config: Environment): string {
  const parts = Object.entries(config.functions)
    .filter(([, f]) => f.provisioned_concurrency)
    .map(([role, f]) => {
      const pc = f.provisioned_concurrency;
      const schedule = pc?.schedule.map((s) => `${s.min} from ${s.cron.hour}:00 ${s.cron.week_day} (${s.time_zone ?? 'UTC'})`).join(', ');
      return `${role} ${pc?.min}–${pc?.max}${schedule ? ` (${schedule})` : ''}`;
    });
  return parts.length > 0 ? parts.join('; ') : 'none';
}

/** The whole guide, as markdown. */
export function deployGuide(root = findWorkspaceRoot()): string {
  const prices = readPriceTable(root);
  const envs = GUIDE_ENVIRONMENTS.map((name) => {
    const config = loadConfig(name).environment;
    const template = synthTemplate(config, root);
    return { name, config, template, cost: environmentCost(template, prices, { rawRetentionDays: config.retention.raw_payload_days }) };
  });
  const prod = envs.find((e) => e.name === 'prod');
  if (!prod) throw new Error('no prod environment');
  const count = (t: CfnTemplate, type: string) => Object.values(t.Resources).filter((r) => r.Type === type).length;

  const overview = table(
    ['', ...envs.map((e) => e.name)],
    [
      [
        'functions (memory MB)',
        ...envs.map((e) =>
          Object.entries(e.config.functions)
            .map(([r, f]) => `${r} ${f.memory_mb}`)
            .join(', '),
        ),
      ],
      ['provisioned concurrency', ...envs.map((e) => pcSummary(e.config))],
      [
        'throttles per route (rate/s, burst)',
        ...envs.map((e) =>
          (['call-path', 'webhook', 'admin'] as const)
            .map((c) => `${c} ${e.config.api.throttles[c].rate_per_s}/${e.config.api.throttles[c].burst}`)
            .join(', '),
        ),
      ],
      [
        'deployments (CodeDeploy)',
        ...envs.map((e) =>
          e.config.deployment.strategy === 'all-at-once'
            ? 'all at once'
            : `${e.config.deployment.strategy} ${e.config.deployment.percent} % every ${e.config.deployment.interval_minutes} min`,
        ),
      ],
      [
        'alarms',
        ...envs.map(
          (e) =>
            `${count(e.template, 'AWS::CloudWatch::Alarm')}, to ${e.config.alarms.recipients.join(', ') || `nobody (${e.config.alarms.no_recipients_reason})`}`,
        ),
      ],
      ['budget', ...envs.map((e) => `$${e.config.budget.monthly_usd} a month`)],
    ],
  );

  const costs = table(
    ['environment', 'at rest / month', ...CALL_VOLUMES.flatMap((n) => [`${n.toLocaleString('en-US')} calls / month`, 'per call'])],
    envs.map((e) => [e.name, usd(e.cost.atRestUsd), ...CALL_VOLUMES.flatMap((n) => [usd(e.cost.monthly(n)), usd(e.cost.perCall(n))])]),
  );
  const prodItems = table(
    ['line (prod)', 'USD / month', 'basis'],
    [
      ...prod.cost.atRest.map((i) => [`at rest: ${i.item}`, usd(i.usd), i.basis]),
      ...prod.cost
        .traffic(CALL_VOLUMES[0])
        .map((i) => [`${CALL_VOLUMES[0].toLocaleString('en-US')} calls: ${i.item}`, usd(i.usd), i.basis]),
    ],
  );
  const alternatives = prodAlternatives(prod.config).map((a) => {
    const config = { ...prod.config, functions: a.functions };
    const cost = environmentCost(synthTemplate(config, root), prices, { rawRetentionDays: config.retention.raw_payload_days });
    const pc = cost.atRest.filter((i) => i.item.startsWith('provisioned')).reduce((s, i) => s + i.usd, 0);
    return [a.name, usd(pc), usd(cost.atRestUsd), ...CALL_VOLUMES.map((n) => usd(cost.perCall(n)))];
  });
  let breakEven = CALL_VOLUMES[0];
  while (prod.cost.perCall(breakEven) > TARGET.high && breakEven < 10_000_000) breakEven += 1_000;
  const largestTraffic = prod.cost.traffic(CALL_VOLUMES[0]).reduce((a, b) => (b.usd > a.usd ? b : a));
  const noPc = Number(alternatives[alternatives.length - 1]?.[3]?.replace('$', '') ?? 0);
  const pcTable = table(
    [
      'prod provisioned concurrency',
      'provisioned / month',
      'at rest / month',
      ...CALL_VOLUMES.map((n) => `per call at ${n.toLocaleString('en-US')}`),
    ],
    alternatives,
  );
  const secrets = (e: (typeof envs)[number]) => secretsToSetBeforeTraffic(Object.keys(e.config.agent_map.providers) as Provider[]);
  const adminRoutes = ROUTES.filter((r) => routeClass(r) === 'admin').map((r) => `\`${r.method} ${r.path}\``);

  return `<!-- Generated by \`pnpm deploy-guide\` from the synthesised templates and infra/pricing/aws-us-east-1.json: do not edit by hand. -->
# Deploying Agentic Memory to AWS

From a fresh AWS account to a signed smoke test. One stack per environment (\`AgenticMemory-<env>\`),
configured by \`config/environments/<env>.json\`; every figure below is read from the synthesised
templates of the committed configuration and from the price table of ${prices.checked} (${prices.region}).

## What each environment deploys

${overview}

Route throttles are per route class (\`routeClass()\` of the route table), and API Gateway applies
them to each route on its own: the call path gets the most room, since one call makes a call start
and several recalls within seconds and a throttled call start fails the call; the platforms' post-call
webhooks are retried by the platforms, so a burst there is absorbed later; the admin API serves
operators and must never take capacity from calls. No stage-wide limit is shared between them.

## 1. Fresh-account prerequisites

1. **Lambda concurrency quota.** New accounts often start at 10 concurrent executions, and Lambda
   refuses provisioned concurrency that would leave fewer than 100 unreserved. Check, and ask for
   more before the first staging or prod deploy:
   \`\`\`sh
   aws lambda get-account-settings --query 'AccountLimit.[ConcurrentExecutions,UnreservedConcurrentExecutions]'
   aws service-quotas get-service-quota --service-code lambda --quota-code L-B99A9384 --query Quota.Value
   aws service-quotas request-service-quota-increase --service-code lambda --quota-code L-B99A9384 --desired-value 1000
   \`\`\`
2. **Cost Explorer.** Enable it once per account (Billing and Cost Management console → Cost
   Explorer → *Launch Cost Explorer*); its data appears within 24 h. Until then the daily cost report
   fails with "Cost Explorer is not enabled for this account" and its alarm fires.
3. **Cost-allocation tags.** Every resource carries \`Project=agentic-memory\` and
   \`Environment=<env>\`. After the first deploy (the keys appear in Billing within ~24 h), activate them;
   until then the budget and the cost report see $0 ("no data yet"):
   \`\`\`sh
   aws ce list-cost-allocation-tags --tag-keys Project Environment
   aws ce update-cost-allocation-tags-status --cost-allocation-tags-status TagKey=Project,Status=Active TagKey=Environment,Status=Active
   \`\`\`

## 2. Configure, check, bootstrap, deploy

1. In \`config/environments/<env>.json\` put the account id and region (the committed files carry
   placeholders) and real addresses in \`alarms.recipients\` and \`budget.recipients\`. Staging and prod
   refuse to synth without an alarm recipient; \`alarms.no_recipients_reason\` is the explicit opt-out
   (dev uses it). Then \`pnpm validate-config\`.
2. \`pnpm check:deploy --env <env>\` — the pre-deploy check: synthesises the environment with bundling,
   imports every function's bundle in a fresh process with the template's environment against moto,
   and invokes it once with a representative event, with the secret as CloudFormation creates it
   (every key empty), with the platform keys only, and fully configured. It fails if any function
   cannot start or crashes. CI runs it on prod.
3. \`pnpm cdk bootstrap aws://<account>/<region>\` once per account and region.
4. \`pnpm cdk deploy -c env=<env>\`. The outputs: \`ApiUrl\` and the ElevenLabs URLs, \`SecretArn\` (its
   description lists the values to set), \`AlarmTopicArn\`, \`DeadLetterQueueUrl\`,
   \`AdminInvokePolicyArn\`, \`BlobBucket\`, \`IngestQueueUrl\`, \`DashboardName\`.
   A stack whose first creation fails rolls back cleanly: the secret and the bucket are deleted when
   the creation rolls back and kept on later updates and on deletion (\`RetainExceptOnCreate\`), and the
   secret has no fixed name, so a kept one never blocks the next deploy. To reuse a kept secret, name
   it in \`secret.existing_name\`.

## 3. Set the secret's values before any traffic

The functions start whatever the secret holds (the pre-deploy check proves it): until a value is set,
requests that need it are refused (401) or degraded, a log line names the missing key, and the
\`MissingCredential\` alarm fires. Set, per environment:

${table(
  ['environment', 'keys to set before traffic'],
  envs.map((e) => [
    e.name,
    secrets(e)
      .map((s) => `\`${s}\``)
      .join(', '),
  ]),
)}

\`CALLER_ID_PEPPER\` is generated by Secrets Manager — keep it, it keys every caller. \`ADMIN_API_KEY\`
is for the local runtime only: on AWS the admin API uses IAM. The \`…_PREVIOUS\` keys stay empty
except during a rotation (README, *Rotating credentials*).
\`\`\`sh
ARN=<SecretArn output>
aws secretsmanager get-secret-value --secret-id "$ARN" --query SecretString --output text > s.json
# edit s.json, then:
aws secretsmanager put-secret-value --secret-id "$ARN" --secret-string file://s.json && rm s.json
\`\`\`
Running functions pick new values up within 5 minutes, or at once when a credential check fails.

## 4. Alarms, admin access, smoke test

- Confirm the e-mail SNS sends each alarm recipient. Alarms notify on ALARM and on OK; more
  endpoints can subscribe to \`AlarmTopicArn\`.
- Point the platforms at the outputs, as for the local runtime (README): ElevenLabs' conversation-initiation
  webhook \`…/client-data\` with header \`X-Workspace-Key\` (overrides enabled in the agent's Security
  tab), the memory-search tool \`…/retrieve\` with \`X-Workspace-Key\` and \`X-Caller-Id: {{system__caller_id}}\`,
  the post-call webhook \`…/post-call\` with HMAC and retries enabled; Vapi, Retell and generic platforms
  on their \`/v1/<platform>/…\` routes. Bodies above ${prod.config.limits.max_body_bytes.toLocaleString('en-US')} bytes are refused (413): the
  largest whose base64 API Gateway event fits Lambda's 6 MiB request limit. Do not subscribe to
  post-call **audio** for long calls: its base64 MP3 exceeds it.
- Attach \`AdminInvokePolicyArn\` to the IAM users or roles of your operators: the admin routes
  (${adminRoutes.join(', ')}) accept only SigV4-signed requests from them.
- Smoke test, signed as ElevenLabs would, then the call start and the admin API:
  \`\`\`sh
  pnpm replay fixtures/elevenlabs/post-call-transcription.json --url <ApiUrl> --secret <ELEVENLABS_HMAC_KEY>
  curl -s -X POST <ApiUrl>/client-data -H 'content-type: application/json' -H 'X-Workspace-Key: <key>' \\
       -d '{"caller_id":"+15550100123","agent_id":"agent_01kfixsupport00000000000000"}'
  pnpm admin GET /v1/users/%2B15550100123/insights --url <ApiUrl>     # your AWS credentials, SigV4
  \`\`\`
  A 200 \`queued\`, then a greeting by name and the caller's insights mean the loop works.

## 5. Redeploys

Every function's \`live\` alias moves to a new version through CodeDeploy with the environment's
strategy (see the table above), and rolls back on its own when the role's alarms fire during the
shift (any error of the alias, and its p99 latency budget). Provisioned concurrency is owned by
Application Auto Scaling, not by the alias, so a redeploy leaves the business-hours schedule and the
target tracking where they are.

## 6. What it costs

Figures from the templates and the price table (${prices.checked}, ${prices.region}). ${prices.notes.mem0 ?? ''}
*At rest* is what the environment costs with no call; the call columns add the traffic of that many
calls a month.

${costs}

Line by line, prod:

${prodItems}

How traffic is modelled: ${prices.usage.explanation}

### Why prod keeps 1 warm call-start instance (2 in business hours) and 1 warm recall instance

Provisioned concurrency is nearly all of the cost at rest. The options, priced the same way:

${pcTable}

The brief's target is $0.0015–0.0022 a call at 10,000 calls a month. Two always-on instances per role
(four in business hours) cost more than the whole target before a single call. With no warm instance
at all, the first call after a few idle minutes pays a cold start (init plus first request: see
\`pnpm bench\`, cold_init_ms) on the path where the caller is waiting, against a p99 budget of 400 ms.
The committed prod keeps one warm instance of each call-path role around the clock and a second
call-start instance in business hours, when calls arrive together; target tracking (70 %) adds
instances under load, and the \`…Spillover\` and per-route latency alarms say when warm capacity runs
short. Above ~100,000 calls a month the warm instances are busy anyway and the per-call cost is
dominated by traffic; below ~10,000 consider *call start only* and measure recall's p99 on the
dashboard first.

At ${CALL_VOLUMES[0].toLocaleString('en-US')} calls a month the committed prod costs ${usd(prod.cost.perCall(CALL_VOLUMES[0]))} a call, ${usd(noPc)} without any provisioned
concurrency, against the brief's target of ${usd(TARGET.low)}–${usd(TARGET.high)}: ${
    prod.cost.perCall(CALL_VOLUMES[0]) <= TARGET.high
      ? 'within it.'
      : `the warm instances are the price of a call path without cold starts at that volume, and the target is met from ${breakEven.toLocaleString('en-US')} calls a month.`
  } The largest line of traffic is ${largestTraffic.item} (${usd(largestTraffic.usd)}: ${largestTraffic.basis}), a fixed cost
per hour with traffic rather than per call (${usd(largestTraffic.usd / CALL_VOLUMES[1])} a call at ${CALL_VOLUMES[1].toLocaleString('en-US')}); publishing only the rollup
dimension set for the metrics that need no per-agent-type view would roughly halve it.
`;
}
