/**
 * The pre-deploy check: every bundle `cdk deploy` would ship, run the way Lambda first runs it —
 * imported in a fresh Node process with exactly the environment the template gives it, against
 * AWS APIs (moto) provisioned from the same template, with the secret values the template creates —
 * then invoked once with a representative event of its trigger. It catches the class of bug that
 * makes a first deploy roll back: a function whose init fails (provisioned concurrency runs the init
 * during stack creation), or whose first request crashes, on what a fresh deployment holds.
 *
 * Three states of the environment's secret are checked, in order:
 * - `as-deployed`: what CloudFormation creates (the generated caller-id pepper, every other key
 *   empty). Every function must start and answer; requests are refused (401), the worker retries.
 * - `platform-keys`: the platforms' keys set, the Mem0 key still a placeholder. Call start and
 *   recall answer 200 (degraded), the intake stores and queues (200), the worker retries.
 * - `configured`: every key set, Mem0 on a loopback contract server: everything answers 200 and the
 *   worker ingests.
 */
import { randomUUID } from 'node:crypto';
import type { FunctionRole } from '@agentic-memory/memory-core';
import { representativeEvent, workerPayload } from './representative-events';
import { invokeBundle, lambdaEnvironment, provisionFromTemplate, type SynthesizedStack, secretsAsDeployed } from './synthesized-bundles';

export type SecretState = 'as-deployed' | 'platform-keys' | 'configured';
export const SECRET_STATES: readonly SecretState[] = ['as-deployed', 'platform-keys', 'configured'];

/** The keys an operator sets (synthetic values: the check never sees a real secret). */
const PLATFORM_KEYS = {
  ELEVENLABS_WORKSPACE_KEY: 'check-workspace-key-0123456789',
  ELEVENLABS_HMAC_KEY: 'wsec_check_0123456789abcdef0123456789abcdef',
  VAPI_SECRET: 'check-vapi-secret-0123456789',
  RETELL_API_KEY: 'check-retell-key-0123456789',
  GENERIC_API_KEY: 'check-generic-key-0123456789',
  ADMIN_API_KEY: 'check-admin-key-0123456789',
} as const;
const MEM0_KEY = 'm0-check-key-0123456789';
const ELEVENLABS_API_KEY = 'xi-check-key-0123456789';
/** The ElevenLabs API key the `configured` state uses: start the contract server with it. */
export const PREDEPLOY_ELEVENLABS_KEY = ELEVENLABS_API_KEY;

export interface RoleCheck {
  readonly state: SecretState;
  readonly role: FunctionRole;
  readonly ok: boolean;
  /** What happened: `init failed: …`, `threw: …`, `answered 200`, `retried 1 message`… */
  readonly outcome: string;
  /** What was expected when it was not. */
  readonly expected?: string;
  readonly initMs: number | null;
  readonly stderr: string;
}

export interface PredeployReport {
  readonly environment: string;
  readonly checks: readonly RoleCheck[];
  readonly ok: boolean;
}

export interface PredeployOptions {
  readonly stack: SynthesizedStack;
  /** The AWS emulator (moto) endpoint. */
  readonly endpoint: string;
  /** A folder for the runner scripts. */
  readonly scratch: string;
  /** The Mem0 contract server for the `configured` state (its API key must be MEM0_KEY). Without it, that state is skipped. */
  readonly mem0Host?: string;
  /** The ElevenLabs contract server for the `configured` state (its API key must be PREDEPLOY_ELEVENLABS_KEY). @default - none: reconcile fails without its key */
  readonly elevenLabsHost?: string;
  /** The states to check. @default SECRET_STATES */
  readonly states?: readonly SecretState[];
  /** Per invocation (import + first request). @default 30 s */
  readonly timeoutMs?: number;
}

/** The Mem0 API key the `configured` state uses: start the contract server with it. */
export const PREDEPLOY_MEM0_KEY = MEM0_KEY;

type Answer = { statusCode?: number; batchItemFailures?: unknown[] } | null;

interface Expectation {
  readonly test: (a: Answer) => boolean;
  readonly text: string;
  /** A run that throws this is the designed answer (a scheduled run that fails loudly: its alarm fires). */
  readonly throws?: RegExp;
}

/** What each role must answer in each state; null = anything but a failure. */
function expectation(role: FunctionRole, state: SecretState, elevenLabs: boolean): Expectation | null {
  const status = (...codes: number[]) => ({ test: (a: Answer) => codes.includes(a?.statusCode ?? -1), text: `HTTP ${codes.join(' or ')}` });
  const retried = { test: (a: Answer) => (a?.batchItemFailures?.length ?? 0) > 0, text: 'the message retried (batchItemFailures)' };
  const ingested = {
    test: (a: Answer) => Array.isArray(a?.batchItemFailures) && a.batchItemFailures.length === 0,
    text: 'the message ingested',
  };
  switch (role) {
    case 'conversation-start':
    case 'memory-search':
    case 'webhook-intake':
      return state === 'as-deployed' ? status(401) : status(200);
    case 'insights':
      // IAM-authorised on AWS: the memory store is what it needs; unavailable → 503, never a crash.
      return state === 'configured' ? status(200) : status(200, 503);
    case 'ingest-worker':
      return state === 'configured' ? ingested : retried;
    case 'reconcile':
      // Without its ElevenLabs API key the hourly run fails saying so (its Failed alarm fires); with it, it runs.
      return state === 'configured' && elevenLabs
        ? null
        : { test: () => false, text: 'a failed run naming ELEVENLABS_API_KEY', throws: /ELEVENLABS_API_KEY is not set/ };
    default:
      return null;
  }
}

