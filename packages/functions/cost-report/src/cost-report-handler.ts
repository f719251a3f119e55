import { BlobKeys, type Dependencies, emit, logger, publishMetrics, runInvocation, setMetricContext } from '@agentic-memory/function-kit';
import { type CostPeriod, type CostReport, type CostSource, costReport } from '@agentic-memory/memory-core';

const DAY_MS = 86_400_000;

/** What the schedule (or an operator) sends: nothing (yesterday) or `{ "date": "YYYY-MM-DD" }`. */
export interface CostReportRequest {
  readonly date?: string;
}

/** The full UTC day `date`, or yesterday. */
export function reportPeriod(request: CostReportRequest, now: number): CostPeriod {
  const day = request.date ?? new Date(now - DAY_MS).toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(`${day}T00:00:00Z`)))
    throw new Error(`date must be YYYY-MM-DD, got "${day}"`);
  return { start: day, end: new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10) };
}

/**
 * The daily cost report: cost by service for the stack's tags, invocations, provisioned-concurrency
 * utilisation → cost per call overall and per service, recommendations; publishes CostPerCall and
 * DailyCost and writes the JSON report to `reports/cost/<day>.json`.
 */
/** What the cost report uses: the blob store (the report) — and the cost source. */
export type CostReportDependencies = Pick<Dependencies, 'clock' | 'environment' | 'blobStore'>;

export function createCostReportHandler(
  deps: CostReportDependencies,
  costs: CostSource,
): (request?: CostReportRequest) => Promise<CostReport> {
  return (request = {}) =>
    runInvocation(deps.environment.name, 'cost-report', async () => {
      try {
        setMetricContext(null, null);
        const period = reportPeriod(request, deps.clock.now());
        const [serviceCosts, invocations, utilization] = await Promise.all([
          costs.costByService(period),
          costs.invocationsByRole(period),
          costs.provisionedConcurrencyUtilization(period),
        ]);
        const report = costReport({ period, costs: serviceCosts, invocations, utilization });
        await deps.blobStore.put(BlobKeys.costReport(period.start), JSON.stringify(report, null, 2), { contentType: 'application/json' });
        emit('DailyCost', report.total_usd);
        if (report.cost_per_call_usd !== null) emit('CostPerCall', report.cost_per_call_usd);
        logger.info('cost report', {
          day: period.start,
          totalUsd: report.total_usd,
          calls: report.calls,
          costPerCallUsd: report.cost_per_call_usd,
        });
        return report;
      } finally {
        publishMetrics();
      }
    });
}
