import { METRICS, ROLES, type RoleDefinition } from '@agentic-memory/function-kit/contracts';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { catalogueMetric, FIVE_MINUTES, type MetricCatalogue } from './catalogue-metric';
import type { ObservedFunction } from './memory-dashboard';
import type { RouteLatency } from './route-latency';

/** The default p99 budgets of the architecture (ms): call start and recall 400, intake ack 100. */
export const DEFAULT_P99_MS: Readonly<Record<string, number>> = {
  'conversation-start': 400,
  'memory-search': 400,
  'webhook-intake': 100,
};

export interface MemoryAlarmsProps {
  /** The `environment` dimension of the custom metrics, and the prefix of every alarm description. */
  readonly environmentName: string;
  /** Notified when an alarm goes to ALARM and back to OK. */
  readonly topic: sns.ITopic;
  /** One function per role. */
  readonly functions: Readonly<Record<string, ObservedFunction>>;
  readonly queue: sqs.IQueue;
  readonly deadLetterQueue: sqs.IQueue;
  /** @default - the role table (`ROLES`) */
  readonly roles?: Readonly<Record<string, RoleDefinition>>;
  /** @default - the kit's metric catalogue (`METRICS`) */
  readonly catalogue?: MetricCatalogue;
  /** p99 of the handler's response latency per role (ms); roles not listed get no latency alarm. @default DEFAULT_P99_MS */
  readonly responseLatencyP99Ms?: Readonly<Record<string, number>>;
  /**
   * Roles whose errors make up the error-rate alarm (a metric-math alarm takes at most 10
   * metrics: 5 roles). @default - every role triggered by HTTP or a queue
   */
  readonly errorRateRoles?: readonly string[];
  /** @default 1 */
  readonly errorRatePercent?: number;
  /** Dead letters that raise the alarm. @default 1 */
  readonly deadLetterMessages?: number;
  /** Age of the oldest queued message (s) that raises the alarm. @default 300 */
  readonly ingestLagSeconds?: number;
  /** Degraded replies per role in 5 minutes that raise the alarm. @default 5 */
  readonly degradedPer5Min?: number;
  /**
   * API Gateway's latency per route from the access logs, with the p99 budget of each route (ms),
   * so cold starts and gateway time are alarmed on too. @default - no route latency alarms
   */
  readonly routeLatency?: { readonly metrics: RouteLatency; readonly p99Ms: Readonly<Record<string, number>> };
}

/** A CDK-safe id from a role or route: `conversation-start` → `ConversationStart`, `POST /v1/retell/inbound` → `PostV1RetellInbound`. */
export function pascalId(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1).toLowerCase())
    .join('');
}

/**
 * The environment's alarms, each notifying the topic on ALARM and on OK: p99 response latency per
 * role, API latency per call-path route (access logs), the error rate of the roles that serve
 * platforms, dead letters, ingest lag, degraded replies, provisioned-concurrency spillover, and a
 * failed run of each scheduled role. Per role it also keeps an error alarm on the `live` alias,
 * without notification, for CodeDeploy to roll back on (`deploymentAlarms(role)`).
 */
export class MemoryAlarms extends Construct {
  /** Every alarm by id. */
  public readonly alarms: Readonly<Record<string, cloudwatch.Alarm>>;

  private readonly props: MemoryAlarmsProps;
  private readonly catalogue: MetricCatalogue;
  private readonly byId: Record<string, cloudwatch.Alarm> = {};
  private readonly byRole: Record<string, cloudwatch.Alarm[]> = {};

