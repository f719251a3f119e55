import type { CostPeriod, ServiceCost } from '../ports/cost-source';

export interface CostRecommendation {
  readonly code:
    | 'high_cost_per_call'
    | 'efficient'
    | 'lambda_cost_per_call'
    | 'low_volume'
    | 'high_volume'
    | 'provisioned_concurrency_underused'
    | 'api_gateway_share'
    | 'cost_without_calls'
    | 'no_cost_data';
  readonly message: string;
}

export interface CostReport {
  readonly period: CostPeriod;
  readonly total_usd: number;
  /** Calls in the period: conversation starts (one per call), else post-call webhooks. */
  readonly calls: number;
  readonly calls_source: 'conversation-start' | 'webhook-intake' | 'none';
  readonly cost_per_call_usd: number | null;
  readonly by_service: readonly {
    readonly service: string;
    readonly usd: number;
    readonly per_call_usd: number | null;
    readonly share: number;
  }[];
  readonly invocations: Readonly<Record<string, number>>;
  readonly provisioned_concurrency_utilization: Readonly<Record<string, number | null>>;
  readonly recommendations: readonly CostRecommendation[];
}

export interface CostInputs {
  readonly period: CostPeriod;
  readonly costs: readonly ServiceCost[];
  readonly invocations: Readonly<Record<string, number>>;
  readonly utilization: Readonly<Record<string, number | null>>;
}

/** Thresholds of the brief's cost analyser (per day of traffic). */
export const COST_THRESHOLDS = {
  highCostPerCall: 0.01,
  efficientCostPerCall: 0.002,
  lambdaCostPerCall: 0.005,
  lowVolumeCalls: 100,
  highVolumeCalls: 10_000,
  underusedUtilization: 0.3,
  apiGatewayShare: 0.3,
} as const;

const usd = (n: number) => `$${n.toFixed(4)}`;
const round = (n: number, digits = 6) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Cost per call, overall and per service, and the recommendations those numbers call for. */
export function costReport(input: CostInputs): CostReport {
  const total = input.costs.reduce((sum, c) => sum + c.amountUsd, 0);
  const starts = input.invocations['conversation-start'] ?? 0;
  const intakes = input.invocations['webhook-intake'] ?? 0;
  const calls = starts > 0 ? starts : intakes;
  const source = starts > 0 ? 'conversation-start' : intakes > 0 ? 'webhook-intake' : 'none';
  const perCall = calls > 0 ? total / calls : null;
  const byService = [...input.costs]
    .sort((a, b) => b.amountUsd - a.amountUsd)
    .map((c) => ({
      service: c.service,
      usd: round(c.amountUsd),
      per_call_usd: calls > 0 ? round(c.amountUsd / calls) : null,
      share: total > 0 ? round(c.amountUsd / total, 4) : 0,
    }));
  const t = COST_THRESHOLDS;
  const recommendations: CostRecommendation[] = [];
  if (input.costs.length === 0) {
    recommendations.push({
      code: 'no_cost_data',
      message:
        'No data yet: Cost Explorer returned no cost for the stack tags. Activate the Project and Environment cost-allocation tags (data appears ~24 h later); a newly enabled Cost Explorer also needs ~24 h.',
    });
  }
  if (perCall !== null && perCall > t.highCostPerCall) {
    recommendations.push({
      code: 'high_cost_per_call',
      message: `High cost per call: ${usd(perCall)} (above ${usd(t.highCostPerCall)}). Review memory sizes and provisioned concurrency.`,
    });
  } else if (perCall !== null && perCall < t.efficientCostPerCall) {
    recommendations.push({ code: 'efficient', message: `Efficient: ${usd(perCall)} per call (below ${usd(t.efficientCostPerCall)}).` });
  }
  const lambda = byService.find((s) => s.service === 'AWS Lambda');
  if (lambda?.per_call_usd != null && lambda.per_call_usd > t.lambdaCostPerCall) {
    recommendations.push({
      code: 'lambda_cost_per_call',
      message: `Lambda costs ${usd(lambda.per_call_usd)} per call: reduce memory sizes or the provisioned-concurrency minimum.`,
    });
  }
  if (calls === 0 && total > 0) {
    recommendations.push({
      code: 'cost_without_calls',
      message: `${usd(total)} spent with no calls: provisioned concurrency and idle resources; lower the minimum outside business hours.`,
    });
  } else if (calls > 0 && calls < t.lowVolumeCalls) {
    recommendations.push({
      code: 'low_volume',
      message: `Low volume (${calls} calls): a lower provisioned-concurrency minimum or a schedule would cost less.`,
    });
  } else if (calls > t.highVolumeCalls) {
    recommendations.push({
      code: 'high_volume',
      message: `High volume (${calls} calls): longer cache durations and batch sizes lower the per-call cost.`,
    });
  }
  for (const [role, u] of Object.entries(input.utilization)) {
    if (u !== null && u < t.underusedUtilization) {
      recommendations.push({
        code: 'provisioned_concurrency_underused',
        message: `${role}: provisioned concurrency ${Math.round(u * 100)} % used on average (below ${t.underusedUtilization * 100} %): lower its minimum.`,
      });
    }
  }
  const api = byService.find((s) => s.service === 'Amazon API Gateway');
  if (api && api.share > t.apiGatewayShare) {
    recommendations.push({
      code: 'api_gateway_share',
      message: `API Gateway is ${Math.round(api.share * 100)} % of the cost: check for retries or unauthenticated traffic (the rejection metrics).`,
    });
  }
  return {
    period: input.period,
    total_usd: round(total),
    calls,
    calls_source: source,
    cost_per_call_usd: perCall === null ? null : round(perCall),
    by_service: byService,
    invocations: input.invocations,
    provisioned_concurrency_utilization: input.utilization,
    recommendations,
  };
}
