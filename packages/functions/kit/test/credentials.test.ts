import { PROVIDERS, type Provider, type SecretName } from '@agentic-memory/memory-core';
import { platformAdapter, signElevenLabs } from '@agentic-memory/provider-adapters';
import { EnvSecrets } from '@agentic-memory/provider-adapters/embedded';
import { adminAuthenticator, authenticatorFor } from '../src/authenticators';
import { credentialProblem, PLATFORM_CREDENTIALS, previousOf, ROTATING_CREDENTIALS, secretsToSetBeforeTraffic } from '../src/credentials';
import type { HttpEvent } from '../src/http';
import { apiGatewayEvent } from '../src/lambda-shapes';
import { captureMetrics, runInvocation } from '../src/observability';

const NOW = Date.UTC(2026, 10, 30, 12);
const clock = { now: () => NOW };

function event(path: string, headers: Record<string, string>, body = '{}', extra: Partial<HttpEvent> = {}): HttpEvent {
  const e = apiGatewayEvent({
    method: 'POST',
    path,
    query: '',
    headers,
    body: Buffer.from(body),
    sourceIp: '203.0.113.1',
    routeKey: `POST ${path}`,
    now: NOW,
  });
  return { ...e, rawBody: Buffer.from(body), ...extra } as HttpEvent;
}

function secrets(values: Record<string, string>) {
  return new EnvSecrets(values);
}

/** Runs an authenticator inside an invocation and returns its outcome and the MissingCredential lines it emitted. */
async function check(run: () => Promise<unknown>): Promise<{ outcome: unknown; missing: string[] }> {
  const lines: string[] = [];
  captureMetrics((line) => lines.push(line));
  try {
    const outcome = await runInvocation('test', 'conversation-start', run);
    const missing = lines
      .map((l) => JSON.parse(l) as { secret?: string; MissingCredential?: number })
      .filter((l) => l.MissingCredential !== undefined)
      .map((l) => String(l.secret));
    return { outcome, missing };
  } finally {
    captureMetrics(null);
  }
}

describe('the credential table', () => {
  it.each(PROVIDERS.map((p) => [p]))('%s: its adapter checks requests with exactly the credentials the table lists', async (provider) => {
    const asked = new Set<SecretName>();
    const lookup = async (name: SecretName) => {
      asked.add(name);
      return 'some-value-0123456789';
    };
    for (const role of ['conversation-start', 'memory-search', 'webhook-intake'] as const) {
      for (const headers of [{}, { 'x-signature': 'bad', 'x-timestamp': '1' }]) {
        await platformAdapter(provider as Provider).authenticate(
          role,
          { path: '/', headers, rawBody: Buffer.from('{}'), body: undefined },
          lookup,
          NOW,
        );
      }
    }
    expect([...asked].sort()).toEqual([...PLATFORM_CREDENTIALS[provider as Provider]].sort());
  });

  it('gives every presented credential a previous value, and names what a deployment needs before traffic', () => {
    for (const name of ROTATING_CREDENTIALS) expect(previousOf(name)).toBe(`${name}_PREVIOUS`);
    expect(previousOf('MEM0_API_KEY')).toBeNull();
    expect(secretsToSetBeforeTraffic(['elevenlabs', 'retell'])).toEqual([
      'MEM0_API_KEY',
      'ELEVENLABS_WORKSPACE_KEY',
      'ELEVENLABS_HMAC_KEY',
      'ELEVENLABS_API_KEY',
      'RETELL_API_KEY',
    ]);
  });

  it.each([
    ['', 'missing'],
    ['   ', 'missing'],
    [null, 'missing'],
    ['<your mem0 key>', 'placeholder'],
    ['CHANGE_ME', 'placeholder'],
    ['changeme', 'placeholder'],
    ['TODO', 'placeholder'],
    [`$${'{'}MEM0_API_KEY}`, 'placeholder'],
    ['xxxxxxxx', 'placeholder'],
    ['your-api-key', 'placeholder'],
    ['paste-key-here', 'placeholder'],
    ['m0-Kq3v9Zx1', null],
    ['wsec_0123456789abcdef', null],
  ])('%j is %s', (value, problem) => {
    expect(credentialProblem(value)).toBe(problem);
  });
});

