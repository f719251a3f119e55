/** The Mem0 memory store (`mem0ai` MemoryClient): `@agentic-memory/provider-adapters/mem0`. */
export { Mem0MemoryStore, type Mem0StoreOptions, toMemoryStoreError } from './mem0/mem0-memory-store';
