import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot, MAX_LAMBDA_BODY_BYTES } from '@agentic-memory/config';
import {
  BLOB_ACCESS,
  type FunctionRole,
  METRIC_NAMESPACE,
  METRICS,
  ROLES,
  ROLLUP_DIMENSIONS,
  ROUTES,
  routeClass,
  secretsToSetBeforeTraffic,
} from '@agentic-memory/function-kit/contracts';
import type { Provider } from '@agentic-memory/memory-core';
import { CfnResource, TagManager } from 'aws-cdk-lib';
import { Annotations, Match, type Template } from 'aws-cdk-lib/assertions';
import { pascalId } from '../lib/constructs/memory-alarms';
import { environmentConfig, normalizeTemplate, synthStack } from './support';

const prod = synthStack('prod');
const dev = synthStack('dev');
const prodConfig = environmentConfig('prod');

type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };
const resourcesOf = (template: Template, type: string) => template.findResources(type) as Record<string, Resource>;
const idOf = (template: Template, type: string, prefix: string) => {
  const id = Object.keys(resourcesOf(template, type)).find((k) => k.startsWith(prefix));
  if (!id) throw new Error(`no ${type} ${prefix}…`);
  return id;
};

describe('HTTP API', () => {
  it('routes every route of the table to its role’s live alias', () => {
    const keys = Object.values(resourcesOf(prod.template, 'AWS::ApiGatewayV2::Route'))
      .map((r) => r.Properties.RouteKey as string)
      .sort();
    expect(keys).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const integration of Object.values(resourcesOf(prod.template, 'AWS::ApiGatewayV2::Integration'))) {
      expect(integration.Properties.IntegrationUri).toEqual({ Ref: expect.stringMatching(/Live/) });
      expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
    }
  });

  it('throttles each route with its class’s limits from the environment, and has no shared stage-wide limit', () => {
    const stage = Object.values(resourcesOf(prod.template, 'AWS::ApiGatewayV2::Stage'))[0];
    expect(stage?.Properties.DefaultRouteSettings).toBeUndefined();
    const expected = Object.fromEntries(
      ROUTES.map((r) => {
        const t = prodConfig.api.throttles[routeClass(r)];
        return [`${r.method} ${r.path}`, { ThrottlingRateLimit: t.rate_per_s, ThrottlingBurstLimit: t.burst }];
      }),
    );
    expect(stage?.Properties.RouteSettings).toEqual(expected);
    // The classes really differ in prod: the admin API cannot starve the call path.
    expect(prodConfig.api.throttles.admin.rate_per_s).toBeLessThan(prodConfig.api.throttles['call-path'].rate_per_s);
  });

  it('authorises the admin routes with IAM and the platform routes in the function; the invoke policy covers exactly the admin routes', () => {
    for (const route of Object.values(resourcesOf(prod.template, 'AWS::ApiGatewayV2::Route'))) {
      const def = ROUTES.find((r) => `${r.method} ${r.path}` === route.Properties.RouteKey);
      expect({ key: route.Properties.RouteKey, auth: route.Properties.AuthorizationType }).toEqual({
        key: route.Properties.RouteKey,
        auth: def && routeClass(def) === 'admin' ? 'AWS_IAM' : 'NONE',
      });
    }
    const policy = Object.values(resourcesOf(prod.template, 'AWS::IAM::ManagedPolicy'))[0];
    if (!policy) throw new Error('no invoke policy');
    const resources = JSON.stringify((policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement);
    for (const r of ROUTES.filter((x) => routeClass(x) === 'admin'))
      expect(resources).toContain(`/$default/${r.method}${r.path.replace(/\{[^}]+\}/g, '*')}`);
    prod.template.hasOutput('AdminInvokePolicyArn', { Value: { Ref: Match.stringLikeRegexp('^ApiAdminInvoke') } });
    // The function of the admin routes knows API Gateway checked the caller; no other function is told so.
    for (const [id, fn] of Object.entries(resourcesOf(prod.template, 'AWS::Lambda::Function'))) {
      const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect({ id, admin: vars.ADMIN_AUTH }).toEqual({ id, admin: id.startsWith('Insights') ? 'iam' : undefined });
    }
  });
});

