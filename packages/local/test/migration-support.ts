import type { StoredMemory } from '@agentic-memory/provider-adapters/testing/mem0';
import { runScript } from './run-script';

export const MEM0_KEY = 'm0-migration-key';
export const SEED_AGENT = 'agent_seed_0001';

export function seedMemory(userId: string, text: string, daysAgo: number, metadata: Record<string, unknown>): StoredMemory {
  const at = new Date(Date.now() - daysAgo * 86_400_000).toISOString();
  return {
    id: `seed-${userId}-${text.length}-${daysAgo}`,
    memory: text,
    user_id: userId,
    agent_id: null,
    run_id: null,
    metadata,
    created_at: at,
    updated_at: at,
    expiration_date: null,
  };
}

/** The CLI as a child process (asynchronously: the Mem0 contract server answers from this process). */
export const migrate = (args: string[], env: Record<string, string>) =>
  runScript('migrate-cli.ts', args, { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env });
