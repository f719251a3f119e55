/**
 * `pnpm bench:aws-lite`: what the lightweight AWS adapters save a hot role, against the SDK
 * adapters. For an entry that wires only an S3 blob store and the Secrets Manager secrets (what
 * conversation-start needs), both ways: the minified ESM bundle (esbuild: bundle, platform node,
 * target node24, no externals — the options the functions are built with), its biggest packages,
 * and, in fresh `node` processes, the time to import it and to import it and serve a first
 * request (prefetch the secret + read one blob on a loopback moto_server). Plus the size of the
 * intake's set (S3 + SQS + Secrets). Loopback only, bounded; a script that prints numbers, not a
 * test. Needs moto_server on the PATH for the first-request figures.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { build, type Metafile } from 'esbuild';
import { motoAwsEnv, startMoto } from '../testing/moto';

const PACKAGE = resolve(import.meta.dirname, '..');
const RUNS = 11;
const BANNER = "import { createRequire as __amCreateRequire } from 'module'; const require = __amCreateRequire(import.meta.url);";

const CLOCK = 'const clock = { now: () => Date.now() };';
const FIRST_REQUEST = `
export async function firstRequest() {
  await secrets.prefetch();
  const blob = await blobs.get('snap/bench');
  if (!blob || (await secrets.get('ADMIN_API_KEY')) !== 'bench') throw new Error('unexpected first request result');
}`;

const ENTRIES: Record<string, string> = {
  'lite s3+secrets': `
import { LiteAwsClient, LiteS3BlobStore, LiteSecretsManagerSecrets } from './src/aws-lite/index.ts';
${CLOCK}
const client = LiteAwsClient.fromEnvironment();
export const blobs = new LiteS3BlobStore(client, process.env.BLOB_BUCKET);
export const secrets = new LiteSecretsManagerSecrets(client, process.env.SECRET_NAME, clock);
${FIRST_REQUEST}`,
  'sdk s3+secrets': `
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { S3BlobStore } from './src/aws/s3-blob-store.ts';
import { SecretsManagerSecrets } from './src/aws/secrets-manager-secrets.ts';
${CLOCK}
const endpoint = process.env.AWS_ENDPOINT_URL || undefined;
export const blobs = new S3BlobStore(new S3Client({ endpoint, forcePathStyle: endpoint !== undefined }), process.env.BLOB_BUCKET);
export const secrets = new SecretsManagerSecrets(new SecretsManagerClient({ endpoint }), process.env.SECRET_NAME, clock);
${FIRST_REQUEST}`,
  'lite s3+sqs+secrets': `
import { LiteAwsClient, LiteS3BlobStore, LiteSecretsManagerSecrets, LiteSqsQueue } from './src/aws-lite/index.ts';
${CLOCK}
const client = LiteAwsClient.fromEnvironment();
export const blobs = new LiteS3BlobStore(client, process.env.BLOB_BUCKET);
export const queue = new LiteSqsQueue(client, process.env.INGEST_QUEUE_URL);
export const secrets = new LiteSecretsManagerSecrets(client, process.env.SECRET_NAME, clock);`,
  'sdk s3+sqs+secrets': `
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SQSClient } from '@aws-sdk/client-sqs';
import { S3BlobStore } from './src/aws/s3-blob-store.ts';
import { SecretsManagerSecrets } from './src/aws/secrets-manager-secrets.ts';
import { SqsQueue } from './src/aws/sqs-queue.ts';
${CLOCK}
const endpoint = process.env.AWS_ENDPOINT_URL || undefined;
export const blobs = new S3BlobStore(new S3Client({ endpoint, forcePathStyle: endpoint !== undefined }), process.env.BLOB_BUCKET);
export const queue = new SqsQueue(new SQSClient({ endpoint }), process.env.INGEST_QUEUE_URL);
export const secrets = new SecretsManagerSecrets(new SecretsManagerClient({ endpoint }), process.env.SECRET_NAME, clock);`,
};

async function bundle(name: string, contents: string, outDir: string): Promise<{ file: string; bytes: number; metafile: Metafile }> {
  const file = join(outDir, `${name.replace(/[^a-z0-9]+/g, '-')}.mjs`);
  const result = await build({
    stdin: { contents, resolveDir: PACKAGE, loader: 'ts', sourcefile: `${name}.ts` },
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    minify: true,
    treeShaking: true,
    mainFields: ['module', 'main'],
    external: [],
    banner: { js: BANNER },
    metafile: true,
    logLevel: 'error',
  });
  const output = Object.values(result.metafile.outputs)[0];
  return { file, bytes: output?.bytes ?? 0, metafile: result.metafile };
}

/** Output bytes per npm package (workspace sources under their folder), largest first. */
function topPackages(metafile: Metafile, n: number): string {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
      const name = match?.[1] ?? (path.includes('memory-core') ? '(memory-core)' : '(provider-adapters)');
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(1)}`)
    .join(', ');
}

/**
 * Runs a fresh `node`; `answerMs` is spawn → its first line on stdout (the runner prints once its
 * work is done), so Node's own teardown at exit (which varies with what background work V8 still
 * has to finish) is left out: a Lambda sandbox does not exit after its first request.
 */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ answerMs: number; stdout: string; stderr: string; code: number | null }> {
  return new Promise((done) => {
    const t0 = performance.now();
    let answerMs = Number.NaN;
    const child = spawn(process.execPath, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      if (Number.isNaN(answerMs)) answerMs = performance.now() - t0;
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('close', (code) => done({ answerMs, stdout, stderr, code }));
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const RUNNER = `
const t0 = performance.now();
const m = await import(process.argv[2]);
const t1 = performance.now();
if (process.argv[3] === 'first') await m.firstRequest();
const t2 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, firstRequestMs: t2 - t1 }));
`;

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'am-bench-aws-lite-'));
  const rows: string[][] = [];
  try {
    const bundles: Record<string, { file: string; bytes: number }> = {};
    for (const [name, contents] of Object.entries(ENTRIES)) {
      const b = await bundle(name, contents, outDir);
      bundles[name] = b;
      rows.push([`bundle ${name}`, `${(b.bytes / 1024).toFixed(1)} KB`, `minified ESM; top packages (KB): ${topPackages(b.metafile, 5)}`]);
    }
    const runner = join(outDir, 'runner.mjs');
    writeFileSync(runner, RUNNER);
    const empty = join(outDir, 'empty.mjs');
    writeFileSync(empty, 'export async function firstRequest() {}\n');

    const moto = spawnSync('sh', ['-c', 'command -v moto_server']).status === 0 ? await startMoto() : null;
    try {
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH,
        BLOB_BUCKET: 'bench-bucket',
        SECRET_NAME: 'bench/secret',
        INGEST_QUEUE_URL: 'http://127.0.0.1:1/000000000000/unused.fifo',
        ...(moto ? motoAwsEnv(moto) : { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' }),
      };
      if (moto) {
        const config = {
          endpoint: moto.endpoint,
          region: 'us-east-1',
          credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
        };
        const s3 = new S3Client({ ...config, forcePathStyle: true });
        await s3.send(new CreateBucketCommand({ Bucket: 'bench-bucket' }));
        await s3.send(new PutObjectCommand({ Bucket: 'bench-bucket', Key: 'snap/bench', Body: '{"snapshot":true}' }));
        await new SecretsManagerClient(config).send(
          new CreateSecretCommand({ Name: 'bench/secret', SecretString: '{"ADMIN_API_KEY":"bench"}' }),
        );
      }
      const variants = ['lite s3+secrets', 'sdk s3+secrets'];
      const samples: Record<string, { wall: number[]; importMs: number[]; firstWall: number[]; firstMs: number[] }> = {};
      const baseline: number[] = [];
      const runnerOnly: number[] = [];
      for (const v of variants) samples[v] = { wall: [], importMs: [], firstWall: [], firstMs: [] };
      for (let i = 0; i < RUNS; i += 1) {
        baseline.push((await run(['-e', 'console.log(1)'], env)).answerMs);
        runnerOnly.push((await run([runner, empty], env)).answerMs);
        for (const v of variants) {
          const s = samples[v] as (typeof samples)[string];
          const file = (bundles[v] as { file: string }).file;
          const imported = await run([runner, file], env);
          if (imported.code !== 0) throw new Error(`${v}: ${imported.stderr.slice(0, 400)}`);
          s.wall.push(imported.answerMs);
          s.importMs.push(JSON.parse(imported.stdout).importMs);
          if (moto) {
            const first = await run([runner, file, 'first'], env);
            if (first.code !== 0) throw new Error(`${v} first request: ${first.stderr.slice(0, 400)}`);
            const parsed = JSON.parse(first.stdout) as { importMs: number; firstRequestMs: number };
            s.firstWall.push(first.answerMs);
            s.firstMs.push(parsed.importMs + parsed.firstRequestMs);
          }
        }
      }
      rows.push([
        'node baseline',
        `${median(baseline).toFixed(1)} ms`,
        `a fresh \`node -e 'console.log(1)'\`, spawn to its output, median of ${RUNS}`,
      ]);
      rows.push([
        'node + runner, empty module',
        `${median(runnerOnly).toFixed(1)} ms`,
        'spawn to output, the runner importing an empty module',
      ]);
      for (const v of variants) {
        const s = samples[v] as (typeof samples)[string];
        rows.push([
          `cold import ${v}`,
          `${median(s.importMs).toFixed(1)} ms`,
          `in process: import() of the bundle (clients constructed), median of ${RUNS}`,
        ]);
        rows.push([
          `cold import ${v} (wall)`,
          `${median(s.wall).toFixed(1)} ms`,
          `fresh process, spawn to its answer (${(median(s.wall) / median(baseline)).toFixed(2)}× baseline)`,
        ]);
        if (moto) {
          rows.push([
            `cold import + first request ${v}`,
            `${median(s.firstMs).toFixed(1)} ms`,
            'in process: import + secret prefetch + one blob read on loopback moto_server',
          ]);
          rows.push([
            `cold import + first request ${v} (wall)`,
            `${median(s.firstWall).toFixed(1)} ms`,
            `fresh process, spawn to its answer (${(median(s.firstWall) / median(baseline)).toFixed(2)}× baseline)`,
          ]);
        }
      }
      if (!moto) rows.push(['first request', 'skipped', 'moto_server is not on the PATH']);
    } finally {
      await moto?.stop();
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map((r) => (r[0] ?? '').length));
  const valueWidth = Math.max(...rows.map((r) => (r[1] ?? '').length));
  for (const [name, value, method] of rows) console.log(`${(name ?? '').padEnd(width)}  ${(value ?? '').padStart(valueWidth)}  ${method}`);
}

await main();
