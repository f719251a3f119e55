/** @requires-tool moto_server */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MotoServer, motoAwsEnv, startMoto } from '@agentic-memory/provider-adapters/testing/moto';
import { killNineMidIngestion } from './fault-support';
import { RuntimeProcess } from './runtime-process';

/**
 * kill -9 mid-ingestion on SQS FIFO and S3 (moto_server): the messages the dead worker held are
 * leased, not hidden for the queue's visibility timeout (360 s), so they come back within the lease
 * and the retry backoff (22 s) and every acknowledged call is remembered.
 */
describe('kill -9 mid-ingestion (pnpm start on SQS and S3)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'am-kill9-aws-'));
  let moto: MotoServer | null = null;
  let runtime: RuntimeProcess | null = null;
  beforeAll(async () => {
    moto = await startMoto();
    const env = { ...motoAwsEnv(moto), DATA_DIR: dataDir, BLOB_BUCKET: 'am-kill9', INGEST_QUEUE_NAME: 'am-kill9.fifo' };
    runtime = await RuntimeProcess.start(env);
  }, 90_000);
  afterAll(async () => {
    await runtime?.stop();
    await moto?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged call: every caller is greeted by name within 60 s of the restart', async () => {
    if (!runtime) throw new Error('the runtime did not start');
    const report = await killNineMidIngestion(runtime, 60, 60_000);
    process.stdout.write(
      `kill -9 (SQS/S3 on moto): ${report.acked} acked, ${report.greetedAtKill}+ ingested and ${report.outstandingAtKill} outstanding at the kill, restart ${report.restartMs} ms, all greeted ${Math.max(...report.greetedAfterMs)} ms after the restart\n`,
    );
    expect(report.acked).toBe(60);
    expect(report.outstandingAtKill).toBeGreaterThan(0);
    expect(report.lost).toEqual([]);
    expect(Math.max(...report.greetedAfterMs)).toBeLessThanOrEqual(60_000);
  }, 240_000);
});
