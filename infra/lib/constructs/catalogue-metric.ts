import { METRIC_NAMESPACE, METRIC_SERVICE, METRICS, type MetricDefinition, type MetricName } from '@agentic-memory/function-kit/contracts';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';

/** The period of every custom metric line and alarm unless a widget says otherwise. */
export const FIVE_MINUTES = Duration.minutes(5);

/** A metric catalogue: the kit's `METRICS` in the stack, any table of the same shape in construct tests. */
export type MetricCatalogue = Readonly<Record<string, MetricDefinition>>;

export interface CatalogueMetricOptions {
  /** @default 'Sum' */
  readonly statistic?: string;
  /** @default Duration.minutes(5) */
  readonly period?: Duration;
  /** @default `<role> <name> <statistic>` */
  readonly label?: string;
}

/**
 * A catalogue metric of one role, addressed by the rollup dimension set the functions emit with
 * (`service`, `environment`, `role`), in the catalogue's unit. The role must be one the catalogue
 * says emits the metric: a line for any other role would stay empty forever.
 */
export function catalogueMetric(
  environmentName: string,
  name: MetricName | string,
  role: string,
  options: CatalogueMetricOptions = {},
  catalogue: MetricCatalogue = METRICS,
): cloudwatch.Metric {
  const definition = catalogue[name];
  if (!definition) throw new Error(`${name} is not in the metric catalogue`);
  if (!(definition.roles as readonly string[]).includes(role)) {
    throw new Error(`${name} is not emitted by ${role} (the catalogue lists ${definition.roles.join(', ')})`);
  }
  const statistic = options.statistic ?? 'Sum';
  return new cloudwatch.Metric({
    namespace: METRIC_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: METRIC_SERVICE, environment: environmentName, role },
    statistic,
    period: options.period ?? FIVE_MINUTES,
    unit: cloudwatch.Unit[definition.unit.toUpperCase() as keyof typeof cloudwatch.Unit],
    label: options.label ?? `${role} ${name} ${statistic}`,
  });
}
