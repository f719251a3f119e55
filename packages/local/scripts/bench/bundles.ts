/**
 * The bundles `cdk deploy` ships for prod: synthesised by the CDK app, measured from the cloud
 * assembly — size, the ten largest packages inside (esbuild's metafile of the same build), and a
 * cold start (fresh process: import + first request against moto, provisioned from the template)
 * next to a bare `node -e ''` in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, roleConfigOf } from '@agentic-memory/config';
import { percentile, ROLES } from '@agentic-memory/memory-core';
import { createS3Client, S3BlobStore } from '@agentic-memory/provider-adapters/aws';
import { Mem0ContractServer } from '@agentic-memory/provider-adapters/testing/mem0';
import { type MotoServer, startMoto } from '@agentic-memory/provider-adapters/testing/moto';
import { bundleFunction } from '../../src/bundle-function';
import { bundlePackages } from '../../src/bundle-report';
import { runProcess } from '../../src/child-process';
import { representativeEvent, workerPayload } from '../../src/representative-events';
import { invokeBundle, lambdaEnvironment, provisionFromTemplate, secretsAsDeployed, synthesize } from '../../src/synthesized-bundles';
import type { BenchReport } from './report';

const COLD_RUNS = 15;
const SECRETS = {
  ELEVENLABS_WORKSPACE_KEY: 'bench-workspace-key-0123456789',
  ELEVENLABS_HMAC_KEY: 'wsec_bench_0123456789abcdef0123456789abcdef',
  ADMIN_API_KEY: 'bench-admin-key-0123456789',
  MEM0_API_KEY: 'm0-bench-key',
} as const;

async function bareNode(): Promise<number> {
  return (await runProcess(process.execPath, ['-e', ''], { env: {} })).ms;
}

export async function benchBundles(root: string, report: BenchReport, motoAvailable: boolean): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'am-bench-cdk-'));
  const scratch = mkdtempSync(join(tmpdir(), 'am-bench-run-'));
  try {
    const stack = await synthesize(root, 'prod', outDir);
    const config = roleConfigOf(loadConfig('prod'));
    const rows: string[][] = [['role', 'KB', 'largest packages (KB)']];
    for (const fn of stack.functions) {
      const analysed = await bundleFunction(root, fn.role, join(scratch, 'analysed'), config);
      if (analysed.bytes !== fn.bytes) {
        throw new Error(`${fn.role}: the analysed build (${analysed.bytes} B) differs from the synthesised one (${fn.bytes} B)`);
      }
      report.record(
        `bundle_kb.${fn.role}`,
        fn.bytes / 1024,
        'the prod bundle in the cloud assembly of `cdk synth` (ESM, minified, node24), bytes/1024',
      );
      const top = bundlePackages(analysed.metafile)
        .slice(0, 10)
        .map((p) => `${p.name} ${(p.bytes / 1024).toFixed(1)}`);
      rows.push([fn.role, (fn.bytes / 1024).toFixed(1), top.join(', ')]);
    }
    report.table('Bundles of prod (cdk synth), top 10 packages by bytes in the output:', rows);

    if (!motoAvailable) {
      report.record('cold_init_ms', null, "skipped: moto_server not on PATH (install with pip install 'moto[server]')");
      return;
    }
    let moto: MotoServer | null = null;
    const mem0 = new Mem0ContractServer(SECRETS.MEM0_API_KEY);
    try {
      moto = await startMoto();
      const mem0Host = await mem0.start();
      const secrets = secretsAsDeployed(stack.template);
      for (const values of Object.values(secrets)) Object.assign(values, SECRETS);
      const refs = await provisionFromTemplate(stack.template, moto.endpoint, secrets);
      const baseline: number[] = [];
      const cold: Record<string, { wall: number[]; inProcess: number[]; imports: number[]; first: number[]; paired: number[] }> = {};
      for (let i = 0; i < COLD_RUNS; i += 1) {
        for (const fn of stack.functions) {
          // Scheduled roles call third-party APIs (Cost Explorer, ElevenLabs) moto does not serve.
          if (ROLES[fn.role].trigger === 'schedule') continue;
          const env = lambdaEnvironment(fn, refs, moto.endpoint, {
            MEM0_HOST: mem0Host,
            POWERTOOLS_LOG_LEVEL: 'SILENT',
            POWERTOOLS_METRICS_DISABLED: 'true',
            // The cold start a caller waits for: a burst above provisioned concurrency.
            AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
          });
          const conversationId = `conv_bench_${fn.role}_${i}`;
          if (fn.role === 'ingest-worker') {
            const payload = workerPayload(conversationId);
            await new S3BlobStore(createS3Client({ endpoint: moto.endpoint, region: 'us-east-1' }), env.BLOB_BUCKET as string).put(
              payload.key,
              payload.body,
            );
          }
          // Each cold start right after a bare Node start: the pair sees the same machine load.
          const bare = await bareNode();
          baseline.push(bare);
          const run = await invokeBundle(fn.file, env, representativeEvent(fn.role, SECRETS, { conversationId }), scratch);
          const status = (run.result as { statusCode?: number; batchItemFailures?: unknown[] } | null) ?? null;
          const ok = status?.statusCode === 200 || (Array.isArray(status?.batchItemFailures) && status.batchItemFailures.length === 0);
          if (run.error || !ok) throw new Error(`cold ${fn.role}: ${run.error ?? JSON.stringify(run.result)}\n${run.stderr.slice(0, 600)}`);
          const entry = cold[fn.role] ?? { wall: [], inProcess: [], imports: [], first: [], paired: [] };
          cold[fn.role] = entry;
          entry.wall.push(run.processMs);
          entry.paired.push(run.processMs / bare);
          entry.inProcess.push((run.initMs ?? 0) + (run.firstRequestMs ?? 0));
          entry.imports.push(run.initMs ?? 0);
          entry.first.push(run.firstRequestMs ?? 0);
        }
      }
      const base = percentile(baseline, 50) ?? 0;
      report.record(
        'node_baseline_ms',
        base,
        `wall time of a fresh \`node -e ''\`, median of ${baseline.length}, each started right before one of the runs below`,
      );
      for (const [role, { wall, inProcess, imports, first, paired }] of Object.entries(cold)) {
        const median = percentile(wall, 50) ?? 0;
        report.record(
          `cold_init_ms.${role}`,
          median,
          `fresh node process: import the prod bundle + serve one representative request against moto (secret prefetch, S3…), median of ${COLD_RUNS}`,
        );
        report.record(`cold_init_ratio.${role}`, median / base, 'that median ÷ node_baseline_ms');
        report.record(
          `cold_init_paired_ratio.${role}`,
          percentile(paired, 50),
          'median of (each cold start ÷ the bare Node start just before it): steadier when the machine’s load drifts',
        );
        report.record(
          `cold_init_in_process_ms.${role}`,
          percentile(inProcess, 50),
          'inside that process: bundle import + first request, median',
        );
        report.record(`cold_import_ms.${role}`, percentile(imports, 50), 'of which the bundle import (module init), median');
        report.record(
          `cold_first_request_ms.${role}`,
          percentile(first, 50),
          'of which the first request (secrets, S3/SQS/Mem0 round trips to the loopback servers), median',
        );
      }
    } finally {
      await mem0.stop();
      await moto?.stop();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  }
}
