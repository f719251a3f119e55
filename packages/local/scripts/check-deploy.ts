/**
 * `pnpm check:deploy [--env prod] [--cdk-out DIR]`: the pre-deploy check (src/predeploy-check.ts).
 * Synthesises the environment with the CDK app (bundling on, as `cdk deploy` would) — or reads an
 * existing cloud assembly with `--cdk-out` — starts moto_server and a loopback Mem0 contract
 * server, and runs every bundle once per secret state. Exit 1 when any function fails.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findWorkspaceRoot } from '@agentic-memory/config';
import { ElevenLabsContractServer } from '@agentic-memory/provider-adapters/testing/elevenlabs';
import { Mem0ContractServer } from '@agentic-memory/provider-adapters/testing/mem0';
import { startMoto } from '@agentic-memory/provider-adapters/testing/moto';
import { checkDeploy, formatReport, PREDEPLOY_ELEVENLABS_KEY, PREDEPLOY_MEM0_KEY } from '../src/predeploy-check';
import { readSynthesized, synthesize } from '../src/synthesized-bundles';

const { values } = parseArgs({ options: { env: { type: 'string', default: 'prod' }, 'cdk-out': { type: 'string' } } });
const environment = values.env ?? 'prod';
const root = findWorkspaceRoot();
const scratch = mkdtempSync(join(tmpdir(), 'am-check-deploy-'));
const started = Date.now();
let ok = false;
try {
  const stack = values['cdk-out']
    ? readSynthesized(resolve(values['cdk-out']), environment)
    : await synthesize(root, environment, join(scratch, 'cdk.out'));
  console.log(
    `${values['cdk-out'] ? 'read' : 'synthesised'} ${environment}: ${stack.functions.length} functions (${Math.round((Date.now() - started) / 1000)} s)`,
  );
  const moto = await startMoto();
  const mem0 = new Mem0ContractServer(PREDEPLOY_MEM0_KEY);
  const elevenLabs = new ElevenLabsContractServer(PREDEPLOY_ELEVENLABS_KEY);
  try {
    const mem0Host = await mem0.start();
    const elevenLabsHost = await elevenLabs.start();
    const report = await checkDeploy({ stack, endpoint: moto.endpoint, scratch, mem0Host, elevenLabsHost });
    console.log(formatReport(report));
    for (const c of report.checks.filter((x) => !x.ok)) console.log(`\n--- ${c.state} ${c.role}: last output\n${c.stderr}`);
    ok = report.ok;
  } finally {
    await elevenLabs.stop();
    await mem0.stop();
    await moto.stop();
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
console.log(`(${Math.round((Date.now() - started) / 1000)} s)`);
process.exit(ok ? 0 : 1);
