/**
 * `pnpm bench`: the numbers that keep the product honest about its latency budget and bundle
 * sizes (ARCHITECTURE.md, "What it is"). Prints a table where every figure names its method and
 * writes bench-results.json at the repository root. Loopback only; every loop is bounded. Not a test.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@agentic-memory/config';
import { benchBundles } from './bundles';
import { benchDashboard } from './dashboard';
import { benchHttp } from './http';
import { benchInProcess } from './in-process';
import { BenchReport } from './report';

const root = findWorkspaceRoot();
const report = new BenchReport();
const moto = spawnSync('sh', ['-c', 'command -v moto_server']).status === 0;
// `--only bundles,http,dashboard,in-process`: some parts only (e.g. cold init again on a quieter machine).
const PARTS = ['bundles', 'http', 'dashboard', 'in-process'] as const;
const onlyAt = process.argv.indexOf('--only');
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? '').split(',') : [...PARTS];
const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
if (unknown.length > 0) {
  console.error(`pnpm bench: unknown part(s) ${unknown.join(', ')}; --only takes a comma-separated list of ${PARTS.join(', ')}`);
  process.exit(2);
}
try {
  if (only.includes('bundles')) await benchBundles(root, report, moto);
  if (only.includes('http')) await benchHttp(root, report);
  if (only.includes('dashboard')) await benchDashboard(root, report);
  if (only.includes('in-process')) await benchInProcess(report);
  report.print();
  report.write(join(root, 'bench-results.json'));
} catch (error) {
  report.print();
  console.error(error);
  process.exit(1);
}
