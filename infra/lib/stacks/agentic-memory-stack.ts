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
  secretsToSetBeforeTraffic,
} from '@agentic-memory/function-kit/contracts';
import { type AgentTypes, ConfigValidationError, type Provider } from '@agentic-memory/memory-core';
import { Annotations, CfnOutput, Duration, Stack, type StackProps, Tags, Validations } from 'aws-cdk-lib';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { AlarmTopic } from '../constructs/alarm-topic';
import { BundledFunction } from '../constructs/bundled-function';
import { CostGuardrails } from '../constructs/cost-guardrails';
import { EnvironmentSecret } from '../constructs/environment-secret';
import { IngestPipeline } from '../constructs/ingest-pipeline';
import { MemoryAlarms, pascalId } from '../constructs/memory-alarms';
import { MemoryDashboard } from '../constructs/memory-dashboard';
import { RouteLatency } from '../constructs/route-latency';
import { WebhookApi } from '../constructs/webhook-api';

export interface AgenticMemoryStackProps extends StackProps {
  /** The environment's validated configuration (`config/environments/<env>.json`). */
  readonly config: Environment;
  /** The validated agent types: bundled, with the environment's domain part, into every function. */
  readonly agentTypes: AgentTypes;
  readonly workspaceRoot: string;
  /** @default 'https://api.mem0.ai' */
  readonly mem0Host?: string;
  /** The HTTP routes. @default - the route table every deployment serves (`ROUTES`) */
  readonly routes?: readonly RouteDefinition<string>[];
  /** The roles, one function each. @default - the role table (`ROLES`) */
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

/** The p99 budget (ms) of a role's replies, from the environment's alarm settings. */
function latencyBudgets(config: Environment): Readonly<Record<string, number>> {
  return {
    'conversation-start': config.alarms.conversation_start_p99_ms,
    'memory-search': config.alarms.memory_search_p99_ms,
    'webhook-intake': config.alarms.intake_p99_ms,
  };
}

/** CodeDeploy's traffic shifting from the environment's `deployment` settings. */
function deploymentConfig(scope: Construct, config: Environment): codedeploy.ILambdaDeploymentConfig {
  const d = config.deployment;
  if (d.strategy === 'all-at-once') return codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE;
  const interval = Duration.minutes(d.interval_minutes ?? 0);
  const percentage = d.percent ?? 0;
  return new codedeploy.LambdaDeploymentConfig(scope, 'DeploymentConfig', {
    trafficRouting:
      d.strategy === 'canary'
        ? new codedeploy.TimeBasedCanaryTrafficRouting({ interval, percentage })
        : new codedeploy.TimeBasedLinearTrafficRouting({ interval, percentage }),
  });
}

/**
 * One environment of Agentic Memory: the HTTP API (per-class throttles; admin routes behind IAM),
 * one function per role (call start and recall with provisioned concurrency where the environment
 * asks), the ingest pipeline, the environment's secret, the alarm topic, dashboard and alarms,
 * CodeDeploy on every `live` alias, and the budget. Thin: every concern is a construct.
 */
export class AgenticMemoryStack extends Stack {
  public readonly api: WebhookApi;
  public readonly functions: Readonly<Record<FunctionRole, BundledFunction>>;
  public readonly pipeline: IngestPipeline;
  public readonly secret: EnvironmentSecret;
  public readonly alarmTopic: AlarmTopic;
  public readonly dashboard: MemoryDashboard;
  public readonly alarms: MemoryAlarms;
  public readonly guardrails: CostGuardrails;
  public readonly deploymentGroups: Readonly<Record<string, codedeploy.LambdaDeploymentGroup>>;