  constructor(scope: Construct, id: string, props: MemoryAlarmsProps) {
    super(scope, id);
    this.props = props;
    this.catalogue = props.catalogue ?? METRICS;
    const roles: Readonly<Record<string, RoleDefinition>> = props.roles ?? ROLES;
    const f = props.functions;
    for (const role of Object.keys(roles)) if (!f[role]) throw new Error(`the alarms have no function for role ${role}`);

    for (const [role, ms] of Object.entries(props.responseLatencyP99Ms ?? DEFAULT_P99_MS)) {
      const alarm = this.alarm(
        `${pascalId(role)}P99`,
        catalogueMetric(props.environmentName, 'ResponseLatency', role, { statistic: 'p99' }, this.catalogue),
        ms,
        `${role} p99 response latency above ${ms} ms`,
      );
      this.forRole(role, alarm);
    }
    if (props.routeLatency) {
      for (const routeKey of props.routeLatency.metrics.routeKeys) {
        const ms = props.routeLatency.p99Ms[routeKey];
        if (ms === undefined) throw new Error(`no p99 budget for route ${routeKey}`);
        this.alarm(
          `Route${pascalId(routeKey)}P99`,
          props.routeLatency.metrics.metric(routeKey),
          ms,
          `API latency p99 of ${routeKey} above ${ms} ms (cold starts and gateway time included)`,
        );
      }
    }

    const served = props.errorRateRoles ?? Object.keys(roles).filter((r) => roles[r]?.trigger === 'http' || roles[r]?.trigger === 'queue');
    if (served.length > 5) throw new Error(`the error-rate alarm takes at most 5 roles (10 metrics); got ${served.join(', ')}`);
    if (served.length > 0) {
      const errors = served.map((r, i) => [`e${i}`, (f[r] as ObservedFunction).function.metricErrors({ period: FIVE_MINUTES })] as const);
      const invocations = served.map(
        (r, i) => [`i${i}`, (f[r] as ObservedFunction).function.metricInvocations({ period: FIVE_MINUTES })] as const,
      );
      this.alarm(
        'ErrorRate',
        new cloudwatch.MathExpression({
          expression: `100 * (${errors.map(([k]) => k).join(' + ')}) / MAX([1, ${invocations.map(([k]) => k).join(' + ')}])`,
          usingMetrics: Object.fromEntries([...errors, ...invocations]),
          period: FIVE_MINUTES,
          label: 'error rate %',
        }),
        props.errorRatePercent ?? 1,
        `error rate of ${served.join(', ')} above the threshold`,
      );
    }
    this.alarm(
      'DeadLetters',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: FIVE_MINUTES }),
      props.deadLetterMessages ?? 1,
      'calls are in the dead-letter queue: they were not ingested',
      1,
    );
    this.alarm(
      'OldestMessage',
      props.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: FIVE_MINUTES }),
      props.ingestLagSeconds ?? 300,
      'ingestion is falling behind',
    );
    for (const role of this.catalogue.DegradedReply?.roles ?? []) {
      this.alarm(
        `${pascalId(role)}Degraded`,
        catalogueMetric(props.environmentName, 'DegradedReply', role, { statistic: 'Sum' }, this.catalogue),
        props.degradedPer5Min ?? 5,
        `${role} is serving degraded replies`,
      );
    }
    // One lost call is noise; calls recovered run after run mean a platform's post-call webhook is broken.
    for (const role of this.catalogue.ReconciledCalls?.roles ?? []) {
      this.alarm(
        `${pascalId(role)}ReconciledCalls`,
        catalogueMetric(props.environmentName, 'ReconciledCalls', role, { statistic: 'Sum', period: Duration.hours(1) }, this.catalogue),
        1,
        'reconciliation recovered calls in 3 consecutive hourly runs: an ElevenLabs post-call webhook is failing or disabled (pnpm elevenlabs verify)',
        3,
        3,
      );
    }
    const missing = this.catalogue.MissingCredential?.roles ?? [];
    if (missing.length > 0) {
      const lines = missing.map(
        (role, i) =>
          [`c${i}`, catalogueMetric(props.environmentName, 'MissingCredential', role, { statistic: 'Sum' }, this.catalogue)] as const,
      );
      this.alarm(
        'MissingCredential',
        new cloudwatch.MathExpression({
          expression: lines.map(([k]) => k).join(' + '),
          usingMetrics: Object.fromEntries(lines),
          period: FIVE_MINUTES,
          label: 'missing credentials',
        }),
        1,
        'a credential is missing or a placeholder in the environment secret (logs name it): set it (deploy guide)',
        1,
      );
    }
    for (const [role, fn] of Object.entries(f)) {
      if (!fn.scaling) continue;
      this.alarm(
        `${pascalId(role)}Spillover`,
        fn.alias.metric('ProvisionedConcurrencySpilloverInvocations', { statistic: 'Sum', period: FIVE_MINUTES }),
        1,
        `${role} invocations spilled over provisioned concurrency (cold starts on the call path)`,
        1,
      );
    }
    for (const role of Object.keys(roles).filter((r) => roles[r]?.trigger === 'schedule')) {
      this.alarm(
        `${pascalId(role)}Failed`,
        (f[role] as ObservedFunction).alias.metricErrors({ statistic: 'Sum', period: Duration.hours(1) }),
        1,
        `a scheduled run of ${role} failed (see its log group)`,
        1,
      );
    }
    // For CodeDeploy only: any error of the alias during a deployment rolls it back.
    for (const [role, fn] of Object.entries(f)) {
      const alarm = new cloudwatch.Alarm(this, `${pascalId(role)}AliasErrors`, {
        metric: fn.alias.metricErrors({ statistic: 'Sum', period: Duration.minutes(1) }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        alarmDescription: `${props.environmentName}: ${role} live alias errors (rolls back a deployment; notifies nobody: ErrorRate does)`,
      });
      this.byId[`${pascalId(role)}AliasErrors`] = alarm;
      this.forRole(role, alarm);
    }
    this.alarms = this.byId;
  }

  /** The alarms that roll back a deployment of a role: its alias errors and its latency budget. */
  deploymentAlarms(role: string): cloudwatch.IAlarm[] {
    return [...(this.byRole[role] ?? [])];
  }

  private forRole(role: string, alarm: cloudwatch.Alarm): void {
    this.byRole[role] = [...(this.byRole[role] ?? []), alarm];
  }

  private alarm(
    id: string,
    metric: cloudwatch.IMetric,
    threshold: number,
    description: string,
    evaluationPeriods = 3,
    datapointsToAlarm = Math.min(2, evaluationPeriods),
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods,
      datapointsToAlarm,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${this.props.environmentName}: ${description}`,
    });
    const action = new actions.SnsAction(this.props.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    this.byId[id] = alarm;
    return alarm;
  }
}
