/** Secret values are kept at least this long before a background refetch (SDK and lite adapters alike). */
export const SECRETS_MAX_AGE_MS = 5 * 60_000;
