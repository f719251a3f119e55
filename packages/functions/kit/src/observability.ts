import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRIC_NAMESPACE, METRIC_SERVICE, METRICS, type MetricName } from './metric-catalogue';

/** The kit's one Logger: JSON lines with the role and environment on each. */
export const logger = new Logger({ serviceName: METRIC_SERVICE });

/** The kit's one Metrics instance (EMF on stdout). */
export const metrics = new Metrics({ namespace: METRIC_NAMESPACE, serviceName: METRIC_SERVICE });

/** Sets the role and environment on every log line and metric of this process. */
export function configureObservability(role: string, environment: string): void {
  logger.appendPersistentKeys({ role, environment });
  metrics.setDefaultDimensions({ environment, role });
}

/**
 * Per-invocation dimensions: the detailed set (agent type, provider — bounded values only, never a
 * caller or conversation) and the `{environment, role}` rollup that alarms use.
 */
export function setMetricContext(agentType: string | null, provider: string | null): void {
  if (metricContextSet) return;
  metricContextSet = true;
  metrics.addDimension('agent_type', agentType ?? 'none');
  metrics.addDimension('provider', provider ?? 'none');
  metrics.addDimensions({});
}

let metricContextSet = false;

/** Called at the start of each invocation. */
export function resetMetricContext(): void {
  metricContextSet = false;
}

/** Before metrics are flushed: an invocation that never learnt its agent type is counted under `none`. */
export function ensureMetricContext(provider: string | null = null): void {
  setMetricContext(null, provider);
}

/** Adds a catalogued metric with its catalogued unit. */
export function emit(name: MetricName, value = 1): void {
  metrics.addMetric(name, MetricUnit[METRICS[name].unit], value);
}

/**
 * A metric for one unit of work whose dimensions differ from the invocation's (the worker's
 * records each have their own agent type): emitted at once, with both dimension sets.
 */
export function emitSingle(name: MetricName, value: number, agentType: string | null, provider: string | null): void {
  const single = metrics.singleMetric();
  single.addDimension('agent_type', agentType ?? 'none');
  single.addDimension('provider', provider ?? 'none');
  single.addDimensions({});
  single.addMetric(name, MetricUnit[METRICS[name].unit], value);
}
