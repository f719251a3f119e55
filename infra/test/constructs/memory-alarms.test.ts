import { METRICS, ROLES } from '@agentic-memory/function-kit/contracts';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { MemoryAlarms } from '../../lib/constructs/memory-alarms';
import { RouteLatency } from '../../lib/constructs/route-latency';
import { bareStack } from '../support';
import { observedResources } from './dashboard-fixture';

function build(extra: Partial<ConstructorParameters<typeof MemoryAlarms>[2]> = {}, provisioned: string[] = []) {
  const stack = bareStack();
  const topic = new sns.Topic(stack, 'Topic');
  const resources = observedResources(stack, provisioned);
  const alarms = new MemoryAlarms(stack, 'Alarms', { environmentName: 'test', topic, ...resources, ...extra });
  return { stack, alarms, resources, template: Template.fromStack(stack) };
}

const ids = (template: Template) =>
  Object.keys(template.findResources('AWS::CloudWatch::Alarm'))
    .map((id) => id.replace(/^Alarms/, '').replace(/[0-9A-F]{8}$/, ''))
    .sort();

describe('MemoryAlarms', () => {
  it('alarms on latency, errors, the queue, degraded replies and failed scheduled runs, each notifying on ALARM and OK', () => {
    const { template } = build();
    const schedule = Object.keys(ROLES).filter((r) => ROLES[r as keyof typeof ROLES].trigger === 'schedule');
    expect(ids(template)).toEqual(
      [
        'ConversationStartP99',
        'MemorySearchP99',
        'WebhookIntakeP99',
        'ErrorRate',
        'DeadLetters',
        'OldestMessage',
        'MissingCredential',
        ...METRICS.ReconciledCalls.roles.map((r) => `${r.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}ReconciledCalls`),
        ...METRICS.DegradedReply.roles.map((r) => `${r.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}Degraded`),
        ...schedule.map((r) => `${r.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}Failed`),
        ...Object.keys(ROLES).map((r) => `${r.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase())}AliasErrors`),
      ].sort(),
    );
    const topic = { Ref: Object.keys(template.findResources('AWS::SNS::Topic'))[0] };
    for (const [id, alarm] of Object.entries(template.findResources('AWS::CloudWatch::Alarm'))) {
      if (id.includes('AliasErrors')) {
        // Kept for CodeDeploy's rollbacks: ErrorRate is the one that pages.
        expect(alarm.Properties.AlarmActions).toBeUndefined();
        continue;
      }
      expect({ id, alarm: alarm.Properties.AlarmActions, ok: alarm.Properties.OKActions }).toEqual({ id, alarm: [topic], ok: [topic] });
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: 'test: a scheduled run of cost-report failed (see its log group)',
      MetricName: 'Errors',
      Period: 3600,
      Threshold: 1,
      Dimensions: Match.arrayWith([Match.objectLike({ Name: 'Resource' })]),
    });
  });

  it('adds a spillover alarm only for provisioned functions, and route latency alarms with each route’s budget', () => {
    const stack = bareStack();
    const topic = new sns.Topic(stack, 'Topic');
    const resources = observedResources(stack, ['conversation-start']);
    const metrics = new RouteLatency(stack, 'Latency', {
      accessLogs: resources.accessLogs,
      apiId: 'abc',
      routeKeys: ['POST /client-data', 'POST /retrieve'],
    });
    new MemoryAlarms(stack, 'Alarms', {
      environmentName: 'test',
      topic,
      ...resources,
      routeLatency: { metrics, p99Ms: { 'POST /client-data': 300, 'POST /retrieve': 350 } },
    });
    const template = Template.fromStack(stack);
    expect(ids(template).filter((id) => id.includes('Spillover'))).toEqual(['ConversationStartSpillover']);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: [
        Match.objectLike({
          MetricStat: {
            Metric: {
              Namespace: 'AgenticMemory/Api',
              MetricName: 'RouteLatency',
              Dimensions: [
                { Name: 'apiId', Value: 'abc' },
                { Name: 'routeKey', Value: 'POST /retrieve' },
              ],
            },
            Stat: 'p99',
            Period: 300,
            Unit: 'Milliseconds',
          },
        }),
      ],
      Threshold: 350,
    });
    expect(
      () => new MemoryAlarms(stack, 'A2', { environmentName: 'x', topic, ...resources, routeLatency: { metrics, p99Ms: {} } }),
    ).toThrow('no p99 budget for route POST /client-data');
  });

  it('hands CodeDeploy each role’s alias errors and, where it has one, its latency budget', () => {
    const { alarms, stack } = build();
    const names = (role: string) => alarms.deploymentAlarms(role).map((a) => stack.resolve((a as { alarmName: string }).alarmName));
    expect(names('conversation-start')).toHaveLength(2);
    expect(names('cost-report')).toHaveLength(1);
  });

  it('refuses an error-rate alarm over more than 5 roles (10 metrics)', () => {
    expect(() => build({ errorRateRoles: Object.keys(ROLES) })).toThrow('at most 5 roles');
  });
});
