/**
 * The functions exactly as `cdk deploy` would ship them: the CDK app synthesised in a child process
 * (nothing here imports the CDK app), each function's bundle found in the cloud assembly, its
 * environment taken from the template, and run in a fresh Node process against AWS APIs (moto)
 * provisioned from the same template. Used by the pre-deploy check and by `pnpm bench`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTION_ROLES, type FunctionRole } from '@agentic-memory/memory-core';
import { runProcess } from './child-process';

export interface SynthesizedFunction {
  readonly role: FunctionRole;
  readonly logicalId: string;
  readonly functionName: string;
  /** The bundle file Lambda loads (`index.mjs` in the asset folder). */
  readonly file: string;
  readonly bytes: number;
  readonly handler: string;
  readonly memorySize: number;
  readonly timeoutS: number;
  /** The template's environment variables: strings, or intrinsic references (`{ Ref: … }`). */
  readonly environment: Readonly<Record<string, unknown>>;
  /** Whether autoscaling keeps provisioned instances of it (their init runs at deploy, ahead of any call). */
  readonly provisioned: boolean;
}

export interface SynthesizedStack {
  readonly environmentName: string;
  readonly outDir: string;
  readonly template: Template;
  readonly functions: readonly SynthesizedFunction[];
}

interface Resource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
}
export interface Template {
  readonly Resources: Readonly<Record<string, Resource>>;
}

function cdkJsonContext(workspaceRoot: string): Record<string, unknown> {
  const file = join(workspaceRoot, 'cdk.json');
  if (!existsSync(file)) return {};
  return (JSON.parse(readFileSync(file, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
}

/** Runs the CDK app for one environment into `outDir` (bundling on, as `cdk synth` does). */
export async function synthesize(
  workspaceRoot: string,
  environmentName: string,
  outDir: string,
  /** More variables for the CDK app (tests point `HOME`, under which CDK caches asset fingerprints, into the temp folder). */
  extraEnv: Readonly<Record<string, string>> = {},
): Promise<SynthesizedStack> {
  const output = await runProcess(process.execPath, ['--import', 'tsx', join(workspaceRoot, 'infra', 'bin', 'app.ts')], {
    cwd: workspaceRoot,
    // cdk.json's feature flags, as `cdk synth` passes them: the template is the one that would deploy.
    env: {
      ...process.env,
      ...extraEnv,
      CDK_OUTDIR: outDir,
      CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJsonContext(workspaceRoot), env: environmentName }),
    },
  });
  if (output.status !== 0)
    throw new Error(`cdk synth of ${environmentName} failed (exit ${output.status}):\n${output.output.slice(-4000)}`);
  return readSynthesized(outDir, environmentName);
}

/** How the template can reference a function: itself, or one of its aliases (provisioned concurrency targets the alias). */
function refsOf(template: Template, functionId: string): string[] {
  const self = JSON.stringify({ Ref: functionId });
  const aliases = Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::Lambda::Alias' && JSON.stringify(r.Properties?.FunctionName ?? '').includes(self))
    .map(([id]) => JSON.stringify({ Ref: id }));
  return [self, ...aliases];
}

/** Reads a synthesised environment's template and finds each function's bundle. */
export function readSynthesized(outDir: string, environmentName: string): SynthesizedStack {
  const template = JSON.parse(readFileSync(join(outDir, `AgenticMemory-${environmentName}.template.json`), 'utf8')) as Template;
  const functions: SynthesizedFunction[] = [];
  const provisionedTargets = Object.values(template.Resources)
    .filter((r) => r.Type === 'AWS::ApplicationAutoScaling::ScalableTarget')
    .filter((r) => r.Properties?.ScalableDimension === 'lambda:function:ProvisionedConcurrency')
    .map((r) => JSON.stringify(r.Properties?.ResourceId ?? ''));
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const p = resource.Properties ?? {};
    const functionName = String(p.FunctionName);
    const role = FUNCTION_ROLES.find((r) => functionName.endsWith(`-${r}`));
    if (!role) continue;
    const key = String((p.Code as { S3Key?: string }).S3Key ?? '');
    const handler = String(p.Handler);
    const file = join(outDir, `asset.${key.replace(/\.zip$/, '')}`, `${handler.split('.')[0]}.mjs`);
    if (!existsSync(file)) throw new Error(`the bundle of ${functionName} is not in the cloud assembly (${file})`);
    functions.push({
      role,
      logicalId,
      functionName,
      file,
      bytes: statSync(file).size,
      handler,
      memorySize: Number(p.MemorySize),
      timeoutS: Number(p.Timeout),
      environment: ((p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>,
      provisioned: provisionedTargets.some((target) => refsOf(template, logicalId).some((ref) => target.includes(ref))),
    });
  }
  return { environmentName, outDir, template, functions };
}

/** What the template's secrets hold right after the first deploy: the template string, plus the generated key. */
export function secretsAsDeployed(template: Template): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::SecretsManager::Secret') continue;
    const p = resource.Properties ?? {};
    const generate = p.GenerateSecretString as
      | { SecretStringTemplate?: string; GenerateStringKey?: string; PasswordLength?: number }
      | undefined;
    if (typeof p.SecretString === 'string') out[logicalId] = JSON.parse(p.SecretString) as Record<string, string>;
    else if (generate?.SecretStringTemplate) {
      const values = JSON.parse(generate.SecretStringTemplate) as Record<string, string>;
      if (generate.GenerateStringKey)
        values[generate.GenerateStringKey] = randomBytes(24)
          .toString('hex')
          .slice(0, generate.PasswordLength ?? 32);
      out[logicalId] = values;
    } else out[logicalId] = {};
  }
  return out;
}

