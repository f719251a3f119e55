import { findWorkspaceRoot, loadConfig, roleConfigOf } from '@agentic-memory/config';
import { functionEntry } from '@agentic-memory/function-kit/contracts';
import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { BundledFunction, type BundledFunctionProps } from '../../lib/constructs/bundled-function';
import { bareStack, bareTemplate } from '../support';

const base: BundledFunctionProps = {
  workspaceRoot: findWorkspaceRoot(),
  entry: functionEntry('conversation-start'),
  roleConfig: roleConfigOf(loadConfig('dev')),
  memorySize: 512,
  timeout: Duration.seconds(10),
};

describe('BundledFunction', () => {
  it('runs nodejs24.x on arm64 with its own log group, a role that writes only there, and a live alias', () => {
    const stack = bareStack();
    const fn = new BundledFunction(stack, 'Start', { ...base, environment: { A: 'b' } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 10,
      Environment: { Variables: { A: 'b' } },
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^StartLogs') } },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            Resource: [
              { 'Fn::GetAtt': [Match.stringLikeRegexp('^StartLogs'), 'Arn'] },
              { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^StartLogs'), 'Arn'] }, ':*']] },
            ],
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live' });
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
    expect(fn.scaling).toBeUndefined();
  });

  it('leaves provisioned concurrency to Application Auto Scaling: no value on the alias that a redeploy would reset', () => {
    const template = bareTemplate(
      (stack) =>
        new BundledFunction(stack, 'Start', {
          ...base,
          provisionedConcurrency: {
            min: 1,
            max: 4,
            targetUtilization: 0.7,
            schedule: [
              { name: 'BusinessHours', cron: { hour: '8', minute: '0', weekDay: 'MON-FRI' }, timeZone: 'America/New_York', min: 2, max: 4 },
            ],
          },
        }),
    );
    template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live', ProvisionedConcurrencyConfig: Match.absent() });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 1,
      MaxCapacity: 4,
      ScalableDimension: 'lambda:function:ProvisionedConcurrency',
      ScheduledActions: [
        Match.objectLike({
          ScheduledActionName: 'BusinessHours',
          Timezone: 'America/New_York',
          ScalableTargetAction: { MinCapacity: 2, MaxCapacity: 4 },
        }),
      ],
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: 0.7,
        PredefinedMetricSpecification: { PredefinedMetricType: 'LambdaProvisionedConcurrencyUtilization' },
      },
    });
  });
});
