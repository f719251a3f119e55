/**
 * What an environment costs on AWS, computed from its synthesised template and a dated price
 * table (`infra/pricing/aws-us-east-1.json`): the cost at rest (what runs with no call at all —
 * provisioned concurrency above all) and the cost of traffic at a number of calls a month, from the
 * usage model in the same file. The deploy guide is generated from it. Pure: no AWS call.
 */
import { METRICS, type MetricDefinition, ROLES } from '@agentic-memory/function-kit/contracts';

export interface PriceTable {
  readonly region: string;
  readonly checked: string;
  readonly source: string;
  readonly prices: Readonly<Record<string, number>>;
  readonly notes: Readonly<Record<string, string>>;
  readonly usage: {
    readonly recalls_per_call: number;
    readonly duration_ms: Readonly<Record<string, number>>;
    readonly log_kb_per_invocation: number;
    readonly access_log_kb_per_request: number;
    readonly s3_puts_per_call: number;
    readonly s3_gets_per_call: number;
    readonly sqs_requests_per_call: number;
    readonly payload_kb_per_call: number;
    readonly sqs_idle_receives_per_month: number;
    readonly cost_explorer_requests_per_day: number;
    readonly active_agent_type_provider_pairs: number;
    readonly rejection_reasons_seen: number;
    /** Catalogue metrics every call emits; the others are published only in the hours they happen. */
    readonly metrics_published_every_hour: readonly string[];
    readonly explanation: string;
  };
}

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}
export interface CfnTemplate {
  readonly Resources: Readonly<Record<string, Resource>>;
}

export interface LineItem {
  readonly item: string;
  readonly usd: number;
  readonly basis: string;
}

export interface EnvironmentCost {
  readonly atRest: readonly LineItem[];
  readonly atRestUsd: number;
  /** Monthly cost of `calls` calls on top of the cost at rest. */
  traffic(calls: number): readonly LineItem[];
  /** (cost at rest + traffic) / calls. */
  perCall(calls: number): number;
  monthly(calls: number): number;
}

const HOURS_PER_MONTH = 730;
const WEEKS_PER_MONTH = HOURS_PER_MONTH / 168;
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** Hours of the week (0 = Sunday 00:00) at which `cron(M H ? * DAYS *)` fires. */
export function cronHoursOfWeek(expression: string): number[] {
  const m = /^cron\((\S+) (\S+) \S+ \S+ (\S+)(?: \S+)?\)$/.exec(expression);
  if (!m) throw new Error(`unsupported schedule expression: ${expression}`);
  const [, , hourField = '', dayField = ''] = m;
  const hour = Number(hourField);
  if (!Number.isInteger(hour)) throw new Error(`unsupported hour field in ${expression}`);
  const days = new Set<number>();
  for (const part of dayField === '*' || dayField === '?' ? ['SUN-SAT'] : dayField.split(',')) {
    const [from = '', to = from] = part.split('-');
    const a = DAYS.indexOf(from.toUpperCase());
    const b = DAYS.indexOf(to.toUpperCase());
    if (a < 0 || b < 0) throw new Error(`unsupported day field in ${expression}`);
    for (let d = a; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === b) break;
    }
  }
  return [...days].map((d) => d * 24 + hour).sort((x, y) => x - y);
}

/**
 * Provisioned instance-hours a month of one scalable target: its minimum, raised or lowered by its
 * scheduled actions (each holds until the next one fires), hour by hour over a week.
 */
export function provisionedInstanceHours(target: { MinCapacity: number; ScheduledActions?: unknown[] }): number {
  const actions = ((target.ScheduledActions ?? []) as { Schedule: string; ScalableTargetAction?: { MinCapacity?: number } }[]).flatMap(
    (a) => cronHoursOfWeek(a.Schedule).map((hour) => ({ hour, min: a.ScalableTargetAction?.MinCapacity ?? target.MinCapacity })),
  );
  if (actions.length === 0) return target.MinCapacity * HOURS_PER_MONTH;
  actions.sort((a, b) => a.hour - b.hour);
  let total = 0;
  for (let h = 0; h < 168; h += 1) {
    // The last action at or before this hour, else the week's last one (it carried over from last week).
    const active = [...actions].reverse().find((a) => a.hour <= h) ?? actions[actions.length - 1];
    total += active?.min ?? target.MinCapacity;
  }
  return total * WEEKS_PER_MONTH;
}

function refOf(value: unknown): string | null {
  const text = JSON.stringify(value);
  return /"Ref":"([A-Za-z0-9]+)"/.exec(text)?.[1] ?? null;
}

function functionsByRole(template: CfnTemplate): Map<string, { logicalId: string; memoryMb: number }> {
  const out = new Map<string, { logicalId: string; memoryMb: number }>();
  for (const [id, r] of Object.entries(template.Resources)) {
    if (r.Type !== 'AWS::Lambda::Function') continue;
    const name = String(r.Properties?.FunctionName ?? id);
    const role = Object.keys(ROLES).find((x) => name.endsWith(`-${x}`)) ?? name;
    out.set(role, { logicalId: id, memoryMb: Number(r.Properties?.MemorySize ?? 128) });
  }
  return out;
}

