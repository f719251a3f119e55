import { type Clock, isSecretName, type SecretName, type Secrets } from '@agentic-memory/memory-core';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SECRETS_MAX_AGE_MS } from './secrets-max-age';

export { SECRETS_MAX_AGE_MS };

/**
 * The environment's one JSON secret in Secrets Manager (keys = the variable names of the
 * operational interface), read through Powertools Parameters. Prefetch it at init; afterwards a
 * value older than the max age is refreshed in the background while the cached one is served, so
 * the hot path never waits for Secrets Manager. `refresh()` fetches now (after a failed credential
 * check, in case the secret was rotated).
 */
export class SecretsManagerSecrets implements Secrets {
  private readonly provider: SecretsProvider;
  private values: Partial<Record<SecretName, string>> | null = null;
  private fetchedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(
    client: SecretsManagerClient,
    readonly secretId: string,
    private readonly clock: Clock,
    private readonly maxAgeMs = SECRETS_MAX_AGE_MS,
  ) {
    this.provider = new SecretsProvider({ awsSdkV3Client: client });
  }

  /** Fetches the secret now; call at init so the first request does not wait. */
  prefetch(): Promise<void> {
    return this.load(false);
  }

  async get(name: SecretName): Promise<string | null> {
    if (this.values === null) await this.load(false);
    else if (this.clock.now() - this.fetchedAt > this.maxAgeMs) this.load(true).catch(() => undefined);
    const value = this.values?.[name];
    return value && value.length > 0 ? value : null;
  }

  refresh(): Promise<void> {
    return this.load(true);
  }

  private load(force: boolean): Promise<void> {
    this.loading ??= (async () => {
      const raw = await this.provider.get(this.secretId, { transform: 'json', forceFetch: force, maxAge: Math.ceil(this.maxAgeMs / 1000) });
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`secret ${this.secretId} is not a JSON object`);
      const values: Partial<Record<SecretName, string>> = {};
      for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
        if (isSecretName(key) && typeof value === 'string') values[key] = value;
      }
      this.values = values;
      this.fetchedAt = this.clock.now();
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }
}
