import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@agentic-memory/config';
import { ROLES, ROUTES } from '@agentic-memory/function-kit/contracts';
import { Match } from 'aws-cdk-lib/assertions';
import { environmentConfig, normalizeTemplate, synthStack } from './support';

const prod = synthStack('prod');
const dev = synthStack('dev');
const prodConfig = environmentConfig('prod');

describe('HTTP API', () => {
  it('routes every platform path (ElevenLabs seed paths included) and the admin API to the function aliases', () => {
    const routes = prod.template.findResources('AWS::ApiGatewayV2::Route');
    const keys = Object.values(routes)
      .map((r) => r.Properties.RouteKey as string)
      .sort();
    const expected = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(keys).toEqual(expected.sort());
    expect(keys).toHaveLength(18);
    const integrations = Object.values(prod.template.findResources('AWS::ApiGatewayV2::Integration'));
    expect(integrations.length).toBe(5);
    for (const integration of integrations) {
      expect(integration.Properties.IntegrationUri).toEqual({ Ref: expect.stringMatching(/Live/) });
      expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
    }
  });

  it('throttles the stage from the environment and logs JSON with the route key, not the path', () => {
    prod.template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: {
        ThrottlingRateLimit: prodConfig.api.throttle_rate_per_s,
        ThrottlingBurstLimit: prodConfig.api.throttle_burst,
      },
      AccessLogSettings: { Format: Match.stringLikeRegexp('"routeKey":"\\$context.routeKey"') },
    });
    const stage = Object.values(prod.template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    expect(stage?.Properties.AccessLogSettings.Format).not.toContain('$context.path');
  });
});

describe('functions', () => {
  it('run on nodejs24.x arm64 with their own log group, memory and timeout from the environment', () => {
    const fns = Object.values(prod.template.findResources('AWS::Lambda::Function'));
    expect(fns.length).toBe(Object.keys(ROLES).length);
    for (const fn of fns) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: { LogGroup: expect.anything() },
      });
    }
    prod.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'agentic-memory-prod-conversation-start',
      MemorySize: prodConfig.functions['conversation-start'].memory_mb,
      Timeout: prodConfig.functions['conversation-start'].timeout_s,
    });
    prod.template.resourcePropertiesCountIs(
      'AWS::Logs::LogGroup',
      { RetentionInDays: prodConfig.retention.log_days },
      Object.keys(ROLES).length + 1,
    );
  });

  it('carry configuration, never secret values, in their environment', () => {
    for (const fn of Object.values(prod.template.findResources('AWS::Lambda::Function'))) {
      const vars = fn.Properties.Environment.Variables as Record<string, unknown>;
      expect(vars).toMatchObject({
        AGENTIC_MEMORY_ENV: 'prod',
        AWS_BACKEND: 'aws',
        MEMORY_STORE: 'mem0',
        MEM0_TELEMETRY: 'false',
        SECRET_ARN: { Ref: expect.stringMatching(/Secret/) },
      });
      for (const name of ['ELEVENLABS_WORKSPACE_KEY', 'ELEVENLABS_HMAC_KEY', 'CALLER_ID_PEPPER', 'MEM0_API_KEY', 'ADMIN_API_KEY'])
        expect(vars).not.toHaveProperty(name);
    }
  });

  it('give call start and recall provisioned concurrency with target tracking at 0.7 in prod, with the schedule', () => {
    const pc = prodConfig.functions['conversation-start'].provisioned_concurrency;
    prod.template.resourcePropertiesCountIs(
      'AWS::Lambda::Alias',
      { Name: 'live', ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: pc?.min } },
      2,
    );
    prod.template.resourcePropertiesCountIs(
      'AWS::ApplicationAutoScaling::ScalableTarget',
      { MinCapacity: pc?.min, MaxCapacity: pc?.max, ScalableDimension: 'lambda:function:ProvisionedConcurrency' },
      2,
    );
    prod.template.resourcePropertiesCountIs(
      'AWS::ApplicationAutoScaling::ScalingPolicy',
      {
        TargetTrackingScalingPolicyConfiguration: {
          TargetValue: 0.7,
          PredefinedMetricSpecification: { PredefinedMetricType: 'LambdaProvisionedConcurrencyUtilization' },
        },
      },
      2,
    );
    prod.template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      ScheduledActions: Match.arrayWith([
        Match.objectLike({
          ScheduledActionName: 'BusinessHours',
          Timezone: 'America/New_York',
          ScalableTargetAction: { MinCapacity: 4, MaxCapacity: 10 },
        }),
      ]),
    });
  });

  it('have no provisioned concurrency in dev', () => {
    dev.template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    for (const alias of Object.values(dev.template.findResources('AWS::Lambda::Alias')))
      expect(alias.Properties.ProvisionedConcurrencyConfig).toBeUndefined();
  });
});

