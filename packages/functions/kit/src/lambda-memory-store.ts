/**
 * The memory store of a Lambda role: Mem0, created on first use with the API key from the
 * environment's secret. A missing key fails that call (degraded on the call path, retried by the
 * worker) with a clear message — never the init. Import as
 * `@agentic-memory/function-kit/lambda-memory-store`.
 */
import { type AgentTypes, type Clock, LazyMemoryStore, MemoryStoreError, type Secrets } from '@agentic-memory/memory-core';
import { Mem0MemoryStore } from '@agentic-memory/provider-adapters/mem0';
import { logger } from './observability';

type Env = Readonly<Record<string, string | undefined>>;

export function lambdaMemoryStore(secrets: Secrets, env: Env, clock: Clock, agentTypes: AgentTypes): LazyMemoryStore {
  return new LazyMemoryStore(async () => {
    const apiKey = await secrets.get('MEM0_API_KEY');
    if (!apiKey) {
      logger.error('MEM0_API_KEY is not set in the environment secret: the memory store is unavailable until it is');
      throw new MemoryStoreError('unauthorized', 'MEM0_API_KEY is not set in the environment secret');
    }
    return new Mem0MemoryStore({
      apiKey,
      host: env.MEM0_HOST || 'https://api.mem0.ai',
      clock,
      recallDeadlineMs: Math.max(...Object.values(agentTypes).map((t) => t.recall_deadline_ms)),
    });
  });
}