describe('platform authentication', () => {
  const start = authenticatorFor('conversation-start');

  it('refuses with a log line and a MissingCredential metric when the credential is a placeholder', async () => {
    const deps = { secrets: secrets({ ELEVENLABS_WORKSPACE_KEY: 'REPLACE_ME' }), clock };
    const { outcome, missing } = await check(() => start(event('/client-data', { 'x-workspace-key': 'REPLACE_ME' }), deps));
    expect(outcome).toEqual({ ok: false, code: 'unauthorized', reason: 'ELEVENLABS_WORKSPACE_KEY is not configured' });
    expect(missing).toEqual(['ELEVENLABS_WORKSPACE_KEY']);
  });

  it('accepts the current and, during a rotation, the previous value; nothing else', async () => {
    const deps = {
      secrets: secrets({ ELEVENLABS_WORKSPACE_KEY: 'new-key-0123456789', ELEVENLABS_WORKSPACE_KEY_PREVIOUS: 'old-key-0123456789' }),
      clock,
    };
    for (const [key, ok] of [
      ['new-key-0123456789', true],
      ['old-key-0123456789', true],
      ['other-key-0123456789', false],
    ] as const) {
      const { outcome, missing } = await check(() => start(event('/client-data', { 'x-workspace-key': key }), deps));
      expect({ key, ok: (outcome as { ok: boolean }).ok }).toEqual({ key, ok });
      expect(missing).toEqual([]);
    }
    // Once the rotation is over (previous emptied), the old value is refused.
    const after = { secrets: secrets({ ELEVENLABS_WORKSPACE_KEY: 'new-key-0123456789', ELEVENLABS_WORKSPACE_KEY_PREVIOUS: '' }), clock };
    expect(
      ((await check(() => start(event('/client-data', { 'x-workspace-key': 'old-key-0123456789' }), after))).outcome as { ok: boolean }).ok,
    ).toBe(false);
  });

  it('verifies a post-call HMAC signed with the previous ElevenLabs secret during its rotation', async () => {
    const body = JSON.stringify({ type: 'post_call_transcription', data: {} });
    const signature = signElevenLabs(Buffer.from(body), 'wsec_old_0123456789', Math.floor(NOW / 1000));
    const intake = authenticatorFor('webhook-intake');
    const rotating = {
      secrets: secrets({ ELEVENLABS_HMAC_KEY: 'wsec_new_0123456789', ELEVENLABS_HMAC_KEY_PREVIOUS: 'wsec_old_0123456789' }),
      clock,
    };
    expect((await check(() => intake(event('/post-call', { 'elevenlabs-signature': signature }, body), rotating))).outcome).toEqual({
      ok: true,
    });
    const done = { secrets: secrets({ ELEVENLABS_HMAC_KEY: 'wsec_new_0123456789' }), clock };
    expect(
      ((await check(() => intake(event('/post-call', { 'elevenlabs-signature': signature }, body), done))).outcome as { ok: boolean }).ok,
    ).toBe(false);
  });
});

describe('admin authentication', () => {
  it('iam: accepts only what API Gateway authorised (an IAM identity in the request context), whatever the key', async () => {
    const iam = adminAuthenticator('iam');
    const deps = { secrets: secrets({ ADMIN_API_KEY: 'admin-key-0123456789' }), clock };
    const signed = event('/v1/users/%2B15550100123/insights', {}, '', {
      requestContext: {
        ...event('/x', {}).requestContext,
        authorizer: { iam: { accountId: '123456789012', userArn: 'arn:aws:iam::123456789012:user/ops' } },
      },
    } as Partial<HttpEvent>);
    expect((await check(() => iam(signed, deps))).outcome).toEqual({ ok: true });
    const keyOnly = event('/v1/users/%2B15550100123/insights', { 'x-admin-key': 'admin-key-0123456789' });
    expect((await check(() => iam(keyOnly, deps))).outcome).toMatchObject({ ok: false, code: 'unauthorized' });
  });

  it('key: X-Admin-Key against the current or previous value; missing key reported', async () => {
    const key = adminAuthenticator('key');
    const deps = { secrets: secrets({ ADMIN_API_KEY: 'admin-new-0123456789', ADMIN_API_KEY_PREVIOUS: 'admin-old-0123456789' }), clock };
    for (const [presented, ok] of [
      ['admin-new-0123456789', true],
      ['admin-old-0123456789', true],
      ['admin-x-0123456789', false],
    ] as const) {
      const { outcome } = await check(() => key(event('/v1/users/x/insights', { 'x-admin-key': presented }), deps));
      expect({ presented, ok: (outcome as { ok: boolean }).ok }).toEqual({ presented, ok });
    }
    const unset = await check(() => key(event('/v1/users/x/insights', { 'x-admin-key': '' }), { secrets: secrets({}), clock }));
    expect(unset.outcome).toEqual({ ok: false, code: 'unauthorized', reason: 'ADMIN_API_KEY is not configured' });
    expect(unset.missing).toEqual(['ADMIN_API_KEY']);
  });
});

describe('the Lambda memory store without its key', () => {
  it('fails each call (never the init) with a clear error and the metric, and works once the key is set — no redeploy', async () => {
    const { lambdaMemoryStore } = await import('../src/lambda-memory-store');
    const { testRoleConfig } = await import('../src/testing');
    const values: Record<string, string> = { MEM0_API_KEY: '<paste the Mem0 key>' };
    const store = lambdaMemoryStore(secrets(values), { MEM0_HOST: 'http://127.0.0.1:9' }, clock, testRoleConfig('prod').agentTypes);
    const { outcome, missing } = await check(() => store.search({ userId: 'u', text: 'q', limit: 1 }).catch((e: Error) => e));
    expect(outcome).toMatchObject({
      name: 'MemoryStoreError',
      kind: 'unauthorized',
      message: 'MEM0_API_KEY is a placeholder in the environment secret',
    });
    expect(missing).toEqual(['MEM0_API_KEY']);
    values.MEM0_API_KEY = 'm0-real-looking-key-0123';
    // The store is now created: the call reaches Mem0 (nothing listens on port 9, so it fails there instead).
    const second = await check(() => store.search({ userId: 'u', text: 'q', limit: 1 }).catch((e: Error) => e));
    expect(second.missing).toEqual([]);
    expect(String((second.outcome as Error).message)).not.toContain('MEM0_API_KEY');
  });
});