describe('ingest pipeline', () => {
  it('keeps payloads in a private, SSL-only, encrypted, versioned bucket with lifecycle per prefix', () => {
    prod.template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'raw/', ExpirationInDays: prodConfig.retention.raw_payload_days, Status: 'Enabled' }),
          Match.objectLike({ Prefix: 'audio/', ExpirationInDays: prodConfig.retention.audio_days }),
          Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 7 } }),
        ]),
      },
    });
    prod.template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('queues on FIFO with per-group throughput and a FIFO dead-letter queue after the configured receives', () => {
    prod.template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      SqsManagedSseEnabled: true,
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
      VisibilityTimeout: prodConfig.ingest.visibility_timeout_s,
      RedrivePolicy: { maxReceiveCount: prodConfig.ingest.dlq_max_receives, deadLetterTargetArn: Match.anyValue() },
    });
    prod.template.resourcePropertiesCountIs('AWS::SQS::Queue', { FifoQueue: true }, 2);
    prod.template.resourceCountIs('AWS::SQS::QueuePolicy', 2);
    prod.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: prodConfig.ingest.batch_size,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: prodConfig.ingest.max_concurrency },
    });
  });
});

describe('least privilege', () => {
  const policyOf = (fragment: string) => {
    const policies = Object.entries(prod.template.findResources('AWS::IAM::Policy')).filter(([id]) => id.startsWith(fragment));
    return JSON.stringify(policies.map(([, p]) => p.Properties.PolicyDocument));
  };

  it('lets call start read only snapshots, and list only under that prefix', () => {
    const doc = policyOf('ConversationStartRole');
    expect(doc).toContain('/snapshots/*');
    expect(doc).toContain('"s3:prefix":["snapshots/*"]');
    expect(doc).not.toMatch(/"s3:PutObject"|\/raw\/\*|sqs:/);
  });

  it('lets the intake write raw payloads and audio and send to the queue, nothing else in S3', () => {
    const doc = policyOf('WebhookIntakeRole');
    expect(doc).toContain('"s3:PutObject"');
    expect(doc).toContain('sqs:SendMessage');
    expect(doc).not.toMatch(/"s3:GetObject"|snapshots/);
  });

  it('never grants s3:* or sqs:* or a bucket-wide object wildcard', () => {
    const all = JSON.stringify(prod.template.findResources('AWS::IAM::Policy'));
    expect(all).not.toMatch(/"s3:\*"|"sqs:\*"|"\*"\]?,"Effect":"Allow","Resource":"\*"/);
    expect(all).not.toMatch(/Arn"\]\},"\/\*"\]/);
  });
});

describe('admin API permissions', () => {
  it('lets insights write only tombstones and delete, version by version, only under the caller prefixes', () => {
    const doc = JSON.stringify(
      Object.entries(prod.template.findResources('AWS::IAM::Policy'))
        .filter(([id]) => id.startsWith('InsightsRole'))
        .map(([, p]) => p.Properties.PolicyDocument),
    );
    expect(doc).toContain('s3:DeleteObjectVersion');
    expect(doc).toContain('"s3:ListBucketVersions"');
    expect(doc).toMatch(
      /"s3:PutObject","Effect":"Allow","Resource":\{"Fn::Join":\["",\[\{"Fn::GetAtt":\["PipelineBlobs[0-9A-F]+","Arn"\]\},"\/tombstones\/\*"\]\]\}/,
    );
    expect(doc).not.toContain('sqs:');
  });
});

