import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot, loadAgentTypes, loadConfig, MAX_LAMBDA_BODY_BYTES, validateEnvironment } from '../src';

const ROOT = findWorkspaceRoot();
const rawEnvironment = (name = 'local') => JSON.parse(readFileSync(join(ROOT, 'config', 'environments', `${name}.json`), 'utf8')) as Json;
const repoEnvironment = (name: string) => loadConfig(name).environment;

function envProblemsOf(mutate: (env: Json) => void, name = 'local'): string[] {
  const env = rawEnvironment(name);
  mutate(env);
  const result = validateEnvironment(env, loadAgentTypes());
  if (result.ok) return [];
  return result.problems.map((p) => `${p.path}: ${p.problem}`);
}

// biome-ignore lint/suspicious/noExplicitAny: tests poke at raw JSON
type Json = any;

describe('repository environments', () => {
  it.each(['local', 'dev', 'staging', 'prod'])('environment %s is valid, with the provisioned concurrency it should have', (name) => {
    const env = repoEnvironment(name);
    expect(env.name).toBe(name);
    const pc = env.functions['conversation-start'].provisioned_concurrency;
    // dev and local run without provisioned concurrency; staging and prod target 0.7 utilisation.
    if (name === 'dev' || name === 'local') expect(pc).toBeUndefined();
    else expect(pc?.target_utilization).toBe(0.7);
    if (name === 'prod') expect(pc).toMatchObject({ min: 1, max: 10 });
    expect(env.ingest.visibility_timeout_s).toBeGreaterThanOrEqual(6 * env.functions['ingest-worker'].timeout_s);
  });
});

describe('environment validation', () => {
  it('requires a default assistant for Vapi (an assistant-request must name one)', () => {
    expect(envProblemsOf((e) => delete e.agent_map.providers.vapi.default_platform_agent)).toContain(
      'agent_map.providers.vapi.default_platform_agent: required: an assistant-request must name the assistant that takes the call',
    );
  });

  it.each<[string, (e: Json) => void, string]>([
    [
      'visibility below 6× worker timeout',
      (e) => (e.ingest.visibility_timeout_s = 100),
      'ingest.visibility_timeout_s: expected at least 6 × functions.ingest-worker.timeout_s (360)',
    ],
    [
      'unknown default agent type',
      (e) => (e.agent_map.default_agent_type = 'nope'),
      'agent_map.default_agent_type: unknown agent type "nope"',
    ],
    [
      'map to a missing agent type',
      (e) => (e.agent_map.providers.elevenlabs.ids.agent_x = 'nope'),
      'agent_map.providers.elevenlabs.ids.agent_x: unknown agent type "nope"',
    ],
    [
      "map to another provider's agent type",
      (e) => (e.agent_map.providers.elevenlabs.ids.agent_x = 'generic_voice_agent'),
      'agent_map.providers.elevenlabs.ids.agent_x: agent type "generic_voice_agent" is for provider generic',
    ],
    ['bad region', (e) => (e.region = 'mars'), 'region: expected an AWS region'],
    ['bad account', (e) => (e.account = '123'), 'account: expected a 12-digit AWS account id'],
    ['log retention CloudWatch does not offer', (e) => (e.retention.log_days = 10), 'retention.log_days: expected one of'],
    ['batch above FIFO limit', (e) => (e.ingest.batch_size = 11), 'ingest.batch_size: expected at most 10'],
    [
      'body limit whose base64 event would exceed Lambda',
      (e) => (e.limits.max_body_bytes = MAX_LAMBDA_BODY_BYTES + 1),
      `limits.max_body_bytes: expected at most ${MAX_LAMBDA_BODY_BYTES}`,
    ],
    ['a route class without throttles', (e) => delete e.api.throttles.admin, 'api.throttles.admin: required'],
    [
      'canary without its share',
      (e) => (e.deployment = { strategy: 'canary', interval_minutes: 5 }),
      'deployment.percent: required for canary',
    ],
    [
      'all-at-once with an interval',
      (e) => (e.deployment = { strategy: 'all-at-once', interval_minutes: 5 }),
      'deployment.interval_minutes: not used by all-at-once',
    ],
    ['an unknown strategy', (e) => (e.deployment = { strategy: 'blue-green' }), 'deployment.strategy: expected a deployment strategy'],
    [
      'an opt-out beside recipients',
      (e) => (e.alarms.recipients = ['ops@example.org']),
      'alarms.no_recipients_reason: remove it: alarms.recipients has addresses',
    ],
    ['a token opt-out', (e) => (e.alarms.no_recipients_reason = 'no'), 'alarms.no_recipients_reason: expected a reason'],
    ['missing role', (e) => delete e.functions.insights, 'functions.insights: required'],
    ['bad email', (e) => e.budget.recipients.push('not-an-email'), 'budget.recipients[0]: expected an email address'],
    ['reconcile page above the API limit', (e) => (e.reconcile.page_size = 101), 'reconcile.page_size: expected at most 100'],
    [
      'reconcile run longer than its timeout',
      (e) => (e.reconcile.requests_per_second = 0.5),
      'functions.reconcile.timeout_s: expected at least 468 (a full reconcile run',
    ],
  ])('%s', (_kind, mutate, expected) => {
    expect(envProblemsOf(mutate).some((p) => p.startsWith(expected))).toBe(true);
  });

  it('checks provisioned concurrency bounds', () => {
    const problems = envProblemsOf((e) => {
      e.functions['conversation-start'].provisioned_concurrency.min = 5;
      e.functions['conversation-start'].provisioned_concurrency.max = 2;
      e.functions['conversation-start'].provisioned_concurrency.target_utilization = 1;
    }, 'prod');
    expect(problems).toEqual(
      expect.arrayContaining([
        'functions.conversation-start.provisioned_concurrency.max: expected at least min (5)',
        'functions.conversation-start.provisioned_concurrency.target_utilization: expected a number above 0 and below 1',
      ]),
    );
  });
});
