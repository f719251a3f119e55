import { METRIC_NAMESPACE } from '@agentic-memory/function-kit/contracts';
import type { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FIVE_MINUTES } from './catalogue-metric';

/** Where the access-log latency metric is published (not a catalogue metric: no function emits it). */
export const ROUTE_LATENCY_NAMESPACE = `${METRIC_NAMESPACE}/Api`;
export const ROUTE_LATENCY_METRIC = 'RouteLatency';

export interface RouteLatencyProps {
  /** The API's JSON access logs (fields `apiId`, `routeKey`, `responseLatency` as a number). */
  readonly accessLogs: logs.ILogGroup;
  /** The API whose routes are measured (the `apiId` dimension keeps environments apart). */
  readonly apiId: string;
  /** Route keys to measure (`POST /client-data`, …); at least one. */
  readonly routeKeys: readonly string[];
}

/**
 * API Gateway's own latency per route — cold starts and gateway time included, which the
 * handler's timing cannot see — as a metric from the access logs: one metric filter publishes
 * `responseLatency` with the dimensions `apiId` and `routeKey` for the given routes only.
 * CloudWatch bills a custom metric only for the dimension values that receive data.
 */
export class RouteLatency extends Construct {
  public readonly metricFilter: logs.MetricFilter;
  public readonly routeKeys: readonly string[];
  private readonly apiId: string;

  constructor(scope: Construct, id: string, props: RouteLatencyProps) {
    super(scope, id);
    if (props.routeKeys.length === 0) throw new Error('RouteLatency needs at least one route key');
    for (const key of props.routeKeys) {
      if (!/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/[\w{}/.+-]*$/.test(key)) throw new Error(`not a route key: "${key}"`);
    }
    this.routeKeys = [...props.routeKeys];
    this.apiId = props.apiId;
    const pattern = `{ ${props.routeKeys.map((k) => `($.routeKey = "${k}")`).join(' || ')} }`;
    if (pattern.length > 1024) throw new Error(`the route filter is ${pattern.length} characters; CloudWatch Logs accepts 1024`);
    this.metricFilter = new logs.MetricFilter(this, 'Filter', {
      logGroup: props.accessLogs,
      filterPattern: logs.FilterPattern.literal(pattern),
      metricNamespace: ROUTE_LATENCY_NAMESPACE,
      metricName: ROUTE_LATENCY_METRIC,
      metricValue: '$.responseLatency',
      dimensions: { apiId: '$.apiId', routeKey: '$.routeKey' },
      unit: cloudwatch.Unit.MILLISECONDS,
    });
  }

  /** The latency of one measured route. */
  metric(routeKey: string, statistic = 'p99', period: Duration = FIVE_MINUTES): cloudwatch.Metric {
    if (!this.routeKeys.includes(routeKey)) throw new Error(`${routeKey} is not measured (${this.routeKeys.join(', ')})`);
    return new cloudwatch.Metric({
      namespace: ROUTE_LATENCY_NAMESPACE,
      metricName: ROUTE_LATENCY_METRIC,
      dimensionsMap: { apiId: this.apiId, routeKey },
      statistic,
      period,
      unit: cloudwatch.Unit.MILLISECONDS,
      label: `${routeKey} ${statistic}`,
    });
  }
}
