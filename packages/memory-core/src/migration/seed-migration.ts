/**
 * Migration from the seed system (the Python predecessor): its configuration lived in environment
 * variables and its memories in Mem0 under the caller's phone number, as facts Mem0 inferred
 * ("Name is Maya Okafor", "Prefers email") with the seed's own metadata (`type`, `memory_type`,
 * `timestamp`, `retention_until`). These rules turn both into this system's terms.
 */
import type { Memory, MemoryMetadata } from '../domain/memory';
import { isMemoryType } from '../domain/memory';
import { type ExtractField, isExtractField } from '../extraction/extract-fields';
import { summaryFields } from '../extraction/text-patterns';
import { capitalisedWordsAfter } from '../text/text-utils';

/** The seed's environment variables this migration reads (the secrets are named, never copied). */
export const SEED_SETTINGS = ['MEM0_SEARCH_LIMIT', 'ELEVENLABS_AGENT_ID', 'ELEVENLABS_AGENT_IDS'] as const;
export const SEED_SECRETS = ['ELEVENLABS_WORKSPACE_KEY', 'ELEVENLABS_HMAC_KEY', 'MEM0_API_KEY'] as const;
/** Read to report where the memories live; not configuration of this system. */
export const SEED_INFORMATIONAL = ['MEM0_ORG_ID', 'MEM0_PROJECT_ID', 'S3_BUCKET_NAME', 'ASYNC_PROCESSING_QUEUE_URL'] as const;

export const SEED_DEFAULT_SEARCH_LIMIT = 3;

export interface SeedSettings {
  readonly searchLimit: number;
  readonly agentIds: readonly string[];
}

export class SeedSettingsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedSettingsError';
  }
}

/** Reads the seed deployment's settings from its environment variables; bad values are errors naming the variable. */
export function seedSettings(env: Readonly<Record<string, string | undefined>>): SeedSettings {
  const rawLimit = env.MEM0_SEARCH_LIMIT?.trim();
  let searchLimit = SEED_DEFAULT_SEARCH_LIMIT;
  if (rawLimit !== undefined && rawLimit !== '') {
    searchLimit = Number(rawLimit);
    if (!Number.isInteger(searchLimit) || searchLimit < 1 || searchLimit > 100) {
      throw new SeedSettingsError(`MEM0_SEARCH_LIMIT must be an integer from 1 to 100, got "${env.MEM0_SEARCH_LIMIT}"`);
    }
  }
  const agentIds = [env.ELEVENLABS_AGENT_ID, ...(env.ELEVENLABS_AGENT_IDS ?? '').split(',')]
    .map((id) => id?.trim() ?? '')
    .filter((id) => id.length > 0);
  for (const id of agentIds) {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(id)) throw new SeedSettingsError(`ELEVENLABS_AGENT_ID(S): "${id}" is not an ElevenLabs agent id`);
  }
  return { searchLimit, agentIds: [...new Set(agentIds)] };
}

/**
 * The agent type that serves a migrated ElevenLabs agent exactly as the seed did: its webhooks and
 * headers, its search limit, the fields its migration script extracted — and `caller_id_mode:
 * "raw"`, so the memories stored under phone numbers stay reachable.
 */
