/** Names of the secrets the product reads (keys of the per-environment secret in AWS). */
export const SECRET_NAMES = [
  'ELEVENLABS_WORKSPACE_KEY',
  'ELEVENLABS_HMAC_KEY',
  'VAPI_SECRET',
  'RETELL_API_KEY',
  'GENERIC_API_KEY',
  'ADMIN_API_KEY',
  'CALLER_ID_PEPPER',
  'MEM0_API_KEY',
  /** The ElevenLabs API key of `pnpm elevenlabs` and the reconcile role (agents, webhooks, conversations). */
  'ELEVENLABS_API_KEY',
  // The value being rotated out, accepted beside the current one until the rotation is done (README runbook).
  'ELEVENLABS_WORKSPACE_KEY_PREVIOUS',
  'ELEVENLABS_HMAC_KEY_PREVIOUS',
  'VAPI_SECRET_PREVIOUS',
  'RETELL_API_KEY_PREVIOUS',
  'GENERIC_API_KEY_PREVIOUS',
  'ADMIN_API_KEY_PREVIOUS',
] as const;

export type SecretName = (typeof SECRET_NAMES)[number];

export interface Secrets {
  /** The secret's value, or null when it is not configured. */
  get(name: SecretName): Promise<string | null>;
  /**
   * Drops cached values and fetches again, at most once per call site's failure: used when a
   * credential check fails in case the secret was rotated.
   */
  refresh(): Promise<void>;
}

export function isSecretName(value: string): value is SecretName {
  return (SECRET_NAMES as readonly string[]).includes(value);
}
