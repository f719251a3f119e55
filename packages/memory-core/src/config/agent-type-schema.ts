import type { input as ZodInput, output as ZodOutput } from 'zod';
import {
  array as zArray,
  boolean as zBoolean,
  number as zNumber,
  partialRecord as zPartialRecord,
  record as zRecord,
  strictObject as zStrictObject,
  string as zString,
  union as zUnion,
} from 'zod';
import { PROVIDERS } from '../domain/call-record';
import { BUILT_IN_MEMORY_TYPES } from '../domain/memory';
import { EXTRACT_FIELDS } from '../extraction/extract-fields';
import { SECRET_NAMES } from '../ports/secrets';
import { enumOf, message, nonEmptyString, nonNegativeInt, positiveInt, positiveNumber, unitInterval } from './schema-helpers';

const memoryType = enumOf(BUILT_IN_MEMORY_TYPES, 'memory type');
const extractField = enumOf(EXTRACT_FIELDS, 'extractable field');
const secretName = enumOf(SECRET_NAMES, 'secret name');

const dynamicVariableName = zString()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, message('expected a variable name of letters, digits and _'))
  .refine((name) => !name.startsWith('system__'), message('the system__ prefix is reserved by ElevenLabs'));

const dynamicVariableValue = zUnion([zString(), zNumber(), zBoolean()], message('expected a string, number or boolean'));

const authentication = zStrictObject({
  type: enumOf(['workspace_key', 'api_key', 'secret_header', 'hmac', 'signature'] as const, 'authentication type'),
  /** Header carrying the secret or signature. */
  header: nonEmptyString(),
  /** Name of the secret holding the value; never the value itself. */
  secret: secretName,
});

const conversationInitiation = zStrictObject({
  enabled: zBoolean(message('expected true or false')),
  endpoint: zString().startsWith('/', message('expected a path starting with /')),
  required_fields: zArray(nonEmptyString()).default([]),
  /** Standard field → payload paths to try in order (dot paths allowed). */
  field_mappings: zRecord(nonEmptyString(), zArray(nonEmptyString()).min(1, message('expected at least one path'))).default({}),
});

const postCall = zStrictObject({
  enabled: zBoolean(message('expected true or false')),
  endpoint: zString().startsWith('/', message('expected a path starting with /')),
  authentication: enumOf(['hmac', 'api_key', 'secret_header', 'signature'] as const, 'post-call authentication'),
  hmac_header: nonEmptyString().optional(),
  secret: secretName,
  payload_format: enumOf(['elevenlabs_v1', 'vapi_v1', 'retell_v1', 'generic_v1'] as const, 'payload format'),
  field_mappings: zRecord(nonEmptyString(), zArray(nonEmptyString()).min(1, message('expected at least one path'))).default({}),
});

const memorySearch = zStrictObject({
  enabled: zBoolean(message('expected true or false')),
  endpoint: zString().startsWith('/', message('expected a path starting with /')),
  /** Body parameter bound to the caller's number when no X-Caller-Id header is sent. */
  caller_parameter: nonEmptyString().default('caller_id'),
});

const memoryConfig = zStrictObject({
  types: zArray(memoryType).min(1, message('expected at least one memory type')),
  retention_days: positiveInt(),
  search_limit: positiveInt(),
  auto_extract: zArray(extractField).default([]),
  priority_fields: zArray(nonEmptyString()).default([]),
  /** Keys: memory types or extracted fields; values multiply the relevance score. */
  search_weights: zRecord(nonEmptyString(), positiveNumber()).default({}),
  /** Extra data-collection keys per field, beyond the usual ones (`user_name` → name…). */
  data_collection_keys: zPartialRecord(extractField, zArray(nonEmptyString())).default({}),
  /** How many of a call's caller statements are key statements (shown at call start); all stay searchable. */
  max_semantic_per_call: positiveInt().default(8),
  /** How a mid-call search orders what matched (relevance first; these break near-ties). */
  search_ranking: zStrictObject({
    /** 0–1: how strongly `search_weights` and `priority_fields` count. */
    weight_strength: unitInterval().default(0.4),
    /** 0–1: how strongly recency counts. */
    recency_strength: unitInterval().default(0.3),
    /** Multiplier of raw caller statements (the transcript layer), so distilled memories rank first. */
    transcript_weight: unitInterval().default(0.85),
    /** Multiplier of memories whose value a newer call replaced. */
    superseded_factor: unitInterval().default(0.4),
  }).default({ weight_strength: 0.4, recency_strength: 0.3, transcript_weight: 0.85, superseded_factor: 0.4 }),
});

