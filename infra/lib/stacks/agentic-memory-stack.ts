import { type BundledRole, FUNCTION_ENTRIES } from '@agentic-memory/function-kit/esbuild-options';
import type { Environment } from '@agentic-memory/memory-core';
import { CfnOutput, Duration, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { BundledFunction } from '../constructs/bundled-function';
import { CostGuardrails } from '../constructs/cost-guardrails';
import { EnvironmentSecret } from '../constructs/environment-secret';
import { IngestPipeline } from '../constructs/ingest-pipeline';
import { MemoryObservability } from '../constructs/memory-observability';
import { WebhookApi } from '../constructs/webhook-api';

export interface AgenticMemoryStackProps extends StackProps {
  readonly config: Environment;
  readonly workspaceRoot: string;
  readonly mem0Host?: string;
}

/** HTTP routes per role (ARCHITECTURE.md, operational interface): the seed paths stay valid. */
export const API_ROUTES: Readonly<Record<'conversation-start' | 'memory-search' | 'webhook-intake', readonly string[]>> = {
  'conversation-start': [
    '/client-data',
    '/v1/elevenlabs/conversation-start',
    '/v1/vapi/assistant-request',
    '/v1/retell/inbound',
    '/v1/generic/conversation-start',
  ],
  'memory-search': [
    '/retrieve',
    '/v1/elevenlabs/memory-search',
    '/v1/vapi/tools/memory-search',
    '/v1/retell/tools/memory-search',
    '/v1/generic/memory-search',
  ],
  'webhook-intake': ['/post-call', '/v1/elevenlabs/webhook', '/v1/vapi/webhook', '/v1/retell/webhook', '/v1/generic/webhook'],
};

/** The admin API (X-Admin-Key), served by the insights role. */
export const ADMIN_ROUTES = {
  get: ['/v1/users/{phone}/insights', '/v1/agents/{agentType}/analytics'],
  delete: ['/v1/users/{phone}'],
} as const;

/** Tags every resource carries; the budget and cost reports filter on them once activated. */
export function costTags(environmentName: string): Record<string, string> {
  return { Project: 'agentic-memory', Environment: environmentName };
}

/**
 * One environment of Agentic Memory: the HTTP API, the four roles (call start and recall with
 * provisioned concurrency where the environment asks), the ingest pipeline, the environment's
 * secret, the dashboard and alarms, and the budget. Thin: every concern is a construct.
 */
export class AgenticMemoryStack extends Stack {
  public readonly api: WebhookApi;
  public readonly functions: Readonly<Record<BundledRole, BundledFunction>>;
  public readonly pipeline: IngestPipeline;
  public readonly secret: EnvironmentSecret;
  public readonly observability: MemoryObservability;
  public readonly guardrails: CostGuardrails;

  constructor(scope: Construct, id: string, props: AgenticMemoryStackProps) {
    super(scope, id, props);
    const { config } = props;
    const name = config.name;
    // Dashboards and scalable targets cost nothing and cfn-lint's resource spec does not know their Tags yet.
    for (const [key, value] of Object.entries(costTags(name))) {
      Tags.of(this).add(key, value, {
        excludeResourceTypes: ['AWS::CloudWatch::Dashboard', 'AWS::ApplicationAutoScaling::ScalableTarget'],
      });
    }
    const logRetention = config.retention.log_days as logs.RetentionDays;

    this.secret = new EnvironmentSecret(this, 'Secret', { secretName: `agentic-memory/${name}` });
    this.pipeline = new IngestPipeline(this, 'Pipeline', {
      retentionDays: {
        'raw/': config.retention.raw_payload_days,
        'done/': config.retention.raw_payload_days,
        'callers/': config.retention.raw_payload_days,
        'audio/': config.retention.audio_days,
        'reports/': config.retention.reports_days,
      },
      maxReceiveCount: config.ingest.dlq_max_receives,
      visibilityTimeout: Duration.seconds(config.ingest.visibility_timeout_s),
    });

    const environment = {
      AGENTIC_MEMORY_ENV: name,
      AWS_BACKEND: 'aws',
      MEMORY_STORE: 'mem0',
      MEM0_HOST: props.mem0Host ?? 'https://api.mem0.ai',
      MEM0_TELEMETRY: 'false',
      SECRET_ARN: this.secret.secret.secretArn,
      BLOB_BUCKET: this.pipeline.bucket.bucketName,
      INGEST_QUEUE_URL: this.pipeline.queue.queueUrl,
      INGEST_DLQ_URL: this.pipeline.deadLetterQueue.queueUrl,
      POWERTOOLS_SERVICE_NAME: 'agentic-memory',
      POWERTOOLS_LOG_LEVEL: 'INFO',
    };
    const make = (role: BundledRole, id: string) => {
      const settings = config.functions[role];
      const pc = settings.provisioned_concurrency;
      return new BundledFunction(this, id, {
        workspaceRoot: props.workspaceRoot,
        entry: FUNCTION_ENTRIES[role],
        functionName: `agentic-memory-${name}-${role}`,
        memorySize: settings.memory_mb,
        timeout: Duration.seconds(settings.timeout_s),
        environment,
        logRetention,
        provisionedConcurrency: pc
          ? {
              min: pc.min,
              max: pc.max,
              targetUtilization: pc.target_utilization,
              schedule: pc.schedule.map((s) => ({
                name: s.name,
                cron: { minute: s.cron.minute, hour: s.cron.hour, weekDay: s.cron.week_day },
                timeZone: s.time_zone,
                min: s.min,
                max: s.max,
              })),
            }
          : undefined,
      });
    };
    this.functions = {
      'conversation-start': make('conversation-start', 'ConversationStart'),
      'memory-search': make('memory-search', 'MemorySearch'),
      'webhook-intake': make('webhook-intake', 'WebhookIntake'),
      'ingest-worker': make('ingest-worker', 'IngestWorker'),
      insights: make('insights', 'Insights'),
      'cost-report': make('cost-report', 'CostReport'),
    };
    const fns = this.functions;
    for (const fn of Object.values(fns)) this.secret.secret.grantRead(fn.role);
    this.pipeline.grantGet(fns['conversation-start'].role, ['snapshots/']);
    this.pipeline.grantPut(fns['webhook-intake'].role, ['raw/', 'audio/', 'callers/']);
    this.pipeline.queue.grantSendMessages(fns['webhook-intake'].role);
    this.pipeline.grantGet(fns['ingest-worker'].role, ['raw/', 'done/', 'snapshots/', 'callers/', 'tombstones/']);
    this.pipeline.grantPut(fns['ingest-worker'].role, ['snapshots/', 'done/', 'callers/', 'analytics/']);
    // A caller erased while their call waited: the worker drops the call and what it wrote.
    this.pipeline.grantDelete(fns['ingest-worker'].role, ['raw/', 'done/', 'audio/', 'snapshots/', 'callers/', 'analytics/']);
    this.pipeline.grantGet(fns.insights.role, ['snapshots/', 'callers/', 'analytics/', 'tombstones/']);
    this.pipeline.grantPut(fns.insights.role, ['tombstones/']);
    this.pipeline.grantDelete(fns.insights.role, ['raw/', 'done/', 'audio/', 'snapshots/', 'callers/', 'analytics/']);
    this.pipeline.addWorker(fns['ingest-worker'].alias, {
      batchSize: config.ingest.batch_size,
      maxConcurrency: config.ingest.max_concurrency,
    });

    // The daily cost report: Cost Explorer and CloudWatch allow no narrower resource than "*".
    this.pipeline.grantPut(fns['cost-report'].role, ['reports/']);
    fns['cost-report'].role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['ce:GetCostAndUsage', 'cloudwatch:GetMetricData'], resources: ['*'] }),
    );
    Validations.of(fns['cost-report'].role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'ce:GetCostAndUsage and cloudwatch:GetMetricData support no resource-level permissions; the role has only these two read actions on "*".',
    });
    new events.Rule(this, 'DailyCostReport', {
      description: 'Runs the cost report for the previous UTC day',
      schedule: events.Schedule.cron({ minute: '30', hour: '6' }),
      targets: [new targets.LambdaFunction(fns['cost-report'].alias, { retryAttempts: 2 })],
    });

    this.api = new WebhookApi(this, 'Api', {
      apiName: `agentic-memory-${name}`,
      throttle: { rateLimit: config.api.throttle_rate_per_s, burstLimit: config.api.throttle_burst },
      accessLogRetention: logRetention,
    });
    this.api.addRoutes('ConversationStart', HttpMethod.POST, API_ROUTES['conversation-start'], fns['conversation-start'].alias);
    this.api.addRoutes('MemorySearch', HttpMethod.POST, API_ROUTES['memory-search'], fns['memory-search'].alias);
    this.api.addRoutes('WebhookIntake', HttpMethod.POST, API_ROUTES['webhook-intake'], fns['webhook-intake'].alias);
    this.api.addRoutes('InsightsRead', HttpMethod.GET, ADMIN_ROUTES.get, fns.insights.alias);
    this.api.addRoutes('InsightsDelete', HttpMethod.DELETE, ADMIN_ROUTES.delete, fns.insights.alias);

    this.observability = new MemoryObservability(this, 'Observability', {
      environmentName: name,
      dashboardName: `agentic-memory-${name}`,
      functions: fns,
      api: this.api,
      callPathRoutes: [...API_ROUTES['conversation-start'], ...API_ROUTES['memory-search']].map((path) => `POST ${path}`),
      pipeline: this.pipeline,
      recipients: config.alarms.recipients,
      thresholds: {
        conversationStartP99Ms: config.alarms.conversation_start_p99_ms,
        memorySearchP99Ms: config.alarms.memory_search_p99_ms,
        intakeP99Ms: config.alarms.intake_p99_ms,
        errorRatePercent: config.alarms.error_rate_percent,
        dlqVisibleMessages: config.alarms.dlq_visible_messages,
        ingestLagSeconds: config.alarms.ingest_lag_s,
        degradedPer5Min: config.alarms.degraded_per_5min,
      },
    });
    this.guardrails = new CostGuardrails(this, 'Budget', {
      budgetName: `agentic-memory-${name}`,
      monthlyUsd: config.budget.monthly_usd,
      actualThresholdsPercent: config.budget.alert_thresholds_percent,
      recipients: config.budget.recipients,
      topic: this.observability.alarmTopic,
      tags: costTags(name),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the webhooks' });
    new CfnOutput(this, 'ConversationInitiationWebhook', {
      value: `${this.api.url}/client-data`,
      description: 'ElevenLabs conversation-initiation webhook URL',
    });
    new CfnOutput(this, 'MemorySearchToolUrl', { value: `${this.api.url}/retrieve`, description: 'ElevenLabs memory-search tool URL' });
    new CfnOutput(this, 'PostCallWebhook', { value: `${this.api.url}/post-call`, description: 'ElevenLabs post-call webhook URL' });
    new CfnOutput(this, 'SecretName', {
      value: this.secret.secret.secretName,
      description: 'Set the keys of this secret (JSON) after the first deploy',
    });
    new CfnOutput(this, 'BlobBucket', { value: this.pipeline.bucket.bucketName });
    new CfnOutput(this, 'IngestQueueUrl', {
      value: this.pipeline.queue.queueUrl,
      description: 'The ingest FIFO queue (for pnpm cost-report and pnpm migrate backfill run from a workstation)',
    });
    new CfnOutput(this, 'DashboardName', { value: `agentic-memory-${name}` });
  }
}
