import { z } from 'zod';
import { PROVIDERS } from '../domain/call-record';
import { BUILT_IN_MEMORY_TYPES } from '../domain/memory';
import { EXTRACT_FIELDS } from '../extraction/extract-fields';
import { SECRET_NAMES } from '../ports/secrets';
import { enumOf, message, nonEmptyString, nonNegativeInt, positiveInt, positiveNumber, unitInterval } from './schema-helpers';

const memoryType = enumOf(BUILT_IN_MEMORY_TYPES, 'memory type');
const extractField = enumOf(EXTRACT_FIELDS, 'extractable field');
const secretName = enumOf(SECRET_NAMES, 'secret name');

const dynamicVariableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, message('expected a variable name of letters, digits and _'))
  .refine((name) => !name.startsWith('system__'), message('the system__ prefix is reserved by ElevenLabs'));

const dynamicVariableValue = z.union([z.string(), z.number(), z.boolean()], message('expected a string, number or boolean'));

const authentication = z.strictObject({
  type: enumOf(['workspace_key', 'api_key', 'secret_header', 'hmac', 'signature'] as const, 'authentication type'),
  /** Header carrying the secret or signature. */
  header: nonEmptyString(),
  /** Name of the secret holding the value; never the value itself. */
  secret: secretName,
});

const conversationInitiation = z.strictObject({
  enabled: z.boolean(message('expected true or false')),
  endpoint: z.string().startsWith('/', message('expected a path starting with /')),
  required_fields: z.array(nonEmptyString()).default([]),
  /** Standard field → payload paths to try in order (dot paths allowed). */
  field_mappings: z.record(nonEmptyString(), z.array(nonEmptyString()).min(1, message('expected at least one path'))).default({}),
});

const postCall = z.strictObject({
  enabled: z.boolean(message('expected true or false')),
  endpoint: z.string().startsWith('/', message('expected a path starting with /')),
  authentication: enumOf(['hmac', 'api_key', 'secret_header', 'signature'] as const, 'post-call authentication'),
  hmac_header: nonEmptyString().optional(),
  secret: secretName,
  payload_format: enumOf(['elevenlabs_v1', 'vapi_v1', 'retell_v1', 'generic_v1'] as const, 'payload format'),
  field_mappings: z.record(nonEmptyString(), z.array(nonEmptyString()).min(1, message('expected at least one path'))).default({}),
});

const memorySearch = z.strictObject({
  enabled: z.boolean(message('expected true or false')),
  endpoint: z.string().startsWith('/', message('expected a path starting with /')),
  /** Body parameter bound to the caller's number when no X-Caller-Id header is sent. */
  caller_parameter: nonEmptyString().default('caller_id'),
});

const memoryConfig = z.strictObject({
  types: z.array(memoryType).min(1, message('expected at least one memory type')),
  retention_days: positiveInt(),
  search_limit: positiveInt(),
  auto_extract: z.array(extractField).default([]),
  priority_fields: z.array(nonEmptyString()).default([]),
  /** Keys: memory types or extracted fields; values multiply the relevance score. */
  search_weights: z.record(nonEmptyString(), positiveNumber()).default({}),
  /** Extra data-collection keys per field, beyond the usual ones (`user_name` → name…). */
  data_collection_keys: z.partialRecord(extractField, z.array(nonEmptyString())).default({}),
  /** Upper bound on semantic memories taken from one call's caller turns. */
  max_semantic_per_call: positiveInt().default(8),
});

const greetings = z.strictObject({
  returning_named: nonEmptyString(),
  returning_anonymous: nonEmptyString(),
  new_caller: nonEmptyString(),
});

const responseConfig = z.strictObject({
  max_memories_in_context: positiveInt(),
  summarize_after: positiveInt(),
  focus_on_recent: z.boolean().optional(),
  recent_days: positiveInt().optional(),
  focus_on_conversion: z.boolean().optional(),
  pipeline_stages: z.array(nonEmptyString()).optional(),
  focus_on_technical: z.boolean().optional(),
  knowledge_base_integration: z.boolean().optional(),
  /** Which ElevenLabs overrides the reply carries (each must be enabled in the agent's security tab). */
  overrides: z
    .strictObject({
      first_message: z.boolean(message('expected true or false')),
      prompt: z.boolean(message('expected true or false')),
    })
    .default({ first_message: true, prompt: false }),
  /** The agent's own system prompt; required when the prompt override is on (it replaces the whole prompt). */
  base_prompt: nonEmptyString().optional(),
  /** `{name}`-style templates; `{field|fallback}` gives a fallback. */
  greetings,
  new_caller_context: nonEmptyString(),
  instructions: nonEmptyString(),
  /** Template of `memory_summary` for returning callers. */
  summary_template: nonEmptyString(),
  /** Metadata fields shown after a memory in the prompt context, with their labels. */
  memory_annotations: z.partialRecord(extractField, nonEmptyString()).default({}),
});

const performanceConfig = z.strictObject({
  /** Seconds a conversation-start reply may be served from the in-process cache. */
  cache_duration: nonNegativeInt(),
  batch_size: positiveInt(),
  timeout_override: positiveInt(),
});

export const AgentTypeSchema = z
  .strictObject({
    name: nonEmptyString(),
    description: nonEmptyString(),
    provider: enumOf(PROVIDERS, 'provider'),
    authentication,
    webhooks: z.strictObject({
      conversation_initiation: conversationInitiation,
      post_call: postCall,
      memory_search: memorySearch.optional(),
    }),
    memory_config: memoryConfig,
    response_config: responseConfig,
    performance_config: performanceConfig,
    response_format: enumOf(['elevenlabs_v1', 'generic_v1', 'vapi_v1', 'retell_v1'] as const, 'response format'),
    /** Every variable the platform agent declares, with its new-caller default. */
    dynamic_variables: z.record(dynamicVariableName, dynamicVariableValue).default({}),
    search_threshold: unitInterval().default(0),
    recall_deadline_ms: positiveInt().max(5000, message('expected at most 5000 (the call-start budget is 400 ms p99)')).default(300),
    on_snapshot_miss: enumOf(['new_caller', 'query_store'] as const, 'snapshot-miss policy').default('new_caller'),
    caller_id_mode: enumOf(['keyed', 'raw'] as const, 'caller id mode').default('keyed'),
  })
  .superRefine((agent, ctx) => {
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

export const AgentTypesFileSchema = z
  .record(z.string().regex(/^[a-z][a-z0-9_]*$/, message('expected an agent type name of lowercase letters, digits and _')), AgentTypeSchema)
  .refine((types) => Object.keys(types).length > 0, message('expected at least one agent type'));

export type AgentTypeInput = z.input<typeof AgentTypeSchema>;
export type AgentType = z.output<typeof AgentTypeSchema>;
export type AgentTypes = Readonly<Record<string, AgentType>>;
