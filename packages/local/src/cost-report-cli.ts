/**
 * `pnpm cost-report [--date YYYY-MM-DD] [--env NAME]`: runs the cost-report handler from the
 * command line against the configured AWS backend (AWS_BACKEND=aws; AWS_ENDPOINT_URL for moto)
 * and prints the report: total, cost per call, by service, recommendations.
 */
import { parseArgs } from 'node:util';

process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

const { createLocalDependencies } = await import('./local-backends');
const { costTags, ResourceNames } = await import('@agentic-memory/function-kit');
const { FUNCTION_ROLES } = await import('@agentic-memory/memory-core');
const { CostExplorerSource } = await import('@agentic-memory/provider-adapters/cost');
const { createCostReportHandler } = await import('@agentic-memory/fn-cost-report');

const { values } = parseArgs({ options: { date: { type: 'string' }, env: { type: 'string' } } });
const env: Record<string, string | undefined> = { ...process.env, ...(values.env ? { AGENTIC_MEMORY_ENV: values.env } : {}) };
if (env.AWS_BACKEND !== 'aws') {
  console.error('cost-report: needs AWS_BACKEND=aws (Cost Explorer and CloudWatch); set AWS_ENDPOINT_URL to run against moto');
  process.exit(2);
}
try {
  const deps = await createLocalDependencies({ env });
  const name = deps.environment.name;
  const costs = new CostExplorerSource({
    tags: costTags(name),
    functions: Object.fromEntries(FUNCTION_ROLES.map((role) => [role, ResourceNames.function(name, role)])),
    provisionedRoles: deps.environment.provisioned_roles,
    endpoint: env.AWS_ENDPOINT_URL,
    region: env.AWS_REGION,
  });
  const report = await createCostReportHandler(deps, costs)(values.date ? { date: values.date } : {});
  const money = (n: number | null) => (n === null ? 'n/a' : `$${n.toFixed(4)}`);
  console.log(`Cost report ${name} ${report.period.start} (UTC day)`);
  console.log(`total:          ${money(report.total_usd)}`);
  console.log(`calls:          ${report.calls} (${report.calls_source})`);
  console.log(`cost per call:  ${money(report.cost_per_call_usd)}`);
  console.log('\nby service:');
  for (const s of report.by_service)
    console.log(
      `  ${s.service.padEnd(40)} ${money(s.usd).padStart(10)}  ${(s.share * 100).toFixed(1).padStart(5)} %  per call ${money(s.per_call_usd)}`,
    );
  console.log('\nrecommendations:');
  for (const r of report.recommendations) console.log(`  - [${r.code}] ${r.message}`);
  console.log(`\nwritten to reports/cost/${report.period.start}.json in ${deps.locations.blobs}`);
  deps.close();
} catch (error) {
  console.error(`cost-report: ${(error as Error).message}`);
  process.exit(1);
}
