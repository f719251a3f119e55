import type { Provider } from '@agentic-memory/memory-core';
import { elevenLabsAdapter } from './elevenlabs-adapter';
import { genericAdapter } from './generic-adapter';
import type { PlatformAdapter } from './platform-adapter';
import { retellAdapter } from './retell-adapter';
import { vapiAdapter } from './vapi-adapter';

const ADAPTERS: Readonly<Record<Provider, PlatformAdapter>> = {
  elevenlabs: elevenLabsAdapter,
  vapi: vapiAdapter,
  retell: retellAdapter,
  generic: genericAdapter,
};

/** The adapter of a platform. */
export function platformAdapter(provider: Provider): PlatformAdapter {
  return ADAPTERS[provider];
}