const greetings = zStrictObject({
  returning_named: nonEmptyString(),
  returning_anonymous: nonEmptyString(),
  new_caller: nonEmptyString(),
});

const responseConfig = zStrictObject({
  max_memories_in_context: positiveInt(),
  summarize_after: positiveInt(),
  focus_on_recent: zBoolean().optional(),
  recent_days: positiveInt().optional(),
  focus_on_conversion: zBoolean().optional(),
  pipeline_stages: zArray(nonEmptyString()).optional(),
  focus_on_technical: zBoolean().optional(),
  knowledge_base_integration: zBoolean().optional(),
  /** Which ElevenLabs overrides the reply carries (each must be enabled in the agent's security tab). */
  overrides: zStrictObject({
    first_message: zBoolean(message('expected true or false')),
    prompt: zBoolean(message('expected true or false')),
  }).default({ first_message: true, prompt: false }),
  /** The agent's own system prompt; required when the prompt override is on (it replaces the whole prompt). */
  base_prompt: nonEmptyString().optional(),
  /** `{name}`-style templates; `{field|fallback}` gives a fallback. */
  greetings,
  new_caller_context: nonEmptyString(),
  instructions: nonEmptyString(),
  /** Template of `memory_summary` for returning callers. */
  summary_template: nonEmptyString(),
  /** Metadata fields shown after a memory in the prompt context, with their labels. */
  memory_annotations: zPartialRecord(extractField, nonEmptyString()).default({}),
});

const performanceConfig = zStrictObject({
  /** Seconds a conversation-start reply may be served from the in-process cache. */
  cache_duration: nonNegativeInt(),
  batch_size: positiveInt(),
  timeout_override: positiveInt(),
});

export const AgentTypeSchema = zStrictObject({
  name: nonEmptyString(),
  description: nonEmptyString(),
  provider: enumOf(PROVIDERS, 'provider'),
  authentication,
  webhooks: zStrictObject({
    conversation_initiation: conversationInitiation,
    post_call: postCall,
    memory_search: memorySearch.optional(),
  }),
  memory_config: memoryConfig,
  response_config: responseConfig,
  performance_config: performanceConfig,
  response_format: enumOf(['elevenlabs_v1', 'generic_v1', 'vapi_v1', 'retell_v1'] as const, 'response format'),
  /** Every variable the platform agent declares, with its new-caller default. */
  dynamic_variables: zRecord(dynamicVariableName, dynamicVariableValue).default({}),
  search_threshold: unitInterval().default(0),
  recall_deadline_ms: positiveInt().max(5000, message('expected at most 5000 (the call-start budget is 400 ms p99)')).default(300),
  on_snapshot_miss: enumOf(['new_caller', 'query_store'] as const, 'snapshot-miss policy').default('new_caller'),
  caller_id_mode: enumOf(['keyed', 'raw'] as const, 'caller id mode').default('keyed'),
}).superRefine((agent, ctx) => {
  const types = new Set<string>(agent.memory_config.types);
  const fields = new Set<string>(EXTRACT_FIELDS);
  for (const key of Object.keys(agent.memory_config.search_weights)) {
    if (!types.has(key) && !fields.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: ['memory_config', 'search_weights', key],
        message: `"${key}" is neither one of this agent type's memory types nor an extractable field`,
      });
    }
  }
  for (const [index, field] of agent.memory_config.priority_fields.entries()) {
    if (!fields.has(field) && !types.has(field)) {
      ctx.addIssue({
        code: 'custom',
        path: ['memory_config', 'priority_fields', index],
        message: `"${field}" is not an extractable field`,
      });
    }
  }
  if (agent.response_config.overrides.prompt && agent.response_config.base_prompt === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['response_config', 'base_prompt'],
      message: 'required when overrides.prompt is true (the override replaces the agent prompt)',
    });
  }
  if (agent.response_config.max_memories_in_context > agent.memory_config.search_limit * 4) {
    ctx.addIssue({
      code: 'custom',
      path: ['response_config', 'max_memories_in_context'],
      message: 'expected at most 4 × memory_config.search_limit',
    });
  }
});

export const AgentTypesFileSchema = zRecord(
  zString().regex(/^[a-z][a-z0-9_]*$/, message('expected an agent type name of lowercase letters, digits and _')),
  AgentTypeSchema,
).refine((types) => Object.keys(types).length > 0, message('expected at least one agent type'));

export type AgentTypeInput = ZodInput<typeof AgentTypeSchema>;
export type AgentType = ZodOutput<typeof AgentTypeSchema>;
export type AgentTypes = Readonly<Record<string, AgentType>>;
