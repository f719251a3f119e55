import { METRIC_NAMESPACE, METRIC_SERVICE, METRICS, type MetricName } from '@agentic-memory/function-kit/metric-catalogue';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import type { BundledFunction } from './bundled-function';
import type { IngestPipeline } from './ingest-pipeline';
import type { WebhookApi } from './webhook-api';

export type ObservedRole = 'conversation-start' | 'memory-search' | 'webhook-intake' | 'ingest-worker';

export interface AlarmThresholds {
  readonly conversationStartP99Ms: number;
  readonly memorySearchP99Ms: number;
  readonly intakeP99Ms: number;
  readonly errorRatePercent: number;
  readonly dlqVisibleMessages: number;
  readonly ingestLagSeconds: number;
  readonly degradedPer5Min: number;
}

export interface MemoryObservabilityProps {
  readonly environmentName: string;
  readonly dashboardName: string;
  readonly functions: Readonly<Record<ObservedRole, BundledFunction>>;
  readonly api: WebhookApi;
  /** Route keys (`POST /client-data`, …) of call start and recall: their API latency by route. */
  readonly callPathRoutes: readonly string[];
  readonly pipeline: IngestPipeline;
  readonly thresholds: AlarmThresholds;
  readonly recipients: readonly string[];
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Dashboard and alarms built from the kit's metric catalogue: every custom metric is addressed by
 * the rollup dimension set the code emits (`service`, `environment`, `role`), so what the widgets
 * show is what the functions write. Alarms go to one SNS topic with the environment's subscribers.
 */
export class MemoryObservability extends Construct {
  public readonly dashboard: cloudwatch.Dashboard;
  public readonly alarmTopic: sns.Topic;
  public readonly alarms: cloudwatch.Alarm[] = [];
  /** Every catalogue metric the dashboard or alarms use (checked against the catalogue in tests). */
  public readonly customMetricsUsed = new Set<MetricName>();

  private readonly props: MemoryObservabilityProps;