describe('functions', () => {
  it('one per role, on nodejs24.x arm64, with their own log group, memory and timeout from the environment', () => {
    const fns = Object.values(resourcesOf(prod.template, 'AWS::Lambda::Function'));
    expect(fns.length).toBe(Object.keys(ROLES).length);
    for (const fn of fns)
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], Handler: 'index.handler' });
    prod.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'agentic-memory-prod-conversation-start',
      MemorySize: prodConfig.functions['conversation-start'].memory_mb,
      Timeout: prodConfig.functions['conversation-start'].timeout_s,
    });
  });

  it('carry configuration, never secret values, in their environment', () => {
    for (const fn of Object.values(resourcesOf(prod.template, 'AWS::Lambda::Function'))) {
      const vars = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(vars).toMatchObject({
        AGENTIC_MEMORY_ENV: 'prod',
        MEMORY_STORE: 'mem0',
        SECRET_ARN: { Ref: expect.stringMatching(/^Secret/) },
      });
      for (const name of Object.keys(vars)) expect(name).not.toMatch(/KEY$|SECRET$|PEPPER|PASSWORD/);
    }
  });

  it('leave provisioned concurrency to autoscaling (target 0.7 and the schedule), never on the alias a redeploy would reset', () => {
    for (const alias of Object.values(resourcesOf(prod.template, 'AWS::Lambda::Alias')))
      expect(alias.Properties.ProvisionedConcurrencyConfig).toBeUndefined();
    const provisioned = Object.keys(ROLES).filter((r) => prodConfig.functions[r as FunctionRole].provisioned_concurrency);
    expect(provisioned.length).toBeGreaterThan(0);
    for (const role of provisioned) {
      const pc = prodConfig.functions[role as FunctionRole].provisioned_concurrency;
      prod.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
        ResourceId: {
          'Fn::Join': [
            '',
            [
              'function:',
              Match.objectLike({ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: Match.stringLikeRegexp(`^${pascalId(role)}Live`) }] }] }),
              ':live',
            ],
          ],
        },
        MinCapacity: pc?.min,
        MaxCapacity: pc?.max,
        ScheduledActions: !pc?.schedule.length
          ? Match.absent()
          : pc.schedule.map((s) =>
              Match.objectLike({
                ScheduledActionName: s.name,
                Timezone: s.time_zone,
                ScalableTargetAction: { MinCapacity: s.min, MaxCapacity: s.max },
              }),
            ),
      });
    }
    prod.template.resourcePropertiesCountIs(
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      { TargetTrackingScalingPolicyConfiguration: Match.objectLike({ TargetValue: 0.7 }) },
      provisioned.length,
    );
    dev.template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
  });

  it('move to a new version through CodeDeploy with the environment’s strategy, rolling back on the role’s alarms', () => {
    prod.template.resourceCountIs('AWS::CodeDeploy::DeploymentGroup', Object.keys(ROLES).length);
    prod.template.hasResourceProperties('AWS::CodeDeploy::DeploymentConfig', {
      ComputePlatform: 'Lambda',
      TrafficRoutingConfig: {
        Type: 'TimeBasedCanary',
        TimeBasedCanary: { CanaryPercentage: prodConfig.deployment.percent, CanaryInterval: prodConfig.deployment.interval_minutes },
      },
    });
    const start = resourcesOf(prod.template, 'AWS::CodeDeploy::DeploymentGroup')[
      idOf(prod.template, 'AWS::CodeDeploy::DeploymentGroup', 'ConversationStartDeployment')
    ];
    expect(start?.Properties).toMatchObject({
      AutoRollbackConfiguration: { Enabled: true, Events: expect.arrayContaining(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']) },
      AlarmConfiguration: {
        Enabled: true,
        Alarms: [
          { Name: { Ref: expect.stringMatching(/^AlarmConversationStartP99/) } },
          { Name: { Ref: expect.stringMatching(/^AlarmConversationStartAliasErrors/) } },
        ],
      },
    });
    prod.template.hasResource('AWS::Lambda::Alias', {
      UpdatePolicy: { CodeDeployLambdaAliasUpdate: Match.objectLike({ DeploymentGroupName: Match.anyValue() }) },
    });
    dev.template.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', { DeploymentConfigName: 'CodeDeployDefault.LambdaAllAtOnce' });
  });
});

