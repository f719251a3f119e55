import { Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ROUTE_LATENCY_METRIC, ROUTE_LATENCY_NAMESPACE, RouteLatency } from '../../lib/constructs/route-latency';
import { bareStack } from '../support';

describe('RouteLatency', () => {
  it('publishes responseLatency per API and route key for the given routes only', () => {
    const stack = bareStack();
    const accessLogs = new logs.LogGroup(stack, 'AccessLogs');
    const latency = new RouteLatency(stack, 'Latency', {
      accessLogs,
      apiId: 'abc123',
      routeKeys: ['POST /client-data', 'POST /v1/retell/inbound'],
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ ($.routeKey = "POST /client-data") || ($.routeKey = "POST /v1/retell/inbound") }',
      MetricTransformations: [
        {
          MetricNamespace: ROUTE_LATENCY_NAMESPACE,
          MetricName: ROUTE_LATENCY_METRIC,
          MetricValue: '$.responseLatency',
          Unit: 'Milliseconds',
          // The access log's fields: one series per API and route.
          Dimensions: ['apiId', 'routeKey'].map((field) => ({ Key: field, Value: `$.${field}` })),
        },
      ],
    });
    expect(stack.resolve(latency.metric('POST /client-data').toMetricConfig().metricStat)).toMatchObject({
      namespace: ROUTE_LATENCY_NAMESPACE,
      metricName: ROUTE_LATENCY_METRIC,
      dimensions: [
        { name: 'apiId', value: 'abc123' },
        { name: 'routeKey', value: 'POST /client-data' },
      ],
      statistic: 'p99',
    });
    expect(() => latency.metric('POST /post-call')).toThrow('POST /post-call is not measured');
  });

  it.each([
    [[], 'at least one route key'],
    [['/client-data'], 'not a route key'],
    [['POST /x" || 1'], 'not a route key'],
    [Array.from({ length: 30 }, (_, i) => `POST /v1/some-rather-long-platform-name/route-${i}`), 'CloudWatch Logs accepts 1024'],
  ])('refuses %j', (routeKeys, message) => {
    const stack = bareStack();
    expect(() => new RouteLatency(stack, 'L', { accessLogs: new logs.LogGroup(stack, 'A'), apiId: 'a', routeKeys })).toThrow(message);
  });
});
