import type { Provider } from '../domain/call-record';
import type { MemoryMetadata } from '../domain/memory';

/**
 * Memory spaces: which platforms' callers a credential may read. A platform's credential reads
 * only the memories, snapshots and search results of its own space; by default every platform is
 * its own space, named after it. `memory_spaces` in an environment file lets several platforms
 * share one (opt-in): `{ "support": ["elevenlabs", "vapi"] }`.
 *
 * The caller key does not change with the space (HMAC(pepper, E.164)); the space is a separate
 * dimension: a memory belongs to the space of its `provider` metadata, and memories written
 * without one (the seed system's, migrated) belong to ElevenLabs'.
 */
/** `memory_spaces` of an environment: shared space name → the platforms that share it (validated by MemorySpacesSchema). */
export type MemorySpaces = Record<string, Provider[]>;

/** One memory space: its name and the platforms whose memories it holds. */
export interface MemorySpace {
  readonly name: string;
  readonly providers: readonly Provider[];
}

/** The platform of memories written without a `provider` (the seed system was ElevenLabs-only). */
export const UNLABELLED_MEMORY_PROVIDER: Provider = 'elevenlabs';

/** The space a platform's credentials read and its calls write. */
export function memorySpaceOf(provider: Provider, spaces: MemorySpaces): MemorySpace {
  for (const [name, providers] of Object.entries(spaces)) {
    if (providers.includes(provider)) return { name, providers };
  }
  return { name: provider, providers: [provider] };
}

/** The platform a stored memory came from: its `provider` metadata, else the seed system's. */
export function memoryProvider(memory: { readonly metadata: MemoryMetadata }): string {
  const provider = memory.metadata.provider;
  return typeof provider === 'string' && provider.length > 0 ? provider : UNLABELLED_MEMORY_PROVIDER;
}

/** True when a stored memory belongs to the space. */
export function inMemorySpace(memory: { readonly metadata: MemoryMetadata }, space: MemorySpace): boolean {
  return (space.providers as readonly string[]).includes(memoryProvider(memory));
}

/** True when unlabelled memories (the seed system's) belong to the space. */
export function spaceHoldsUnlabelled(space: MemorySpace): boolean {
  return space.providers.includes(UNLABELLED_MEMORY_PROVIDER);
}

/**
 * The name a caller's snapshot is kept under for an agent type in a space: the agent type's name
 * when the agent type belongs to the space (every snapshot written before spaces existed), else
 * `<agentType>@<space>` — an agent type serving another platform's calls (a global default) keeps
 * a separate snapshot per space, so no space reads another's.
 */
export function snapshotName(agentTypeName: string, agentTypeProvider: Provider, space: MemorySpace): string {
  return space.providers.includes(agentTypeProvider) ? agentTypeName : `${agentTypeName}@${space.name}`;
}

/** Whether an agent type may be chosen by a request in a space (the `X-Agent-Type` header). */
export function agentTypeInSpace(agentTypeProvider: Provider, space: MemorySpace): boolean {
  return space.providers.includes(agentTypeProvider);
}