describe('least privilege (IAM policies, per role, from BLOB_ACCESS)', () => {
  const bucket = { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineBlobs'), 'Arn'] };
  const under = (prefix: string) => ({ 'Fn::Join': ['', [bucket, `/${prefix}*`]] });

  /** The statements of every policy attached to a role's execution role, one action and one resource per entry. */
  function grants(role: string): { action: string; resource: string; condition?: unknown }[] {
    const roleId = idOf(prod.template, 'AWS::IAM::Role', `${pascalId(role)}Role`);
    const out: { action: string; resource: string; condition?: unknown }[] = [];
    for (const policy of Object.values(resourcesOf(prod.template, 'AWS::IAM::Policy'))) {
      if (!(policy.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId }))) continue;
      for (const s of (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement) {
        expect(s.Effect).toBe('Allow');
        for (const action of [s.Action].flat() as string[])
          for (const resource of [s.Resource].flat()) out.push({ action, resource: JSON.stringify(resource), condition: s.Condition });
      }
    }
    return out;
  }

  it.each(Object.keys(ROLES))('%s may touch the bucket only under the prefixes BLOB_ACCESS gives it', (role) => {
    const access = BLOB_ACCESS[role as FunctionRole] ?? { get: [], put: [], delete: [] };
    const s3 = grants(role).filter((g) => g.action.startsWith('s3:'));
    const known = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:ListBucket', 's3:ListBucketVersions'];
    for (const g of s3) expect(known).toContain(g.action);
    for (const [action, prefixes] of [
      ['s3:GetObject', access.get],
      ['s3:PutObject', access.put],
      ['s3:DeleteObject', access.delete],
      ['s3:DeleteObjectVersion', access.delete],
    ] as const) {
      const granted = s3.filter((g) => g.action === action).map((g) => JSON.parse(g.resource));
      expect(granted.length).toBe(prefixes.length);
      for (const prefix of prefixes) expect(granted.some((r) => Match.objectLike(under(prefix)).test(r).isSuccess)).toBe(true);
    }
    for (const [action, prefixes] of [
      ['s3:ListBucket', access.get],
      ['s3:ListBucketVersions', access.delete],
    ] as const) {
      const list = s3.filter((g) => g.action === action);
      if (prefixes.length === 0) expect(list).toEqual([]);
      else {
        expect(list).toHaveLength(1);
        expect(Match.objectLike(bucket).test(JSON.parse(list[0]?.resource ?? '{}')).isSuccess).toBe(true);
        const condition = list[0]?.condition as { StringLike: { 's3:prefix': string | string[] } } | undefined;
        const allowed = [condition?.StringLike['s3:prefix'] ?? []].flat();
        expect(allowed.sort()).toEqual(prefixes.map((p) => `${p}*`).sort());
      }
    }
  });

  it('lets only the intake and reconciliation send to the queue (the worker to the DLQ), every role read the secret, no wildcard action', () => {
    for (const role of Object.keys(ROLES)) {
      const actions = grants(role).map((g) => g.action);
      // The intake and reconciliation send to the ingest queue; the worker only to the dead-letter queue (poison messages).
      const sends = grants(role)
        .filter((g) => g.action.startsWith('sqs:Send'))
        .map((g) => g.resource);
      const queue =
        role === 'webhook-intake' || role === 'reconcile' ? 'PipelineIngest' : role === 'ingest-worker' ? 'PipelineDeadLetters' : null;
      expect(sends.length > 0).toBe(queue !== null);
      for (const target of sends) expect(target).toContain(String(queue));
      expect(actions).toEqual(expect.arrayContaining(['secretsmanager:GetSecretValue']));
      for (const action of actions) expect(action).not.toMatch(/\*/);
    }
    prod.template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: idOf(prod.template, 'AWS::IAM::Role', 'CostReportRole') }],
      PolicyDocument: {
        Statement: Match.arrayWith([{ Effect: 'Allow', Action: ['ce:GetCostAndUsage', 'cloudwatch:GetMetricData'], Resource: '*' }]),
      },
    });
  });
});

