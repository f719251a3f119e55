/** @requires-tool moto_server */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCostReportHandler } from '@agentic-memory/fn-cost-report';
import { captureMetrics, costTags, METRICS, ResourceNames, ROLLUP_DIMENSIONS } from '@agentic-memory/function-kit';
import { FUNCTION_ROLES } from '@agentic-memory/memory-core';
import { createAwsClients, S3BlobStore } from '@agentic-memory/provider-adapters/aws';
import { CostExplorerSource } from '@agentic-memory/provider-adapters/cost';
import { type MotoServer, motoAwsEnv, startMoto } from '@agentic-memory/provider-adapters/testing/moto';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { createLocalDependencies } from '../src/local-backends';
import { runScript } from './run-script';

/** `pnpm cost-report` against moto, with Cost Explorer results seeded through moto's API. */
const DAY = '2026-11-24';

describe('pnpm cost-report against moto', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
    const seeded = await fetch(`${moto.endpoint}/moto-api/static/ce/cost-and-usage-results`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        results: [
          {
            ResultsByTime: [
              {
                TimePeriod: { Start: DAY, End: '2026-11-25' },
                Total: {},
                Groups: [
                  { Keys: ['AWS Lambda'], Metrics: { UnblendedCost: { Amount: '1.20', Unit: 'USD' } } },
                  { Keys: ['Amazon API Gateway'], Metrics: { UnblendedCost: { Amount: '0.30', Unit: 'USD' } } },
                  { Keys: ['Amazon Simple Storage Service'], Metrics: { UnblendedCost: { Amount: '0.05', Unit: 'USD' } } },
                ],
                Estimated: false,
              },
            ],
            DimensionValueAttributes: [],
          },
        ],
      }),
    });
    expect(seeded.status).toBe(201);
    const cw = new CloudWatchClient({ endpoint: moto.endpoint, region: 'us-east-1' });
    for (const [role, value] of [
      ['conversation-start', 150],
      ['webhook-intake', 140],
    ] as const) {
      await cw.send(
        new PutMetricDataCommand({
          Namespace: 'AWS/Lambda',
          MetricData: [
            {
              MetricName: 'Invocations',
              Dimensions: [{ Name: 'FunctionName', Value: `agentic-memory-local-${role}` }],
              Timestamp: new Date(`${DAY}T12:00:00Z`),
              Value: value,
              Unit: 'Count',
            },
          ],
        }),
      );
    }
  }, 30_000);
  afterAll(async () => {
    await moto?.stop();
  });

  it('prints the seeded total with a cost per call, and writes the report', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'am-cost-'));
    const { status: code, out } = await runScript('cost-report-cli.ts', ['--date', DAY], {
      ...process.env,
      ...motoAwsEnv(moto),
      BLOB_BUCKET: 'am-cost',
      INGEST_QUEUE_NAME: 'am-cost.fifo',
      DATA_DIR: dataDir,
    });
    expect({ code, out }).toMatchObject({ code: 0 });
    expect(out).toContain('total:          $1.5500');
    expect(out).toContain('calls:          150 (conversation-start)');
    expect(out).toContain('cost per call:  $0.0103');
    expect(out).toMatch(/AWS Lambda\s+\$1\.2000/);
    expect(out).toContain('[high_cost_per_call]');
    const s3 = new S3BlobStore(createAwsClients({ endpoint: moto.endpoint, region: 'us-east-1' }).s3, 'am-cost');
    const report = JSON.parse(Buffer.from((await s3.get(`reports/cost/${DAY}.json`))?.body ?? []).toString());
    expect(report).toMatchObject({ total_usd: 1.55, calls: 150, cost_per_call_usd: 0.010333 });
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('publishes DailyCost and CostPerCall as the catalogue defines them', async () => {
    const lines: string[] = [];
    captureMetrics((line) => lines.push(line));
    const dataDir = mkdtempSync(join(tmpdir(), 'am-cost-emf-'));
    const env = {
      ...motoAwsEnv(moto),
      BLOB_BUCKET: 'am-cost',
      INGEST_QUEUE_NAME: 'am-cost.fifo',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    };
    const deps = await createLocalDependencies({ env, dataDir });
    const costs = new CostExplorerSource({
      tags: costTags('local'),
      functions: Object.fromEntries(FUNCTION_ROLES.map((role) => [role, ResourceNames.function('local', role)])),
      provisionedRoles: [],
      endpoint: moto.endpoint,
      region: 'us-east-1',
    });
    await createCostReportHandler(deps, costs)({ date: DAY });
    deps.close();
    rmSync(dataDir, { recursive: true, force: true });
    const emf = lines.map(
      (l) =>
        JSON.parse(l) as Record<string, unknown> & {
          _aws: { CloudWatchMetrics: { Metrics: { Name: string; Unit: string }[]; Dimensions: string[][] }[] };
        },
    );
    const report = emf.find((e) => 'DailyCost' in e);
    expect(report).toMatchObject({ role: 'cost-report', environment: 'local', DailyCost: 1.55, CostPerCall: 0.010333 });
    const directive = report?._aws.CloudWatchMetrics[0];
    expect(directive?.Metrics).toEqual(
      expect.arrayContaining([
        { Name: 'DailyCost', Unit: METRICS.DailyCost.unit },
        { Name: 'CostPerCall', Unit: METRICS.CostPerCall.unit },
      ]),
    );
    expect(directive?.Dimensions.map((d) => [...d].sort())).toContainEqual([...ROLLUP_DIMENSIONS].sort());
  }, 60_000);
});
