/**
 * `pnpm bench`: the numbers that keep the product honest about its latency budget and bundle
 * sizes (ARCHITECTURE.md, "What it is"). Prints a table where every figure names its method and
 * writes bench-results.json at the repository root. Loopback only; every loop is bounded. Not a test.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@agentic-memory/config';
import { benchBundles } from './bundles';
import { benchHttp } from './http';
import { benchInProcess } from './in-process';
import { BenchReport } from './report';

const root = findWorkspaceRoot();
const report = new BenchReport();
const moto = spawnSync('sh', ['-c', 'command -v moto_server']).status === 0;
try {
  await benchBundles(root, report, moto);
  await benchHttp(root, report);
  await benchInProcess(report);
  report.print();
  report.write(join(root, 'bench-results.json'));
} catch (error) {
  report.print();
  console.error(error);
  process.exit(1);
}