describe('ingest pipeline', () => {
  it('expires each prefix after the environment’s retention, and wires the worker with partial batch failures', () => {
    prod.template.hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'raw/', ExpirationInDays: prodConfig.retention.raw_payload_days }),
          Match.objectLike({ Prefix: 'audio/', ExpirationInDays: prodConfig.retention.audio_days }),
        ]),
      },
    });
    prod.template.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: prodConfig.ingest.visibility_timeout_s,
      RedrivePolicy: { maxReceiveCount: prodConfig.ingest.dlq_max_receives, deadLetterTargetArn: Match.anyValue() },
    });
    prod.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: prodConfig.ingest.batch_size,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: prodConfig.ingest.max_concurrency },
    });
  });
});

describe('secret', () => {
  it('has no fixed name (a retained secret never blocks a redeploy) and is deleted only when the first creation rolls back', () => {
    prod.template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'RetainExceptOnCreate',
      Properties: {
        Name: Match.absent(),
        SecretString: Match.absent(),
        GenerateSecretString: Match.objectLike({ GenerateStringKey: 'CALLER_ID_PEPPER' }),
      },
    });
  });

  it('says in the outputs which values to set before traffic', () => {
    const needed = secretsToSetBeforeTraffic(Object.keys(prodConfig.agent_map.providers) as Provider[]);
    prod.template.hasOutput('SecretArn', { Description: Match.stringLikeRegexp(`before any traffic: ${needed.join(', ')}`) });
    expect(needed).toEqual(expect.arrayContaining(['MEM0_API_KEY', 'ELEVENLABS_WORKSPACE_KEY', 'ELEVENLABS_HMAC_KEY']));
    Annotations.fromStack(prod.stack).hasInfo('*', Match.stringLikeRegexp(`before any traffic: ${needed.join(', ')}`));
  });

  it('adopts an existing secret by name when the environment says so', () => {
    const adopted = synthStack('dev', (c) => ({ ...c, secret: { existing_name: 'agentic-memory/dev' } }));
    adopted.template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    adopted.template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Effect: 'Allow',
            Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
            Resource: 'arn:aws:secretsmanager:us-east-1:111111111111:secret:agentic-memory/dev-??????',
          },
        ]),
      },
    });
  });
});

