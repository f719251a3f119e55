/** @requires-tool moto_server */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot, loadConfig, roleConfigOf } from '@agentic-memory/config';
import { ElevenLabsContractServer } from '@agentic-memory/provider-adapters/testing/elevenlabs';
import { Mem0ContractServer } from '@agentic-memory/provider-adapters/testing/mem0';
import { type MotoServer, startMoto } from '@agentic-memory/provider-adapters/testing/moto';
import { checkDeploy, formatReport, PREDEPLOY_ELEVENLABS_KEY, PREDEPLOY_MEM0_KEY } from '../src/predeploy-check';
import { type SynthesizedFunction, type SynthesizedStack, synthesize, type Template } from '../src/synthesized-bundles';

/** A one-function stack around a hand-written bundle, with the template shape the CDK app gives it. */
function stackWith(dir: string, name: string, source: string): SynthesizedStack {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, source);
  const template: Template = {
    Resources: {
      Blobs: { Type: 'AWS::S3::Bucket', Properties: {} },
      Secret: {
        Type: 'AWS::SecretsManager::Secret',
        Properties: { GenerateSecretString: { SecretStringTemplate: '{"MEM0_API_KEY":""}', GenerateStringKey: 'CALLER_ID_PEPPER' } },
      },
    },
  };
  const fn: SynthesizedFunction = {
    role: 'conversation-start',
    logicalId: 'Fn',
    functionName: `agentic-memory-check-${name}`,
    file,
    bytes: source.length,
    handler: 'index.handler',
    memorySize: 128,
    timeoutS: 3,
    environment: { SECRET_ARN: { Ref: 'Secret' }, BLOB_BUCKET: { Ref: 'Blobs' }, MEMORY_STORE: 'mem0' },
    provisioned: true,
  };
  return { environmentName: 'check', outDir: dir, template, functions: [fn] };
}

describe('the pre-deploy check', () => {
  let moto: MotoServer;
  let dir: string;

  beforeAll(async () => {
    moto = await startMoto();
    dir = mkdtempSync(join(tmpdir(), 'am-predeploy-'));
  });
  afterAll(async () => {
    await moto.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('fails a bundle that throws at init — the first deploy’s rollback — naming the error', async () => {
    // What every function did before the lean-functions change: Mem0 created at import, the key empty.
    const stack = stackWith(
      dir,
      'throws-at-init',
      "if (!process.env.MEM0_API_KEY) throw new Error('MEM0_API_KEY is required');\nexport const handler = async () => ({ statusCode: 200 });\n",
    );
    const report = await checkDeploy({ stack, endpoint: moto.endpoint, scratch: dir, states: ['as-deployed'] });
    expect(report.ok).toBe(false);
    expect(report.checks).toEqual([
      expect.objectContaining({
        state: 'as-deployed',
        role: 'conversation-start',
        ok: false,
        outcome: 'init failed: Error: MEM0_API_KEY is required',
        initMs: null,
      }),
    ]);
    expect(formatReport(report)).toContain('1 of 1 checks failed');
  }, 30_000);

  it('fails a bundle whose first request throws, one that hangs, and one that answers what the state does not allow', async () => {
    const throws = stackWith(dir, 'throws-on-request', "export const handler = async () => { throw new Error('boom'); };\n");
    expect((await checkDeploy({ stack: throws, endpoint: moto.endpoint, scratch: dir, states: ['as-deployed'] })).checks[0]).toMatchObject({
      ok: false,
      outcome: 'threw: Error: boom',
    });
    const hangs = stackWith(
      dir,
      'hangs',
      'await new Promise(() => setInterval(() => {}, 1000));\nexport const handler = async () => ({});\n',
    );
    const hung = await checkDeploy({ stack: hangs, endpoint: moto.endpoint, scratch: dir, states: ['as-deployed'], timeoutMs: 2_000 });
    expect(hung.checks[0]).toMatchObject({ ok: false, initMs: null });
    expect(hung.checks[0]?.stderr).toContain('killed after 2000 ms');
    // An unauthenticated call start must be refused while the secret is empty.
    const open = stackWith(dir, 'answers-anyone', 'export const handler = async () => ({ statusCode: 200, body: "{}" });\n');
    expect((await checkDeploy({ stack: open, endpoint: moto.endpoint, scratch: dir, states: ['as-deployed'] })).checks[0]).toMatchObject({
      ok: false,
      outcome: 'answered 200',
      expected: 'HTTP 401',
    });
  }, 60_000);

  it('passes every prod bundle from the cloud assembly in every secret state (synthesised with bundling, as cdk deploy does)', async () => {
    const mem0 = new Mem0ContractServer(PREDEPLOY_MEM0_KEY);
    const elevenLabs = new ElevenLabsContractServer(PREDEPLOY_ELEVENLABS_KEY);
    const outDir = join(dir, 'cdk.out');
    try {
      const stack = await synthesize(findWorkspaceRoot(), 'prod', outDir, { HOME: join(dir, 'home') });
      // The provisioned roles start as at deploy (their init waits for the secret); the rest on demand.
      const provisioned = stack.functions.filter((f) => f.provisioned).map((f) => f.role);
      expect(provisioned.sort()).toEqual([...roleConfigOf(loadConfig('prod')).environment.provisioned_roles].sort());
      const report = await checkDeploy({
        stack,
        endpoint: moto.endpoint,
        scratch: dir,
        mem0Host: await mem0.start(),
        elevenLabsHost: await elevenLabs.start(),
      });
      expect({ ok: report.ok, report: formatReport(report) }).toEqual({ ok: true, report: expect.stringContaining('checks passed') });
      expect(report.checks).toHaveLength(stack.functions.length * 3);
    } finally {
      await elevenLabs.stop();
      await mem0.stop();
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 300_000);
});
