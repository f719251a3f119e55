import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretName } from '@agentic-memory/memory-core';
import { writeFileAtomic } from './text-files';

/** Secrets `pnpm start` generates on first start when neither the environment nor the file has them. */
export const GENERATED_SECRETS: Readonly<Partial<Record<SecretName, string>>> = {
  ELEVENLABS_WORKSPACE_KEY: 'am_ws_',
  ELEVENLABS_HMAC_KEY: 'am_hmac_',
  VAPI_SECRET: 'am_vapi_',
  RETELL_API_KEY: 'am_retell_',
  GENERIC_API_KEY: 'am_generic_',
  ADMIN_API_KEY: 'am_admin_',
  CALLER_ID_PEPPER: 'am_pepper_',
};

export type SecretSource = 'environment' | 'file' | 'generated';

export interface LocalSecrets {
  readonly file: string;
  readonly values: Partial<Record<SecretName, string>>;
  readonly sources: Partial<Record<SecretName, SecretSource>>;
}

/**
 * Loads `DATA_DIR/secrets.json`, generates what is missing (neither in the environment nor in the
 * file), and writes the file back (mode 0600, atomically). Environment variables always win.
 */
export function ensureLocalSecrets(dataDir: string, env: Readonly<Record<string, string | undefined>>): LocalSecrets {
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<Record<SecretName, string>> = {};
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<SecretName, string>>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`${file} is not readable JSON: ${(error as Error).message}`);
  }
  const values: Partial<Record<SecretName, string>> = {};
  const sources: Partial<Record<SecretName, SecretSource>> = {};
  let changed = false;
  for (const [name, prefix] of Object.entries(GENERATED_SECRETS) as [SecretName, string][]) {
    const fromEnv = env[name];
    if (fromEnv) {
      values[name] = fromEnv;
      sources[name] = 'environment';
    } else if (stored[name]) {
      values[name] = stored[name];
      sources[name] = 'file';
    } else {
      stored[name] = `${prefix}${randomBytes(24).toString('base64url')}`;
      values[name] = stored[name];
      sources[name] = 'generated';
      changed = true;
    }
  }
  if (changed) {
    writeFileAtomic(file, `${JSON.stringify(stored, null, 2)}\n`, 0o600);
  }
  return { file, values, sources };
}

/**
 * The local secrets file, unless the secrets come from Secrets Manager (`AWS_BACKEND=aws` with
 * `SECRET_NAME`): then null, and nothing is generated on disk.
 */
export function localSecretsUnlessManaged(dataDir: string, env: Readonly<Record<string, string | undefined>>): LocalSecrets | null {
  const fromSecretsManager = env.AWS_BACKEND === 'aws' && Boolean(env.SECRET_NAME);
  return fromSecretsManager ? null : ensureLocalSecrets(dataDir, env);
}