describe('alarms are delivered', () => {
  it('staging and prod refuse to synth without a recipient unless the opt-out says why; dev opts out', () => {
    for (const name of ['staging', 'prod']) {
      expect(() => synthStack(name, (c) => ({ ...c, alarms: { ...c.alarms, recipients: [] } }))).toThrow(
        /alarms\.recipients: expected at least one address to notify of alarms \(or alarms\.no_recipients_reason/,
      );
      expect(() =>
        synthStack(name, (c) => ({
          ...c,
          alarms: { ...c.alarms, recipients: [], no_recipients_reason: 'a load-test copy nobody watches' },
        })),
      ).not.toThrow();
    }
    expect(environmentConfig('dev').alarms.no_recipients_reason?.length).toBeGreaterThanOrEqual(20);
    Annotations.fromStack(prod.stack).hasWarning('*', Match.stringLikeRegexp('oncall@example.com is a placeholder'));
  });

  it('lets CloudWatch publish to the topic, notifies on ALARM and OK, and outputs the topic and the DLQ', () => {
    prod.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
          }),
          Match.objectLike({ Sid: 'AllowBudgetsToPublish', Principal: { Service: 'budgets.amazonaws.com' } }),
        ]),
      },
    });
    prod.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: prodConfig.alarms.recipients[0] });
    const notifying = Object.values(resourcesOf(prod.template, 'AWS::CloudWatch::Alarm')).filter((a) => a.Properties.AlarmActions);
    expect(notifying.length).toBeGreaterThan(10);
    for (const alarm of notifying) expect(alarm.Properties.OKActions).toEqual(alarm.Properties.AlarmActions);
    prod.template.hasOutput('AlarmTopicArn', { Value: { Ref: Match.stringLikeRegexp('^AlarmsTopic') } });
    prod.template.hasOutput('DeadLetterQueueUrl', { Value: { Ref: Match.stringLikeRegexp('^PipelineDeadLetters') } });
  });

  it('alarms on API Gateway latency (access logs) per call-path route with its role’s budget, and on a failed cost report', () => {
    const callPath = ROUTES.filter((r) => routeClass(r) === 'call-path');
    for (const route of callPath) {
      const budget =
        route.role === 'conversation-start' ? prodConfig.alarms.conversation_start_p99_ms : prodConfig.alarms.memory_search_p99_ms;
      prod.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Metrics: [
          Match.objectLike({
            MetricStat: Match.objectLike({
              Metric: {
                Namespace: 'AgenticMemory/Api',
                MetricName: 'RouteLatency',
                Dimensions: [
                  { Name: 'apiId', Value: { Ref: Match.stringLikeRegexp('^Api') } },
                  { Name: 'routeKey', Value: `${route.method} ${route.path}` },
                ],
              },
              Stat: 'p99',
            }),
          }),
        ],
        Threshold: budget,
      });
    }
    prod.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      MetricTransformations: [Match.objectLike({ MetricValue: '$.responseLatency' })],
    });
    prod.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: Match.arrayWith([{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^CostReportFunction') } }]),
      Threshold: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^AlarmsTopic') }],
    });
  });

  it('watches only catalogued custom metrics, by the rollup dimension set', () => {
    let custom = 0;
    for (const alarm of Object.values(resourcesOf(prod.template, 'AWS::CloudWatch::Alarm'))) {
      const p = alarm.Properties as {
        Namespace?: string;
        MetricName?: string;
        Dimensions?: { Name: string }[];
        Metrics?: { MetricStat?: { Metric: unknown } }[];
      };
      for (const m of [p, ...(p.Metrics ?? []).map((x) => x.MetricStat?.Metric)].filter(Boolean) as (typeof p)[]) {
        if (m.Namespace !== METRIC_NAMESPACE) continue;
        custom += 1;
        expect(Object.keys(METRICS)).toContain(m.MetricName);
        expect((m.Dimensions ?? []).map((d) => d.Name).sort()).toEqual([...ROLLUP_DIMENSIONS].sort());
      }
    }
    expect(custom).toBeGreaterThanOrEqual(5);
  });
});

describe('cost-allocation tags', () => {
  it('are on every taggable resource of the stack (dashboards and scalable targets excepted, on purpose)', () => {
    const resources = prod.template.toJSON().Resources as Record<string, Resource>;
    const excepted = new Set(['AWS::CloudWatch::Dashboard', 'AWS::ApplicationAutoScaling::ScalableTarget']);
    let checked = 0;
    for (const construct of prod.stack.node.findAll()) {
      if (!CfnResource.isCfnResource(construct) || !TagManager.isTaggable(construct)) continue;
      const id = prod.stack.getLogicalId(construct);
      const resource = resources[id];
      if (!resource || excepted.has(resource.Type)) continue;
      const property = construct.tags.tagPropertyName;
      const rendered = resource.Properties?.[property.charAt(0).toUpperCase() + property.slice(1)];
      const tags = Array.isArray(rendered)
        ? Object.fromEntries((rendered as { Key: string; Value: string }[]).map((t) => [t.Key, t.Value]))
        : (rendered as Record<string, string> | undefined);
      expect({ id, type: resource.Type, tags: { Project: tags?.Project, Environment: tags?.Environment } }).toEqual({
        id,
        type: resource.Type,
        tags: { Project: 'agentic-memory', Environment: 'prod' },
      });
      checked += 1;
    }
    expect(checked).toBeGreaterThan(30);
  });
});

