import { type Environment, roleConfigOf } from '@agentic-memory/config';
import {
  BLOB_ACCESS,
  BlobPrefixes,
  costTags,
  type FunctionRole,
  functionEntry,
  ResourceNames,
  ROLES,
  ROUTES,
  type RoleDefinition,
  type RouteDefinition,
  routeClass,
  type ScheduledRole,
} from '@agentic-memory/function-kit/contracts';
import type { AgentTypes } from '@agentic-memory/memory-core';
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
  /** The environment's validated configuration (`config/environments/<env>.json`). */
  readonly config: Environment;
  /** The validated agent types: bundled, with the environment's domain part, into every function. */
  readonly agentTypes: AgentTypes;
  readonly workspaceRoot: string;
  readonly mem0Host?: string;
  /** The HTTP routes (default: the route table every deployment serves). */
  readonly routes?: readonly RouteDefinition<string>[];
  /** The roles, one function each (default: the role table). */
  readonly roles?: Readonly<Record<string, RoleDefinition>>;
}

/** When each scheduled role runs (EventBridge, UTC): every role whose trigger is 'schedule' has one. */
const ROLE_SCHEDULES: Readonly<
  Record<ScheduledRole, { readonly id: string; readonly description: string; readonly cron: events.CronOptions }>
> = {
  'cost-report': { id: 'DailyCostReport', description: 'Runs the cost report for the previous UTC day', cron: { minute: '30', hour: '6' } },
  // Hourly at :15, so each hour of the ReconciledCalls alarm holds exactly one run.
  reconcile: {
    id: 'HourlyReconcile',
    description: 'Recovers ElevenLabs calls whose post-call webhook never arrived',
    cron: { minute: '15' },
  },
};

/** A CDK-safe id from a role name: `conversation-start` → `ConversationStart`. */
function roleId(role: string): string {
  return role.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase());
}

/**
 * One environment of Agentic Memory: the HTTP API, the four roles (call start and recall with
 * provisioned concurrency where the environment asks), the ingest pipeline, the environment's
 * secret, the dashboard and alarms, and the budget. Thin: every concern is a construct.
 */
export class AgenticMemoryStack extends Stack {
  public readonly api: WebhookApi;
  public readonly functions: Readonly<Record<FunctionRole, BundledFunction>>;
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
        [BlobPrefixes.raw]: config.retention.raw_payload_days,
        [BlobPrefixes.done]: config.retention.raw_payload_days,
        [BlobPrefixes.callers]: config.retention.raw_payload_days,
        [BlobPrefixes.audio]: config.retention.audio_days,
        [BlobPrefixes.reports]: config.retention.reports_days,
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
    const roleConfig = roleConfigOf({ agentTypes: props.agentTypes, environment: config });
    const roles: Readonly<Record<string, RoleDefinition>> = props.roles ?? ROLES;
    const functions: Record<string, BundledFunction> = {};
    const settingsOf = config.functions as Readonly<Record<string, (typeof config.functions)[FunctionRole] | undefined>>;
    for (const role of Object.keys(roles)) {
      const settings = settingsOf[role];
      if (!settings) throw new Error(`config/environments/${name}.json has no functions.${role} settings`);
      const pc = settings.provisioned_concurrency;
      functions[role] = new BundledFunction(this, roleId(role), {
        workspaceRoot: props.workspaceRoot,
        entry: functionEntry(role, roles[role]),
        roleConfig,
        functionName: ResourceNames.function(name, role as FunctionRole),
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
    }
    this.functions = functions as Readonly<Record<FunctionRole, BundledFunction>>;
    const fns = this.functions;
    const byRole = functions;
    for (const fn of Object.values(fns)) this.secret.secret.grantRead(fn.role);
    // Least privilege in the bucket, by key prefix, from the kit's table of what each role touches.
    for (const [role, access] of Object.entries(BLOB_ACCESS)) {
      const fn = byRole[role];
      if (!fn || !access) continue;
      if (access.get.length > 0) this.pipeline.grantGet(fn.role, access.get);
      if (access.put.length > 0) this.pipeline.grantPut(fn.role, access.put);
      if (access.delete.length > 0) this.pipeline.grantDelete(fn.role, access.delete);
    }
    // The intake and reconciliation queue calls for the worker.
    for (const role of ['webhook-intake', 'reconcile'] as const) this.pipeline.queue.grantSendMessages(fns[role].role);
    // A message that can never be ingested is dead-lettered by the worker on its first receipt.
    this.pipeline.deadLetterQueue.grantSendMessages(fns['ingest-worker'].role);
    this.pipeline.addWorker(fns['ingest-worker'].alias, {
      batchSize: config.ingest.batch_size,
      maxConcurrency: config.ingest.max_concurrency,
    });

    // The daily cost report: Cost Explorer and CloudWatch allow no narrower resource than "*".
    fns['cost-report'].role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['ce:GetCostAndUsage', 'cloudwatch:GetMetricData'], resources: ['*'] }),
    );
    Validations.of(fns['cost-report'].role).acknowledge({
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason:
        'ce:GetCostAndUsage and cloudwatch:GetMetricData support no resource-level permissions; the role has only these two read actions on "*".',
    });
    for (const [role, definition] of Object.entries(roles)) {
      if (definition.trigger !== 'schedule') continue;
      const schedule = ROLE_SCHEDULES[role as ScheduledRole];
      if (!schedule) throw new Error(`role ${role} is triggered by a schedule but has no entry in ROLE_SCHEDULES`);
      new events.Rule(this, schedule.id, {
        description: schedule.description,
        schedule: events.Schedule.cron(schedule.cron),
        targets: [new targets.LambdaFunction(fns[role as FunctionRole].alias, { retryAttempts: 2 })],
      });
    }

    this.api = new WebhookApi(this, 'Api', {
      apiName: ResourceNames.api(name),
      throttle: { rateLimit: config.api.throttle_rate_per_s, burstLimit: config.api.throttle_burst },
      accessLogRetention: logRetention,
    });
    // Reconciliation takes only the agents whose post-call webhook points at this API.
    fns.reconcile.function.addEnvironment('AGENTIC_MEMORY_BASE_URL', this.api.url);
    const routes = props.routes ?? ROUTES;
    for (const role of new Set(routes.map((r) => r.role))) {
      const fn = byRole[role];
      if (!fn) throw new Error(`route ${routes.find((r) => r.role === role)?.path} names role ${role}, which has no function`);
      for (const method of new Set(routes.filter((r) => r.role === role).map((r) => r.method))) {
        const paths = routes.filter((r) => r.role === role && r.method === method).map((r) => r.path);
        this.api.addRoutes(`${roleId(role)}${method === 'POST' ? '' : roleId(method.toLowerCase())}`, HttpMethod[method], paths, fn.alias);
      }
    }

    this.observability = new MemoryObservability(this, 'Observability', {
      environmentName: name,
      dashboardName: ResourceNames.dashboard(name),
      functions: fns,
      api: this.api,
      callPathRoutes: routes.filter((r) => routeClass(r) === 'call-path').map((r) => `${r.method} ${r.path}`),
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
      budgetName: ResourceNames.budget(name),
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
    new CfnOutput(this, 'DashboardName', { value: ResourceNames.dashboard(name) });
  }
}
