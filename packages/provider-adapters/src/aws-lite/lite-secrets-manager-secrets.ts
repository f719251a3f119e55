import { type Clock, isSecretName, type SecretName, type Secrets } from '@agentic-memory/memory-core';
import { SECRETS_MAX_AGE_MS } from '../aws/secrets-max-age';
import { type AwsJsonService, callAwsJson } from './aws-json-protocol';
import type { LiteAwsClient } from './lite-aws-client';

const SECRETS_MANAGER: AwsJsonService = { service: 'secretsmanager', targetPrefix: 'secretsmanager', jsonVersion: '1.1' };

/** Parses the environment secret's SecretString: a JSON object whose keys are secret names. */
export function parseEnvironmentSecret(secretId: string, secretString: string): Partial<Record<SecretName, string>> {
  let raw: unknown;
  try {
    raw = JSON.parse(secretString);
  } catch {
    throw new Error(`secret ${secretId} is not a JSON object`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`secret ${secretId} is not a JSON object`);
  const values: Partial<Record<SecretName, string>> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (isSecretName(key) && typeof value === 'string') values[key] = value;
  }
  return values;
}

/**
 * The environment's one JSON secret in Secrets Manager (keys = the variable names of the
 * operational interface), read with GetSecretValue over the JSON protocol — the same behaviour as
 * SecretsManagerSecrets without the SDK: prefetch at init; afterwards a value older than the max
 * age (≥ 5 min) is refreshed in the background while the cached one is served, so the hot path
 * never waits for Secrets Manager; `refresh()` fetches now (after a failed credential check).
 * Concurrent loads share one request.
 */
export class LiteSecretsManagerSecrets implements Secrets {
  private values: Partial<Record<SecretName, string>> | null = null;
  private fetchedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    private readonly client: LiteAwsClient,
    readonly secretId: string,
    private readonly clock: Clock,
    private readonly maxAgeMs = SECRETS_MAX_AGE_MS,
  ) {
    if (secretId.trim() === '') throw new Error('LiteSecretsManagerSecrets: the secret id is empty');
  }

  /** Fetches the secret now; call at init so the first request does not wait. */
  prefetch(): Promise<void> {
    return this.load();
  }

  async get(name: SecretName): Promise<string | null> {
    if (this.values === null) await this.load();
    else if (this.clock.now() - this.fetchedAt > this.maxAgeMs) this.load().catch(() => undefined);
    const value = this.values?.[name];
    return value && value.length > 0 ? value : null;
  }

  refresh(): Promise<void> {
    return this.load();
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      const res = await callAwsJson<{ SecretString?: unknown }>(this.client, SECRETS_MANAGER, 'GetSecretValue', {
        SecretId: this.secretId,
      });
      if (typeof res.SecretString !== 'string') throw new Error(`secret ${this.secretId} has no SecretString (a binary secret?)`);
      this.values = parseEnvironmentSecret(this.secretId, res.SecretString);
      this.fetchedAt = this.clock.now();
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }
}