  constructor(scope: Construct, id: string, props: AgenticMemoryStackProps) {
    super(scope, id, props);
    const { config } = props;
    const name = config.name;
    const configFile = `config/environments/${name}.json`;
    if (config.alarms.recipients.length === 0 && !config.alarms.no_recipients_reason) {
      throw new ConfigValidationError(configFile, [
        {
          path: 'alarms.recipients',
          problem: 'expected at least one address to notify of alarms (or alarms.no_recipients_reason, the explicit opt-out)',
        },
      ]);
    }
    for (const address of [...config.alarms.recipients, ...config.budget.recipients]) {
      if (/@example\.(com|org|net)$|\.invalid$/i.test(address))
        Annotations.of(this).addWarningV2(
          'agentic-memory:placeholder-recipient',
          `${address} is a placeholder: put a real address in ${configFile}`,
        );
    }
    // Dashboards and scalable targets cost nothing and cfn-lint's resource spec does not know their Tags yet.
    for (const [key, value] of Object.entries(costTags(name))) {
      Tags.of(this).add(key, value, {
        excludeResourceTypes: ['AWS::CloudWatch::Dashboard', 'AWS::ApplicationAutoScaling::ScalableTarget'],
      });
    }
    const logRetention = config.retention.log_days as logs.RetentionDays;

    this.secret = new EnvironmentSecret(this, 'Secret', {
      existingSecret: config.secret.existing_name
        ? secretsmanager.Secret.fromSecretNameV2(this, 'AdoptedSecret', config.secret.existing_name)
        : undefined,
    });
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

    const routes = props.routes ?? ROUTES;
    const adminRoles = new Set(routes.filter((r) => routeClass(r) === 'admin').map((r) => r.role));
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
      if (!settings) throw new Error(`${configFile} has no functions.${role} settings`);
      const pc = settings.provisioned_concurrency;
      functions[role] = new BundledFunction(this, pascalId(role), {
        workspaceRoot: props.workspaceRoot,
        entry: functionEntry(role, roles[role]),
        roleConfig,
        functionName: ResourceNames.function(name, role as FunctionRole),
        memorySize: settings.memory_mb,
        timeout: Duration.seconds(settings.timeout_s),
        // Admin routes are authorised by API Gateway (IAM) on AWS: the function checks the identity it was given.
        environment: adminRoles.has(role) ? { ...environment, ADMIN_AUTH: 'iam' } : environment,
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

    this.api = new WebhookApi(this, 'Api', { apiName: ResourceNames.api(name), accessLogRetention: logRetention });
    // Reconciliation takes only the agents whose post-call webhook points at this API.
    fns.reconcile.function.addEnvironment('AGENTIC_MEMORY_BASE_URL', this.api.url);
    const throttles = config.api.throttles;
    for (const role of new Set(routes.map((r) => r.role))) {
      const fn = byRole[role];
      if (!fn) throw new Error(`route ${routes.find((r) => r.role === role)?.path} names role ${role}, which has no function`);
      for (const method of new Set(routes.filter((r) => r.role === role).map((r) => r.method))) {
        const classes = new Set(routes.filter((r) => r.role === role && r.method === method).map(routeClass));
        for (const cls of classes) {
          const paths = routes.filter((r) => r.role === role && r.method === method && routeClass(r) === cls).map((r) => r.path);
          const limits = throttles[cls];
          const integrationId = `${pascalId(role)}${method === 'POST' ? '' : pascalId(method)}${classes.size > 1 ? pascalId(cls) : ''}`;
          this.api.addRoutes(integrationId, HttpMethod[method], paths, fn.alias, {
            throttle: { rateLimit: limits.rate_per_s, burstLimit: limits.burst },
            authorization: cls === 'admin' ? 'iam' : 'none',
          });
        }
      }
    }

    this.alarmTopic = new AlarmTopic(this, 'Alarms', {
      displayName: `Agentic Memory ${name} alarms`,
      recipients: config.alarms.recipients,
    });
    const callPathRoutes = routes.filter((r) => routeClass(r) === 'call-path');
    const routeKey = (r: RouteDefinition<string>) => `${r.method} ${r.path}`;
    this.dashboard = new MemoryDashboard(this, 'Dashboard', {
      environmentName: name,
      dashboardName: ResourceNames.dashboard(name),
      functions: fns,
      roles,
      httpApi: this.api.httpApi,
      accessLogs: this.api.accessLogs,
      callPathRoutes: callPathRoutes.map(routeKey),
      queue: this.pipeline.queue,
      deadLetterQueue: this.pipeline.deadLetterQueue,
    });
    const budgets = latencyBudgets(config);
    const routeLatency =
      callPathRoutes.length > 0
        ? new RouteLatency(this, 'RouteLatency', {
            accessLogs: this.api.accessLogs,
            apiId: this.api.httpApi.apiId,
            routeKeys: callPathRoutes.map(routeKey),
          })
        : undefined;
    this.alarms = new MemoryAlarms(this, 'Alarm', {
      environmentName: name,
      topic: this.alarmTopic.topic,
      functions: fns,
      roles,
      queue: this.pipeline.queue,
      deadLetterQueue: this.pipeline.deadLetterQueue,
      responseLatencyP99Ms: budgets,
      errorRateRoles: [
        ...new Set([
          ...routes.filter((r) => routeClass(r) !== 'admin').map((r) => r.role),
          ...Object.keys(roles).filter((r) => roles[r]?.trigger === 'queue'),
        ]),
      ],
      errorRatePercent: config.alarms.error_rate_percent,
      deadLetterMessages: config.alarms.dlq_visible_messages,
      ingestLagSeconds: config.alarms.ingest_lag_s,
      degradedPer5Min: config.alarms.degraded_per_5min,
      routeLatency: routeLatency && {
        metrics: routeLatency,
        p99Ms: Object.fromEntries(callPathRoutes.map((r) => [routeKey(r), budgets[r.role] ?? config.alarms.conversation_start_p99_ms])),
      },
    });

    // Every live alias moves to a new version through CodeDeploy, rolled back on its alarms.
    const application = new codedeploy.LambdaApplication(this, 'Deployments', { applicationName: `${ResourceNames.api(name)}` });
    const shifting = deploymentConfig(this, config);
    const groups: Record<string, codedeploy.LambdaDeploymentGroup> = {};
    for (const [role, fn] of Object.entries(fns)) {
      groups[role] = new codedeploy.LambdaDeploymentGroup(this, `${pascalId(role)}Deployment`, {
        application,
        alias: fn.alias,
        deploymentConfig: shifting,
        alarms: this.alarms.deploymentAlarms(role),
        autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
      });
      Validations.of(groups[role]).acknowledge({
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]',
        reason:
          "CodeDeploy's own managed policy for Lambda deployments: it may only update aliases and read the deployment's alarms, and AWS keeps it current with the service.",
      });
    }
    this.deploymentGroups = groups;

    this.guardrails = new CostGuardrails(this, 'Budget', {
      budgetName: ResourceNames.budget(name),
      monthlyUsd: config.budget.monthly_usd,
      actualThresholdsPercent: config.budget.alert_thresholds_percent,
      recipients: config.budget.recipients,
      topic: this.alarmTopic.topic,
      tags: costTags(name),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the webhooks' });
    new CfnOutput(this, 'ConversationInitiationWebhook', {
      value: `${this.api.url}/client-data`,
      description: 'ElevenLabs conversation-initiation webhook URL',
    });
    new CfnOutput(this, 'MemorySearchToolUrl', { value: `${this.api.url}/retrieve`, description: 'ElevenLabs memory-search tool URL' });
    new CfnOutput(this, 'PostCallWebhook', { value: `${this.api.url}/post-call`, description: 'ElevenLabs post-call webhook URL' });
    const toSet = secretsToSetBeforeTraffic(Object.keys(config.agent_map.providers) as Provider[]);
    new CfnOutput(this, 'SecretArn', {
      value: this.secret.secret.secretArn,
      description: `Set these keys of this secret (JSON) before any traffic: ${toSet.join(', ')}`,
    });
    // Printed by `cdk synth` / `cdk deploy`: the functions start without them, but refuse or degrade until they are set.
    Annotations.of(this).addInfo(
      `after deploying, set these keys of the environment secret (SecretArn output) before any traffic: ${toSet.join(', ')}`,
    );
    new CfnOutput(this, 'SecretName', { value: this.secret.secret.secretName });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarmTopic.topic.topicArn,
      description: 'Alarms notify this topic on ALARM and OK (subscribe more endpoints here)',
    });
    new CfnOutput(this, 'BlobBucket', { value: this.pipeline.bucket.bucketName });
    new CfnOutput(this, 'IngestQueueUrl', {
      value: this.pipeline.queue.queueUrl,
      description: 'The ingest FIFO queue (for pnpm cost-report and pnpm migrate backfill run from a workstation)',
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: this.pipeline.deadLetterQueue.queueUrl,
      description: 'Calls that could not be ingested after the configured receives (inspect, then redrive)',
    });
    const invoke = this.api.invokePolicy;
    if (invoke) {
      new CfnOutput(this, 'AdminInvokePolicyArn', {
        value: invoke.managedPolicyArn,
        description: 'Attach to the IAM identities that may call the admin API (pnpm admin signs with SigV4)',
      });
    }
    new CfnOutput(this, 'DashboardName', { value: ResourceNames.dashboard(name) });
  }
}