function describe(answer: Answer, raw: unknown): string {
  if (answer && typeof answer.statusCode === 'number') return `answered ${answer.statusCode}`;
  if (answer && Array.isArray(answer.batchItemFailures))
    return answer.batchItemFailures.length > 0 ? `retried ${answer.batchItemFailures.length} message(s)` : 'processed the batch';
  return `returned ${JSON.stringify(raw)?.slice(0, 120)}`;
}

/** Runs every function of the stack in each secret state. */
export async function checkDeploy(options: PredeployOptions): Promise<PredeployReport> {
  const { stack, endpoint } = options;
  const states = (options.states ?? SECRET_STATES).filter((s) => s !== 'configured' || options.mem0Host);
  const checks: RoleCheck[] = [];
  for (const state of states) {
    const secrets = secretsAsDeployed(stack.template);
    for (const values of Object.values(secrets)) {
      if (state !== 'as-deployed')
        Object.assign(values, PLATFORM_KEYS, { MEM0_API_KEY: state === 'configured' ? MEM0_KEY : '<paste the Mem0 API key>' });
      if (state === 'configured' && options.elevenLabsHost) values.ELEVENLABS_API_KEY = ELEVENLABS_API_KEY;
    }
    const refs = await provisionFromTemplate(stack.template, endpoint, secrets);
    const presented = state === 'as-deployed' ? {} : PLATFORM_KEYS;
    for (const fn of stack.functions) {
      const env = lambdaEnvironment(fn, refs, endpoint, {
        // Never the real Mem0: the contract server, or a loopback port nothing listens on.
        MEM0_HOST: options.mem0Host ?? 'http://127.0.0.1:9',
        ELEVENLABS_API_URL: options.elevenLabsHost ?? 'http://127.0.0.1:9',
        POWERTOOLS_METRICS_DISABLED: 'true',
      });
      const conversationId = `conv_check_${fn.role}_${randomUUID().slice(0, 8)}`;
      if (fn.role === 'ingest-worker' && env.BLOB_BUCKET) {
        const { S3BlobStore, createS3Client } = await import('@agentic-memory/provider-adapters/aws');
        const payload = workerPayload(conversationId);
        await new S3BlobStore(createS3Client({ endpoint, region: 'us-east-1' }), env.BLOB_BUCKET).put(payload.key, payload.body);
      }
      const run = await invokeBundle(
        fn.file,
        env,
        representativeEvent(fn.role, presented, { conversationId }),
        options.scratch,
        options.timeoutMs ?? 30_000,
      );
      const answer = (run.result ?? null) as Answer;
      let ok = false;
      let outcome: string;
      let expected: string | undefined;
      const want = expectation(fn.role, state, Boolean(options.elevenLabsHost));
      if (run.initMs === null) outcome = `init failed: ${firstLine(run.error)}`;
      else if (run.error) {
        outcome = `threw: ${firstLine(run.error)}`;
        ok = Boolean(want?.throws?.test(run.error));
        if (!ok && want?.throws) expected = want.text;
      } else {
        outcome = describe(answer, run.result);
        ok = want ? want.test(answer) : true;
        if (want && !ok) expected = want.text;
        if (answer?.statusCode !== undefined && answer.statusCode >= 500 && !(fn.role === 'insights' && answer.statusCode === 503))
          ok = false;
      }
      checks.push({ state, role: fn.role, ok, outcome, expected, initMs: run.initMs, stderr: run.stderr.slice(-2000) });
    }
  }
  if (stack.functions.length === 0) throw new Error(`no function of ${stack.environmentName} was found in the cloud assembly`);
  return { environment: stack.environmentName, checks, ok: checks.every((c) => c.ok) };
}

function firstLine(text: string | null): string {
  return (text ?? '').split('\n')[0]?.slice(0, 300) ?? '';
}

/** The report as a table (one line per state and role) and a verdict. */
export function formatReport(report: PredeployReport): string {
  const rows = report.checks.map(
    (c) =>
      `${c.ok ? 'ok  ' : 'FAIL'}  ${c.state.padEnd(13)} ${c.role.padEnd(18)} ${c.outcome}${c.expected ? ` (expected ${c.expected})` : ''}${c.initMs === null ? '' : `  [init ${Math.round(c.initMs)} ms]`}`,
  );
  const failed = report.checks.filter((c) => !c.ok);
  return [
    `Pre-deploy check of ${report.environment}: every bundle of the cloud assembly, in a fresh process with the template's environment, on moto`,
    ...rows,
    failed.length === 0
      ? `${report.checks.length} checks passed: every function starts and answers on what a fresh deployment holds`
      : `${failed.length} of ${report.checks.length} checks failed`,
  ].join('\n');
}
