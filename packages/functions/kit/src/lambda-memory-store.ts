/**
 * The memory store of a Lambda role: Mem0, created on first use with the API key from the
 * environment's secret. A missing or placeholder key fails that call (degraded on the call path,
 * retried by the worker) with a clear log line and the `MissingCredential` metric — never the
 * init; the next call tries again, so setting the key needs no redeploy. Import as
 * `@agentic-memory/function-kit/lambda-memory-store`.
 */
import { type AgentTypes, type Clock, LazyMemoryStore, MemoryStoreError, type Secrets } from '@agentic-memory/memory-core';
import { Mem0MemoryStore } from '@agentic-memory/provider-adapters/mem0';
import { reportMissingCredential } from './credential-report';
import { credentialProblem } from './credentials';

type Env = Readonly<Record<string, string | undefined>>;

export function lambdaMemoryStore(secrets: Secrets, env: Env, clock: Clock, agentTypes: AgentTypes): LazyMemoryStore {
  return new LazyMemoryStore(async () => {
    const apiKey = await secrets.get('MEM0_API_KEY');
    const problem = credentialProblem(apiKey);
    if (problem || !apiKey) {
      // The caller degrades (call start, recall) or the worker's message is retried: never an init failure.
      reportMissingCredential(
        'MEM0_API_KEY',
        problem ?? 'missing',
        'the memory store is unavailable until it is (call start and recall degrade, ingestion retries, then dead-letters)',
        clock.now(),
      );
      throw new MemoryStoreError(
        'unauthorized',
        `MEM0_API_KEY is ${problem === 'placeholder' ? 'a placeholder' : 'not set'} in the environment secret`,
      );
    }
    return new Mem0MemoryStore({
      apiKey,
      host: env.MEM0_HOST || 'https://api.mem0.ai',
      clock,
      recallDeadlineMs: Math.max(...Object.values(agentTypes).map((t) => t.recall_deadline_ms)),
    });
  });
}