/**
 * Custom metrics billed for every hour of a month with traffic: per catalogue metric that every call
 * emits and per role that emits it, the rollup set plus the detailed sets.
 */
export function customMetricCount(usage: PriceTable['usage'], catalogue: Readonly<Record<string, MetricDefinition>> = METRICS): number {
  for (const name of usage.metrics_published_every_hour)
    if (!catalogue[name]) throw new Error(`the price table names ${name}, which is not in the metric catalogue`);
  let count = 0;
  for (const [name, m] of Object.entries(catalogue)) {
    if (!usage.metrics_published_every_hour.includes(name)) continue;
    const detailed = usage.active_agent_type_provider_pairs * (m.extraDimension === 'reason' ? usage.rejection_reasons_seen : 1);
    count += m.roles.length * (1 + detailed);
  }
  return count;
}

const round = (n: number) => Math.round(n * 100) / 100;

export function environmentCost(template: CfnTemplate, table: PriceTable, options: { readonly rawRetentionDays: number }): EnvironmentCost {
  const p = table.prices;
  const u = table.usage;
  const price = (key: string): number => {
    const v = p[key];
    if (v === undefined) throw new Error(`the price table has no ${key}`);
    return v;
  };
  const resources = Object.entries(template.Resources);
  const fns = functionsByRole(template);
  const aliasToFunction = new Map<string, string>();
  for (const [id, r] of resources) if (r.Type === 'AWS::Lambda::Alias') aliasToFunction.set(id, refOf(r.Properties?.FunctionName) ?? '');
  const memoryOf = (functionId: string) => [...fns.values()].find((f) => f.logicalId === functionId)?.memoryMb ?? 128;

  const atRest: LineItem[] = [];
  const provisionedRoles = new Set<string>();
  for (const [, r] of resources) {
    if (
      r.Type !== 'AWS::ApplicationAutoScaling::ScalableTarget' ||
      r.Properties?.ScalableDimension !== 'lambda:function:ProvisionedConcurrency'
    )
      continue;
    const alias = refOf(r.Properties?.ResourceId) ?? '';
    const fnId = aliasToFunction.get(alias) ?? '';
    const role = [...fns.entries()].find(([, f]) => f.logicalId === fnId)?.[0] ?? fnId;
    provisionedRoles.add(role);
    const hours = provisionedInstanceHours(r.Properties as { MinCapacity: number; ScheduledActions?: unknown[] });
    const gb = memoryOf(fnId) / 1024;
    atRest.push({
      item: `provisioned concurrency: ${role}`,
      usd: hours * 3600 * gb * price('lambda_arm_provisioned_gb_second'),
      basis: `${Math.round(hours)} instance-hours × ${gb} GB (minimum ${r.Properties?.MinCapacity}${(r.Properties?.ScheduledActions as unknown[] | undefined)?.length ? ', with its schedule' : ''})`,
    });
  }
  const count = (type: string) => resources.filter(([, r]) => r.Type === type).length;
  const secrets = count('AWS::SecretsManager::Secret');
  atRest.push({ item: 'Secrets Manager secret', usd: secrets * price('secrets_manager_secret_month'), basis: `${secrets} secret` });
  let alarmMetrics = 0;
  for (const [, r] of resources) {
    if (r.Type !== 'AWS::CloudWatch::Alarm') continue;
    const metrics = (r.Properties?.Metrics as { MetricStat?: unknown }[] | undefined)?.filter((m) => m.MetricStat).length;
    alarmMetrics += metrics ?? 1;
  }
  atRest.push({
    item: 'CloudWatch alarms',
    usd: alarmMetrics * price('cloudwatch_alarm_metric_month'),
    basis: `${count('AWS::CloudWatch::Alarm')} alarms watching ${alarmMetrics} metrics`,
  });
  atRest.push({
    item: 'CloudWatch dashboard',
    usd: 0,
    basis: `${count('AWS::CloudWatch::Dashboard')} dashboard (${table.notes.dashboard ?? ''})`,
  });
  const pollers = resources.filter(([, r]) => r.Type === 'AWS::Lambda::EventSourceMapping').length;
  atRest.push({
    item: 'SQS: the worker’s idle long polling',
    usd: (pollers * u.sqs_idle_receives_per_month * price('sqs_fifo_requests_per_million')) / 1e6,
    basis: `${pollers} event source × ${u.sqs_idle_receives_per_month.toLocaleString('en-US')} receives`,
  });
  const schedules = resources.filter(([, r]) => r.Type === 'AWS::Events::Rule' && r.Properties?.ScheduleExpression).length;
  atRest.push({
    item: 'Cost Explorer API (daily cost report)',
    usd: schedules * 30 * u.cost_explorer_requests_per_day * price('cost_explorer_api_request'),
    basis: `${30 * u.cost_explorer_requests_per_day} GetCostAndUsage requests`,
  });
  // Each scheduled role's runs a month (from its rule's cron: daily or hourly), at its modelled duration.
  let runs = 0;
  let runGbS = 0;
  const runParts: string[] = [];
  for (const [, r] of resources) {
    if (r.Type !== 'AWS::Events::Rule' || typeof r.Properties?.ScheduleExpression !== 'string') continue;
    const aliasId = refOf(r.Properties?.Targets) ?? '';
    const fnId = aliasToFunction.get(aliasId) ?? '';
    const role = [...fns.entries()].find(([, f]) => f.logicalId === fnId)?.[0] ?? fnId;
    const hourField = /^cron\(\S+ (\S+) /.exec(r.Properties.ScheduleExpression)?.[1];
    const perMonth = hourField === '*' ? HOURS_PER_MONTH : 30;
    runs += perMonth;
    runGbS += perMonth * ((u.duration_ms[role] ?? 0) / 1000) * (memoryOf(fnId) / 1024);
    runParts.push(`${perMonth} ${role}`);
  }
  atRest.push({
    item: 'scheduled runs (Lambda)',
    usd: runGbS * price('lambda_arm_gb_second') + (runs * price('lambda_requests_per_million')) / 1e6,
    basis: `${runParts.join(' + ')} runs`,
  });
  const atRestUsd = atRest.reduce((s, i) => s + i.usd, 0);

  const traffic = (calls: number): LineItem[] => {
    const invocations: Record<string, number> = {
      'conversation-start': calls,
      'memory-search': calls * u.recalls_per_call,
      'webhook-intake': calls,
      'ingest-worker': calls,
    };
    const totalInvocations = Object.values(invocations).reduce((a, b) => a + b, 0);
    let duration = 0;
    const parts: string[] = [];
    for (const [role, n] of Object.entries(invocations)) {
      const gbS = n * ((u.duration_ms[role] ?? 0) / 1000) * ((fns.get(role)?.memoryMb ?? 128) / 1024);
      const rate = provisionedRoles.has(role) ? price('lambda_arm_provisioned_duration_gb_second') : price('lambda_arm_gb_second');
      duration += gbS * rate;
      parts.push(`${role} ${u.duration_ms[role]} ms`);
    }
    const apiRequests = calls * (2 + u.recalls_per_call);
    const logGb = (totalInvocations * u.log_kb_per_invocation + apiRequests * u.access_log_kb_per_request) / 1024 / 1024;
    const storedGb = (calls * u.payload_kb_per_call * (options.rawRetentionDays / 30)) / 1024 / 1024;
    const metrics = customMetricCount(u);
    return [
      {
        item: 'Lambda requests and duration',
        usd: (totalInvocations * price('lambda_requests_per_million')) / 1e6 + duration,
        basis: `${totalInvocations.toLocaleString('en-US')} invocations (${parts.join(', ')})`,
      },
      {
        item: 'HTTP API requests',
        usd: (apiRequests * price('http_api_requests_per_million')) / 1e6,
        basis: `${apiRequests.toLocaleString('en-US')} requests`,
      },
      {
        item: 'SQS FIFO requests',
        usd: (calls * u.sqs_requests_per_call * price('sqs_fifo_requests_per_million')) / 1e6,
        basis: `${u.sqs_requests_per_call} per call`,
      },
      {
        item: 'S3 requests and stored payloads',
        usd:
          (calls * u.s3_puts_per_call * price('s3_put_per_thousand')) / 1000 +
          (calls * u.s3_gets_per_call * price('s3_get_per_thousand')) / 1000 +
          storedGb * price('s3_standard_gb_month'),
        basis: `${u.s3_puts_per_call} PUT + ${u.s3_gets_per_call} GET per call; ${storedGb.toFixed(2)} GB kept (${options.rawRetentionDays} days of ${u.payload_kb_per_call} KB payloads)`,
      },
      {
        item: 'CloudWatch Logs',
        usd: logGb * price('cloudwatch_logs_ingest_gb') + logGb * price('cloudwatch_logs_storage_gb_month'),
        basis: `${(logGb * 1024).toFixed(0)} MB ingested`,
      },
      {
        item: 'CloudWatch custom metrics',
        usd: calls > 0 ? metrics * price('cloudwatch_custom_metric_month') : 0,
        basis: `${metrics} metrics published every hour (the per-call catalogue metrics × roles × dimension sets)`,
      },
    ];
  };
  const monthly = (calls: number) => atRestUsd + traffic(calls).reduce((s, i) => s + i.usd, 0);
  return { atRest, atRestUsd, traffic, monthly, perCall: (calls) => monthly(calls) / calls };
}

/** `$12.34` (two decimals), `$0.0034` below a cent. */
export function usd(n: number): string {
  if (n !== 0 && Math.abs(n) < 0.01) return `$${n.toFixed(4)}`;
  return `$${round(n).toFixed(2)}`;
}