/** Creates on an AWS emulator what the template's functions reference: buckets, FIFO queues and secrets. */
export async function provisionFromTemplate(
  template: Template,
  endpoint: string,
  secretValues: Record<string, Record<string, string>>,
): Promise<Record<string, string>> {
  const aws = await import('@agentic-memory/provider-adapters/aws');
  const { CreateBucketCommand, PutBucketVersioningCommand } = await import('@aws-sdk/client-s3');
  const { CreateQueueCommand } = await import('@aws-sdk/client-sqs');
  const { CreateSecretCommand } = await import('@aws-sdk/client-secrets-manager');
  const clients = aws.createAwsClients({ endpoint, region: 'us-east-1' });
  const refs: Record<string, string> = {};
  const suffix = randomUUID().slice(0, 8);
  for (const [logicalId, resource] of Object.entries(template.Resources)) {
    if (resource.Type === 'AWS::S3::Bucket') {
      const bucket = `am-${logicalId.toLowerCase().slice(0, 40)}-${suffix}`;
      await clients.s3.send(new CreateBucketCommand({ Bucket: bucket }));
      await clients.s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
      refs[logicalId] = bucket;
    } else if (resource.Type === 'AWS::SQS::Queue') {
      const created = await clients.sqs.send(
        new CreateQueueCommand({ QueueName: `am-${logicalId.slice(0, 40)}-${suffix}.fifo`, Attributes: { FifoQueue: 'true' } }),
      );
      refs[logicalId] = String(created.QueueUrl);
    } else if (resource.Type === 'AWS::ApiGatewayV2::Api') {
      // No API on the emulator: its URL is only compared (reconcile's own base URL), never called.
      refs[`${logicalId}.ApiEndpoint`] = `https://${logicalId.toLowerCase()}.execute-api.us-east-1.amazonaws.com`;
    } else if (resource.Type === 'AWS::SecretsManager::Secret') {
      const created = await clients.secretsManager.send(
        new CreateSecretCommand({ Name: `am-${logicalId}-${suffix}`, SecretString: JSON.stringify(secretValues[logicalId] ?? {}) }),
      );
      refs[logicalId] = String(created.ARN);
    }
  }
  return refs;
}