  constructor(scope: Construct, id: string, props: MemoryObservabilityProps) {
    super(scope, id);
    this.props = props;
    this.alarmTopic = new sns.Topic(this, 'Alarms', { displayName: `Agentic Memory ${props.environmentName} alarms`, enforceSSL: true });
    for (const address of props.recipients) this.alarmTopic.addSubscription(new subscriptions.EmailSubscription(address));

    const f = props.functions;
    const latencyCritical: ObservedRole[] = ['conversation-start', 'memory-search'];
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: props.dashboardName,
      defaultInterval: Duration.hours(3),
    });
    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown: `# Agentic Memory — ${props.environmentName}\nLatency budget: call start and recall p99 < 400 ms, intake ack p99 < 100 ms. Custom metrics: namespace \`${METRIC_NAMESPACE}\`.`,
        width: 24,
        height: 2,
      }),
    );
    for (const role of latencyCritical) {
      const fn = f[role];
      this.dashboard.addWidgets(
        new cloudwatch.GraphWidget({
          title: `${role}: our response latency (ms)`,
          left: ['p50', 'p95', 'p99'].map((s) => this.custom('ResponseLatency', role, s)),
          width: 8,
        }),
        new cloudwatch.GraphWidget({
          title: `${role}: Lambda duration (ms)`,
          left: ['p50', 'p95', 'p99'].map((s) => fn.alias.metricDuration({ statistic: s, period: FIVE_MINUTES, label: `duration ${s}` })),
          width: 8,
        }),
        new cloudwatch.GraphWidget({
          title: `${role}: provisioned concurrency`,
          left: [
            fn.alias.metric('ProvisionedConcurrencyUtilization', {
              statistic: 'Maximum',
              period: FIVE_MINUTES,
              label: 'utilisation (max)',
            }),
          ],
          right: [
            fn.alias.metric('ProvisionedConcurrencySpilloverInvocations', {
              statistic: 'Sum',
              period: FIVE_MINUTES,
              label: 'spillover invocations',
            }),
          ],
          width: 8,
        }),
      );
    }
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'API latency (ms, all routes)',
        left: ['p50', 'p95', 'p99'].map((s) =>
          props.api.httpApi.metricLatency({ statistic: s, period: FIVE_MINUTES, label: `API latency ${s}` }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Errors and throttles',
        left: Object.entries(f).map(([role, fn]) => fn.function.metricErrors({ period: FIVE_MINUTES, label: `${role} errors` })),
        right: Object.entries(f).map(([role, fn]) => fn.function.metricThrottles({ period: FIVE_MINUTES, label: `${role} throttles` })),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'webhook-intake: ack latency (ms)',
        left: ['p50', 'p99'].map((s) => this.custom('ResponseLatency', 'webhook-intake', s)),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.LogQueryWidget({
        title: 'API latency by route (ms, access logs): call start and recall',
        logGroupNames: [props.api.accessLogs.logGroupName],
        view: cloudwatch.LogQueryVisualizationType.TABLE,
        queryLines: [
          `filter routeKey in [${props.callPathRoutes.map((r) => JSON.stringify(r)).join(', ')}]`,
          'stats count(*) as requests, pct(responseLatency, 50) as p50, pct(responseLatency, 95) as p95, pct(responseLatency, 99) as p99 by routeKey',
        ],
        width: 24,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.LogQueryWidget({
        title: 'Cold starts: init duration (ms) from Lambda REPORT lines',
        logGroupNames: Object.values(f).map((fn) => fn.logGroup.logGroupName),
        queryLines: [
          'filter @type = "REPORT" and ispresent(@initDuration)',
          'stats count(*) as coldStarts, avg(@initDuration) as avgInit, max(@initDuration) as maxInit by bin(15m)',
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'Ingest queue',
        left: [
          props.pipeline.queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, label: 'queued' }),
          props.pipeline.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, label: 'dead letters' }),
        ],
        right: [props.pipeline.queue.metricApproximateAgeOfOldestMessage({ period: FIVE_MINUTES, label: 'oldest message age (s)' })],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Hit rates (%)',
        left: [
          this.rate('SnapshotHit', 'SnapshotMiss', 'conversation-start', 'snapshot hit %'),
          this.rate('CacheHit', 'CacheMiss', 'conversation-start', 'call-start cache hit %'),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Degraded, rejected, fallbacks',
        left: [
          ...latencyCritical.map((r) => this.custom('DegradedReply', r, 'Sum')),
          ...(['conversation-start', 'memory-search', 'webhook-intake'] as const).map((r) => this.custom('RejectedWebhook', r, 'Sum')),
          ...(['conversation-start', 'memory-search', 'ingest-worker'] as const).map((r) => this.custom('AgentTypeFallback', r, 'Sum')),
          ...(['conversation-start', 'memory-search'] as const).map((r) => this.custom('AgentTypeRejected', r, 'Sum')),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Ingestion',
        left: [this.custom('IngestLag', 'ingest-worker', 'p50'), this.custom('IngestLag', 'ingest-worker', 'p99')],
        right: [
          this.custom('MemoriesWritten', 'ingest-worker', 'Sum'),
          this.custom('IngestFailure', 'ingest-worker', 'Sum'),
          this.custom('DeadLettered', 'ingest-worker', 'Sum'),
          this.custom('FieldsDropped', 'ingest-worker', 'Sum'),
          this.custom('EventQueued', 'webhook-intake', 'Sum'),
          this.custom('DuplicateDelivery', 'ingest-worker', 'Sum'),
          this.custom('CallWithoutCaller', 'ingest-worker', 'Sum'),
          this.custom('ForgottenDropped', 'ingest-worker', 'Sum'),
        ],
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Memory store latency (ms)',
        left: (['conversation-start', 'memory-search', 'ingest-worker'] as const).flatMap((r) => [
          this.custom('MemoryStoreLatency', r, 'p50'),
          this.custom('MemoryStoreLatency', r, 'p99'),
        ]),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Events stored but not ingested',
        left: [this.custom('IgnoredEvent', 'webhook-intake', 'Sum'), this.custom('InitiationFailure', 'webhook-intake', 'Sum')],
        width: 8,
      }),
      new cloudwatch.SingleValueWidget({
        title: 'Cost (USD, from the daily cost report)',
        metrics: [
          this.custom('CostPerCall', 'cost-report', 'Maximum', Duration.days(1)),
          this.custom('DailyCost', 'cost-report', 'Maximum', Duration.days(1)),
        ],
        fullPrecision: true,
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Reconciliation: calls recovered whose post-call webhook never arrived (per hourly run)',
        left: [this.custom('ReconciledCalls', 'reconcile', 'Sum', Duration.hours(1))],
        width: 12,
      }),
    );

    const t = props.thresholds;
    this.alarm(
      'CallStartP99',
      this.custom('ResponseLatency', 'conversation-start', 'p99'),
      t.conversationStartP99Ms,
      'conversation-start p99 above the budget',
    );
    this.alarm(
      'RecallP99',
      this.custom('ResponseLatency', 'memory-search', 'p99'),
      t.memorySearchP99Ms,
      'memory-search p99 above the budget',
    );
    this.alarm('IntakeP99', this.custom('ResponseLatency', 'webhook-intake', 'p99'), t.intakeP99Ms, 'post-call ack p99 above the budget');
    // The roles that serve calls (an alarm's math takes at most 10 metrics); the admin and cost roles show on the dashboard.
    const served = (['conversation-start', 'memory-search', 'webhook-intake', 'ingest-worker'] as const).map((r) => f[r]);
    const errors = served.map((fn, i) => [`e${i}`, fn.function.metricErrors({ period: FIVE_MINUTES })] as const);
    const invocations = served.map((fn, i) => [`i${i}`, fn.function.metricInvocations({ period: FIVE_MINUTES })] as const);
    this.alarm(
      'ErrorRate',
      new cloudwatch.MathExpression({
        expression: `100 * (${errors.map(([k]) => k).join(' + ')}) / MAX([1, ${invocations.map(([k]) => k).join(' + ')}])`,
        usingMetrics: Object.fromEntries([...errors, ...invocations]),
        period: FIVE_MINUTES,
        label: 'error rate %',
      }),
      t.errorRatePercent,
      'function error rate above the threshold',
    );
    this.alarm(
      'DeadLetters',
      props.pipeline.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', period: FIVE_MINUTES }),
      t.dlqVisibleMessages,
      'calls are in the dead-letter queue: they were not ingested',
      1,
    );
    this.alarm(
      'OldestMessage',
      props.pipeline.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', period: FIVE_MINUTES }),
      t.ingestLagSeconds,
      'ingestion is falling behind',
    );
    this.alarm(
      'Degraded',
      this.custom('DegradedReply', 'conversation-start', 'Sum'),
      t.degradedPer5Min,
      'call starts are being served degraded replies',
    );
    // One lost call is noise; calls recovered run after run mean the webhook itself is broken.
    this.alarm(
      'ReconciledCalls',
      this.custom('ReconciledCalls', 'reconcile', 'Sum', Duration.hours(1)),
      1,
      'reconciliation recovered calls in 3 consecutive hourly runs: an ElevenLabs post-call webhook is failing or disabled (pnpm elevenlabs verify)',
      3,
      3,
    );
    for (const role of latencyCritical) {
      if (!f[role].scaling) continue;
      this.alarm(
        `${role === 'conversation-start' ? 'CallStart' : 'Recall'}Spillover`,
        f[role].alias.metric('ProvisionedConcurrencySpilloverInvocations', { statistic: 'Sum', period: FIVE_MINUTES }),
        1,
        `${role} invocations spilled over provisioned concurrency (cold starts on the call path)`,
        1,
      );
    }
  }

  /** A catalogue metric with the rollup dimension set `{service, environment, role}`. */
  custom(name: MetricName, role: string, statistic: string, period: Duration = FIVE_MINUTES): cloudwatch.Metric {
    this.customMetricsUsed.add(name);
    return new cloudwatch.Metric({
      namespace: METRIC_NAMESPACE,
      metricName: name,
      dimensionsMap: { service: METRIC_SERVICE, environment: this.props.environmentName, role },
      statistic,
      period,
      unit: cloudwatch.Unit[METRICS[name].unit.toUpperCase() as keyof typeof cloudwatch.Unit],
      label: `${role} ${name} ${statistic}`,
    });
  }

  private rate(hit: MetricName, miss: MetricName, role: string, label: string): cloudwatch.MathExpression {
    const h = `${hit.toLowerCase()}_${role.replace(/\W/g, '_')}`;
    const m = `${miss.toLowerCase()}_${role.replace(/\W/g, '_')}`;
    return new cloudwatch.MathExpression({
      expression: `100 * ${h} / MAX([1, ${h} + ${m}])`,
      usingMetrics: { [h]: this.custom(hit, role, 'Sum'), [m]: this.custom(miss, role, 'Sum') },
      period: FIVE_MINUTES,
      label,
    });
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
    alarm.addAlarmAction(new actions.SnsAction(this.alarmTopic));
    this.alarms.push(alarm);
    return alarm;
  }
}