describe('limits', () => {
  it('every environment’s body limit fits Lambda after API Gateway’s base64 encoding', () => {
    for (const name of ['local', 'dev', 'staging', 'prod'])
      expect(environmentConfig(name).limits.max_body_bytes).toBeLessThanOrEqual(MAX_LAMBDA_BODY_BYTES);
  });
});

describe('one masked snapshot (prod)', () => {
  it('prod', () => {
    expect(normalizeTemplate(prod.template.toJSON())).toMatchSnapshot();
  });
});

describe('configuration at synth', () => {
  it('fails synth naming the field when an environment value is wrong', () => {
    const root = findWorkspaceRoot();
    const dir = mkdtempSync(join(tmpdir(), 'am-badcfg-'));
    try {
      cpSync(join(root, 'config'), dir, { recursive: true });
      const file = join(dir, 'environments', 'prod.json');
      const json = JSON.parse(readFileSync(file, 'utf8'));
      json.ingest.visibility_timeout_s = 10;
      json.alarms.recipients = [];
      writeFileSync(file, JSON.stringify(json));
      const synth = () =>
        spawnSync(process.execPath, ['--import', 'tsx', join(root, 'infra', 'bin', 'app.ts')], {
          cwd: root,
          env: {
            ...process.env,
            AGENTIC_MEMORY_CONFIG_DIR: dir,
            CDK_CONTEXT_JSON: JSON.stringify({ env: 'prod', 'aws:cdk:bundling-stacks': [] }),
            CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'am-cdkout-')),
          },
          encoding: 'utf8',
        });
      const run = synth();
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('ingest.visibility_timeout_s: expected at least 6 × functions.ingest-worker.timeout_s');
      // With the schema satisfied, the stack's own rule (a recipient or the opt-out) stops synth the same way.
      json.ingest.visibility_timeout_s = 360;
      writeFileSync(file, JSON.stringify(json));
      const second = synth();
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('alarms.recipients: expected at least one address');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('cost report', () => {
  it('runs daily on a schedule', () => {
    prod.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(30 6 * * ? *)', State: 'ENABLED' });
  });
});

describe('reconcile', () => {
  it('runs hourly at :15, is told this API, and may send to the ingest queue', () => {
    prod.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(15 * * * ? *)', State: 'ENABLED' });
    prod.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'agentic-memory-prod-reconcile',
      Environment: { Variables: Match.objectLike({ AGENTIC_MEMORY_BASE_URL: Match.anyValue(), INGEST_QUEUE_URL: Match.anyValue() }) },
    });
  });

  it('alarms when calls are recovered in 3 consecutive hourly runs', () => {
    const alarm = Object.entries(resourcesOf(prod.template, 'AWS::CloudWatch::Alarm')).find(([id]) =>
      id.startsWith('AlarmReconcileReconciledCalls'),
    )?.[1];
    expect(alarm?.Properties).toMatchObject({
      Threshold: 1,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      Metrics: [
        expect.objectContaining({
          MetricStat: expect.objectContaining({
            Metric: expect.objectContaining({
              MetricName: 'ReconciledCalls',
              Dimensions: expect.arrayContaining([{ Name: 'role', Value: 'reconcile' }]),
            }),
            Period: 3600,
            Stat: 'Sum',
          }),
        }),
      ],
    });
  });
});