/** The function's environment as Lambda would set it: references resolved, region and credentials added. */
export function lambdaEnvironment(
  fn: SynthesizedFunction,
  refs: Readonly<Record<string, string>>,
  endpoint: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    if (typeof value === 'string') env[name] = value;
    else {
      // A Ref, or a GetAtt of a resource the emulator has (refs keyed `<logicalId>.<attribute>`).
      const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      const ref = (value as { Ref?: string }).Ref ?? (getAtt ? `${getAtt[0]}.${getAtt[1]}` : undefined);
      if (!ref || refs[ref] === undefined) throw new Error(`${fn.functionName}: cannot resolve ${name} = ${JSON.stringify(value)}`);
      env[name] = refs[ref];
    }
  }
  return {
    PATH: process.env.PATH ?? '',
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_SESSION_TOKEN: 'testing-session',
    AWS_LAMBDA_FUNCTION_NAME: fn.functionName,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    // As Lambda sets it: a provisioned function's instances start at deploy, ahead of any call; pass
    // `on-demand` in `extra` for the cold start of a burst above them.
    AWS_LAMBDA_INITIALIZATION_TYPE: fn.provisioned ? 'provisioned-concurrency' : 'on-demand',
    AWS_ENDPOINT_URL: endpoint,
    ...env,
    ...extra,
  };
}

export interface BundleInvocation {
  /** Exit code of the process (0 when the bundle loaded and the handler answered). */
  readonly exitCode: number | null;
  /** Wall time of the whole process. */
  readonly processMs: number;
  /** Inside the process: bundle import (the function's init). */
  readonly initMs: number | null;
  /** Inside the process: the first invocation. */
  readonly firstRequestMs: number | null;
  readonly result: unknown;
  readonly error: string | null;
  readonly stderr: string;
}

/**
 * Imports a bundle in a fresh Node process with exactly `env`, then invokes its handler once with
 * `event` (and a Lambda-like context), as Lambda's init and first invocation would.
 */
export async function invokeBundle(
  file: string,
  env: Readonly<Record<string, string>>,
  event: unknown,
  runnerDir: string,
  /** The process is killed after this long (a hung init or request is a failure, not a hang). */
  timeoutMs = 60_000,
): Promise<BundleInvocation> {
  const runner = join(runnerDir, `invoke-${randomUUID().slice(0, 8)}.mjs`);
  writeFileSync(
    runner,
    [
      'const t0 = performance.now();',
      'let report = { initMs: null, firstRequestMs: null, result: null, error: null };',
      'try {',
      `  const { handler } = await import(${JSON.stringify(file)});`,
      '  report.initMs = performance.now() - t0;',
      '  const t1 = performance.now();',
      `  const context = { functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, awsRequestId: 'check', invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:check', memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, getRemainingTimeInMillis: () => 10000 };`,
      `  report.result = await handler(${JSON.stringify(event)}, context);`,
      '  report.firstRequestMs = performance.now() - t1;',
      '} catch (error) {',
      '  report.error = String(error && error.stack || error);',
      '  process.exitCode = 1;',
      '}',
      "process.stdout.write('\\n@@INVOCATION ' + JSON.stringify(report) + '\\n');",
    ].join('\n'),
  );
  const run = await runProcess(process.execPath, [runner], { env: { ...env }, timeoutMs });
  const { status: code, stdout, ms: processMs } = run;
  const stderr = code === null && processMs >= timeoutMs ? `${run.stderr}\nkilled after ${timeoutMs} ms` : run.stderr;
  const line = stdout.split('\n').find((l) => l.startsWith('@@INVOCATION '));
  const report = line
    ? (JSON.parse(line.slice('@@INVOCATION '.length)) as Pick<BundleInvocation, 'initMs' | 'firstRequestMs' | 'result' | 'error'>)
    : { initMs: null, firstRequestMs: null, result: null, error: `the process ended before the handler answered (exit ${code})` };
  return { exitCode: code, processMs, ...report, stderr: `${stderr}${stdout.replace(line ?? '', '')}`.trim() };
}
