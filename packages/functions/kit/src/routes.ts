import { isProvider, type Provider } from '@agentic-memory/memory-core';

/** The seed system's ElevenLabs paths, kept so existing agents keep working. */
const SEED_PATHS: Readonly<Record<string, Provider>> = {
  '/client-data': 'elevenlabs',
  '/retrieve': 'elevenlabs',
  '/post-call': 'elevenlabs',
};

/** The platform a request is for, from its path: `/v1/<provider>/…` or a seed path. */
export function providerForPath(path: string | undefined): Provider | null {
  if (!path) return null;
  const seed = SEED_PATHS[path];
  if (seed) return seed;
  const match = /^\/v1\/([a-z]+)\//.exec(path);
  return match?.[1] && isProvider(match[1]) ? match[1] : null;
}