describe('secret, observability, budget', () => {
  it('creates the environment secret with a generated pepper and no value in the template', () => {
    prod.template.hasResourceProperties('AWS::SecretsManager::Secret', {
      Name: 'agentic-memory/prod',
      GenerateSecretString: {
        GenerateStringKey: 'CALLER_ID_PEPPER',
        SecretStringTemplate: Match.stringLikeRegexp('"ELEVENLABS_HMAC_KEY":""'),
      },
    });
    const secret = Object.values(prod.template.findResources('AWS::SecretsManager::Secret'))[0];
    expect(secret?.Properties.SecretString).toBeUndefined();
  });

  it('builds the dashboard and the alarms, and sends alarms to an SSL-only topic', () => {
    prod.template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    const alarms = prod.template.findResources('AWS::CloudWatch::Alarm');
    const callStart = Object.entries(alarms).find(([id]) => id.startsWith('ObservabilityCallStartP99'))?.[1];
    expect(callStart?.Properties).toMatchObject({
      Threshold: prodConfig.alarms.conversation_start_p99_ms,
      AlarmActions: [{ Ref: expect.stringMatching(/ObservabilityAlarms/) }],
    });
    expect(callStart?.Properties.Metrics[0].MetricStat).toMatchObject({
      Metric: {
        Namespace: 'AgenticMemory',
        MetricName: 'ResponseLatency',
        Dimensions: expect.arrayContaining([
          { Name: 'role', Value: 'conversation-start' },
          { Name: 'environment', Value: 'prod' },
          { Name: 'service', Value: 'agentic-memory' },
        ]),
      },
      Stat: 'p99',
    });
    const names = Object.keys(prod.template.findResources('AWS::CloudWatch::Alarm')).map((id) => id.replace(/[0-9A-F]{8}$/, ''));
    expect(names.sort()).toEqual(
      [
        'CallStartP99',
        'RecallP99',
        'IntakeP99',
        'ErrorRate',
        'DeadLetters',
        'OldestMessage',
        'Degraded',
        'CallStartSpillover',
        'RecallSpillover',
        'ReconciledCalls',
      ]
        .map((n) => `Observability${n}`)
        .sort(),
    );
    expect(Object.keys(dev.template.findResources('AWS::CloudWatch::Alarm')).some((id) => id.includes('Spillover'))).toBe(false);
    prod.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('scopes the monthly budget by the cost-allocation tags and notifies at 80 %, 100 % and forecast 100 %', () => {
    const withRecipients = synthStack('staging', (c) => ({
      ...c,
      budget: { ...c.budget, recipients: ['ops@example.com'] },
      alarms: { ...c.alarms, recipients: ['ops@example.com'] },
    }));
    withRecipients.template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetLimit: { Amount: environmentConfig('staging').budget.monthly_usd, Unit: 'USD' },
        TimeUnit: 'MONTHLY',
        FilterExpression: {
          And: [
            { Tags: { Key: 'Project', Values: ['agentic-memory'], MatchOptions: ['EQUALS'] } },
            { Tags: { Key: 'Environment', Values: ['staging'], MatchOptions: ['EQUALS'] } },
          ],
        },
      },
      NotificationsWithSubscribers: [
        Match.objectLike({
          Notification: { NotificationType: 'ACTUAL', Threshold: 80, ComparisonOperator: 'GREATER_THAN', ThresholdType: 'PERCENTAGE' },
        }),
        Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: 100 }) }),
        Match.objectLike({
          Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }),
          Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ops@example.com' }, Match.objectLike({ SubscriptionType: 'SNS' })],
        }),
      ],
    });
    // Without recipients, the notifications still go to the alarm topic, which lets Budgets publish.
    const committed = synthStack('staging');
    const budget = Object.values(committed.template.findResources('AWS::Budgets::Budget'))[0];
    expect(budget?.Properties.NotificationsWithSubscribers).toHaveLength(3);
    committed.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'AllowBudgetsToPublish', Principal: { Service: 'budgets.amazonaws.com' }, Action: 'sns:Publish' }),
        ]),
      },
    });
    withRecipients.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  it('tags every taggable resource with the project and environment', () => {
    const buckets = Object.values(prod.template.findResources('AWS::S3::Bucket'));
    expect(buckets[0]?.Properties.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'Project', Value: 'agentic-memory' },
        { Key: 'Environment', Value: 'prod' },
      ]),
    );
  });
});

