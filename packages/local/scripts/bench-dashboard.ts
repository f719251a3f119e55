/**
 * `pnpm bench:dashboard`: only the dashboard part of `pnpm bench` — call-start p99 at 50
 * connections with the dashboard closed and open (polling) in headless Chromium. `--rounds N`
 * (1–5, default 3) pairs of runs, `--seconds N` (5–60, default 20) per run. Loopback
 * only, bounded. Prints the figures; writes nothing.
 */
import { parseArgs } from 'node:util';
import { findWorkspaceRoot } from '@agentic-memory/config';
import { benchDashboard } from './bench/dashboard';
import { BenchReport } from './bench/report';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, seconds: { type: 'string', default: '20' } } });
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
if (!Number.isInteger(rounds) || rounds < 1 || rounds > 5) throw new Error('--rounds must be an integer from 1 to 5');
if (!Number.isInteger(seconds) || seconds < 5 || seconds > 60) throw new Error('--seconds must be an integer from 5 to 60');
const report = new BenchReport();
try {
  await benchDashboard(findWorkspaceRoot(), report, { rounds, seconds });
  report.print();
} catch (error) {
  report.print();
  console.error(error);
  process.exit(1);
}
