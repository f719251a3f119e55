import type { CostPeriod, CostSource, ServiceCost } from '@agentic-memory/memory-core';
import { CloudWatchClient, GetMetricDataCommand, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, GetCostAndUsageCommand } from '@aws-sdk/client-cost-explorer';

export interface CostExplorerSourceOptions {
  /** Cost-allocation tags that scope the stack (`Project`, `Environment`). */
  readonly tags: Readonly<Record<string, string>>;
  /** Lambda function name per role. */
  readonly functions: Readonly<Record<string, string>>;
  /** Roles whose `live` alias has provisioned concurrency. */
  readonly provisionedRoles: readonly string[];
  readonly endpoint?: string;
  readonly region?: string;
}

/** One day of an AWS/Lambda metric for the given dimensions. */
function lambdaDailyMetric(id: string, metricName: string, stat: 'Sum' | 'Average', dimensions: Record<string, string>): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: {
        Namespace: 'AWS/Lambda',
        MetricName: metricName,
        Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })),
      },
      Period: 86_400,
      Stat: stat,
    },
  };
}

/** Cost Explorer has never been enabled in this account: the report cannot run until it is (the run fails, loudly). */
export class CostExplorerNotEnabledError extends Error {
  constructor(detail: string) {
    super(
      `Cost Explorer is not enabled for this account (${detail}): enable it once in the Billing and Cost Management console (Cost Explorer → Launch Cost Explorer); data appears within 24 h. See the deploy guide, fresh-account prerequisites.`,
    );
    this.name = 'CostExplorerNotEnabledError';
  }
}

/**
 * CostSource on Cost Explorer (whose API lives in us-east-1) and CloudWatch: unblended cost per
 * service of the stack's tags, Lambda invocations per role, provisioned-concurrency utilisation.
 */
export class CostExplorerSource implements CostSource {
  private readonly ce: CostExplorerClient;
  private readonly cloudwatch: CloudWatchClient;

  constructor(private readonly options: CostExplorerSourceOptions) {
    const endpoint = options.endpoint ? { endpoint: options.endpoint } : {};
    this.ce = new CostExplorerClient({ region: 'us-east-1', ...endpoint });
    this.cloudwatch = new CloudWatchClient({ ...(options.region ? { region: options.region } : {}), ...endpoint });
  }

  async costByService(period: CostPeriod): Promise<readonly ServiceCost[]> {
    const tags = Object.entries(this.options.tags).map(([Key, value]) => ({ Tags: { Key, Values: [value] } }));
    const totals = new Map<string, number>();
    let token: string | undefined;
    do {
      const res = await this.send(
        new GetCostAndUsageCommand({
          TimePeriod: { Start: period.start, End: period.end },
          Granularity: 'DAILY',
          Metrics: ['UnblendedCost'],
          Filter: tags.length === 1 ? tags[0] : { And: tags },
          GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
          NextPageToken: token,
        }),
      );
      if (!res) return []; // no data yet: the report says so (no_cost_data)
      for (const day of res.ResultsByTime ?? []) {
        for (const group of day.Groups ?? []) {
          const service = group.Keys?.[0] ?? 'unknown';
          const amount = Number(group.Metrics?.UnblendedCost?.Amount ?? 0);
          if (Number.isFinite(amount)) totals.set(service, (totals.get(service) ?? 0) + amount);
        }
      }
      token = res.NextPageToken;
    } while (token);
    return [...totals.entries()].map(([service, amountUsd]) => ({ service, amountUsd }));
  }

  /** GetCostAndUsage; null when Cost Explorer has no data for the period yet. */
  private async send(command: GetCostAndUsageCommand) {
    try {
      return await this.ce.send(command);
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      const message = (error as Error).message ?? '';
      if (name === 'DataUnavailableException') return null;
      if (/not enabled for cost explorer|cost explorer (is )?not enabled|has not (been )?enabled cost explorer/i.test(message))
        throw new CostExplorerNotEnabledError(message);
      throw error;
    }
  }

  async invocationsByRole(period: CostPeriod): Promise<Readonly<Record<string, number>>> {
    const roles = Object.keys(this.options.functions);
    const queries = roles.map((role, i) =>
      lambdaDailyMetric(`i${i}`, 'Invocations', 'Sum', { FunctionName: this.options.functions[role] as string }),
    );
    const values = await this.metricData(queries, period);
    return Object.fromEntries(roles.map((role, i) => [role, values[`i${i}`] ?? 0]));
  }

  async provisionedConcurrencyUtilization(period: CostPeriod): Promise<Readonly<Record<string, number | null>>> {
    const roles = this.options.provisionedRoles.filter((r) => this.options.functions[r]);
    const queries = roles.map((role, i) => {
      const name = this.options.functions[role] as string;
      return lambdaDailyMetric(`u${i}`, 'ProvisionedConcurrencyUtilization', 'Average', { FunctionName: name, Resource: `${name}:live` });
    });
    const values = await this.metricData(queries, period, 'avg');
    return Object.fromEntries(roles.map((role, i) => [role, values[`u${i}`] ?? null]));
  }

  private async metricData(
    queries: MetricDataQuery[],
    period: CostPeriod,
    combine: 'sum' | 'avg' = 'sum',
  ): Promise<Record<string, number>> {
    if (queries.length === 0) return {};
    const out: Record<string, number> = {};
    let token: string | undefined;
    do {
      const res = await this.cloudwatch.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: new Date(`${period.start}T00:00:00Z`),
          EndTime: new Date(`${period.end}T00:00:00Z`),
          NextToken: token,
        }),
      );
      for (const r of res.MetricDataResults ?? []) {
        const vals = r.Values ?? [];
        if (!r.Id || vals.length === 0) continue;
        const total = vals.reduce((a, b) => a + b, 0);
        out[r.Id] = (out[r.Id] ?? 0) + (combine === 'avg' ? total / vals.length : total);
      }
      token = res.NextToken;
    } while (token);
    return out;
  }
}