describe('one masked snapshot per environment', () => {
  it.each(['dev', 'staging', 'prod'])('%s', (name) => {
    expect(normalizeTemplate(synthStack(name).template.toJSON())).toMatchSnapshot();
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
      writeFileSync(file, JSON.stringify(json));
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'infra', 'bin', 'app.ts')], {
        cwd: root,
        env: {
          ...process.env,
          AGENTIC_MEMORY_CONFIG_DIR: dir,
          CDK_CONTEXT_JSON: JSON.stringify({ env: 'prod', 'aws:cdk:bundling-stacks': [] }),
          CDK_OUTDIR: mkdtempSync(join(tmpdir(), 'am-cdkout-')),
        },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('ingest.visibility_timeout_s: expected at least 6 × functions.ingest-worker.timeout_s');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cost report', () => {
  it('runs daily on a schedule and may only read costs and metrics and write reports', () => {
    prod.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(30 6 * * ? *)', State: 'ENABLED' });
    const doc = JSON.stringify(
      Object.entries(prod.template.findResources('AWS::IAM::Policy'))
        .filter(([id]) => id.startsWith('CostReportRole'))
        .map(([, p]) => p.Properties.PolicyDocument),
    );
    expect(doc).toContain('"ce:GetCostAndUsage","cloudwatch:GetMetricData"');
    expect(doc).toContain('/reports/*');
    expect(doc).not.toMatch(/sqs:|s3:GetObject|s3:Delete/);
  });
});

describe('reconcile', () => {
  it('runs hourly, is told this API, may send to the queue, and touches only its prefixes', () => {
    prod.template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(15 * * * ? *)', State: 'ENABLED' });
    prod.template.hasResourceProperties('AWS::Lambda::Function', {
      FunctionName: 'agentic-memory-prod-reconcile',
      Environment: { Variables: Match.objectLike({ AGENTIC_MEMORY_BASE_URL: Match.anyValue(), INGEST_QUEUE_URL: Match.anyValue() }) },
    });
    const doc = JSON.stringify(
      Object.entries(prod.template.findResources('AWS::IAM::Policy'))
        .filter(([id]) => id.startsWith('ReconcileRole'))
        .map(([, p]) => p.Properties.PolicyDocument),
    );
    expect(doc).toContain('sqs:SendMessage');
    expect(doc).toContain('"s3:prefix":["reconcile/*","done/*","raw/*","tombstones/*"]');
    expect(doc).not.toMatch(/sqs:ReceiveMessage|s3:Delete|snapshots|analytics|ce:|cloudwatch:/);
  });

  it('alarms when calls are recovered in 3 consecutive hourly runs', () => {
    const alarm = Object.entries(prod.template.findResources('AWS::CloudWatch::Alarm')).find(([id]) =>
      id.startsWith('ObservabilityReconciledCalls'),
    )?.[1];
    expect(alarm?.Properties).toMatchObject({
      Threshold: 1,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(alarm?.Properties.Metrics[0].MetricStat).toMatchObject({
      Metric: { MetricName: 'ReconciledCalls', Dimensions: expect.arrayContaining([{ Name: 'role', Value: 'reconcile' }]) },
      Period: 3600,
      Stat: 'Sum',
    });
  });
});
