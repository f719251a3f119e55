import { GetSecretValueCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * Sets keys of the environment's one JSON secret, keeping the others (read, merge, put a new
 * version). For operator commands (`pnpm elevenlabs setup` storing the HMAC secret ElevenLabs
 * issues), never for a function: running functions pick the new version up within their cache age.
 */
export async function putSecretKeys(
  client: SecretsManagerClient,
  secretId: string,
  values: Readonly<Record<string, string>>,
): Promise<void> {
  const current = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  let parsed: unknown = {};
  if (current.SecretString) {
    try {
      parsed = JSON.parse(current.SecretString);
    } catch {
      throw new Error(`secret ${secretId} is not a JSON object`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`secret ${secretId} is not a JSON object`);
  await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: JSON.stringify({ ...parsed, ...values }) }));
}