export function seedAgentType(settings: SeedSettings): Record<string, unknown> {
  const newCaller = 'NEW CALLER: This is their first interaction. Provide excellent first impression service.';
  return {
    name: 'ElevenLabs Customer Support Agent (migrated)',
    description: 'Migrated from the seed deployment: memories stay under the caller phone numbers in Mem0',
    provider: 'elevenlabs',
    authentication: { type: 'workspace_key', header: 'X-Workspace-Key', secret: 'ELEVENLABS_WORKSPACE_KEY' },
    webhooks: {
      conversation_initiation: {
        enabled: true,
        endpoint: '/client-data',
        required_fields: ['caller_id'],
        field_mappings: { caller_id: ['caller_id', 'system__caller_id'], agent_id: ['agent_id', 'system__agent_id'] },
      },
      post_call: {
        enabled: true,
        endpoint: '/post-call',
        authentication: 'hmac',
        hmac_header: 'ElevenLabs-Signature',
        secret: 'ELEVENLABS_HMAC_KEY',
        payload_format: 'elevenlabs_v1',
        field_mappings: {},
      },
      memory_search: { enabled: true, endpoint: '/retrieve', caller_parameter: 'caller_id' },
    },
    memory_config: {
      types: ['factual', 'semantic'],
      retention_days: 365,
      search_limit: settings.searchLimit,
      auto_extract: ['name', 'preferences', 'account_status'],
      priority_fields: [],
      search_weights: {},
      data_collection_keys: {},
      max_semantic_per_call: 8,
    },
    response_config: {
      max_memories_in_context: settings.searchLimit,
      summarize_after: 5,
      focus_on_recent: true,
      recent_days: 30,
      overrides: { first_message: true, prompt: false },
      greetings: {
        returning_named: "Hello {name}! It's great to hear from you again. How can I assist you today?",
        returning_anonymous: "Hello! I see you've called before. How can I help you today?",
        new_caller: 'Hello! How may I help you today?',
      },
      new_caller_context: newCaller,
      instructions:
        'Instructions: Use this context to personalize your responses and provide excellent service. Do not read phone numbers aloud.',
      summary_template: '{last_summary|top_memory|=Returning customer}',
      memory_annotations: {},
    },
    performance_config: { cache_duration: 300, batch_size: 3, timeout_override: 25 },
    response_format: 'elevenlabs_v1',
    dynamic_variables: {
      caller_name: '',
      returning_caller: 'no',
      memory_count: 0,
      memory_summary: 'New caller',
      account_status: 'unknown',
      last_call_date: 'never',
      memory_context: newCaller,
    },
    search_threshold: 0.05,
    recall_deadline_ms: 300,
    // Until the backfill reaches a caller, call start reads their memories within the deadline.
    on_snapshot_miss: 'query_store',
    caller_id_mode: 'raw',
  };
}

/** Mem0's inferred facts name the caller in the third person: "Name is Maya Okafor", "User's name is Dan". */
const FACT_NAME =
  /\b(?:(?:(?:the\s+)?(?:user|caller|customer|client)(?:'s|’s)?\s+)?(?:full\s+|first\s+)?name\s+is|is\s+named|goes\s+by|prefers\s+to\s+be\s+called)\s+/i;

/** The fields a memory's text states, read as a fact about the caller. */
export function factFields(text: string, fields: readonly ExtractField[]): Partial<Record<ExtractField, string>> {
  const factName = fields.includes('name') ? capitalisedWordsAfter(text, FACT_NAME, 3) : null;
  // Without a third-person name, the summary rule may read a leading one ("Maya Okafor is a
  // premium customer") — but never the word "Name" of a fact that names no one ("Name is not known").
  const summaryMayName =
    factName === null && !/^\s*(?:(?:user|caller|customer|client)(?:'s|’s)?\s+)?(?:full\s+|first\s+)?name\b/i.test(text);
  const rest = fields.filter((f) => f !== 'name' || summaryMayName);
  const out = summaryFields(text, rest);
  return factName ? { ...out, name: factName } : out;
}

/**
 * A memory written by the seed system, in this system's terms: its type from the seed's `memory_type`
 * or `type` metadata, and the fields its text states as metadata (what profile snapshots read).
 * Memories this system wrote (they carry a `source`) and fields already present are left as they are.
 */
export function adoptSeedMemory(memory: Memory, fields: readonly ExtractField[]): Memory {
  if (typeof memory.metadata.source === 'string') return memory;
  const seedType = [memory.metadata.memory_type, memory.metadata.type].find((t) => typeof t === 'string' && isMemoryType(t));
  const found = factFields(memory.text, fields.filter(isExtractField));
  const metadata: Record<string, unknown> = { ...memory.metadata, source: 'seed' };
  for (const [field, value] of Object.entries(found)) if (metadata[field] === undefined) metadata[field] = value;
  return { ...memory, type: (seedType as Memory['type'] | undefined) ?? memory.type, metadata: metadata as MemoryMetadata };
}
