import type { AgentType } from '../config/agent-type-schema';
import type { Memory } from '../domain/memory';
import { restatesFields } from '../domain/profile-snapshot-builder';
import { type ExtractField, FIELD_LABELS, isExtractField } from '../extraction/extract-fields';
import type { CallerContext } from './caller-context';
import { renderTemplate, singleLine, type TemplateValue } from './template';

const DAY_MS = 86_400_000;
export type DynamicValue = string | number | boolean;

export interface ElevenLabsInitiationReply {
  readonly type: 'conversation_initiation_client_data';
  readonly dynamic_variables: Readonly<Record<string, DynamicValue>>;
  readonly conversation_config_override?: {
    readonly agent: { readonly prompt?: { readonly prompt: string }; readonly first_message?: string };
  };
}

export interface GenericReply {
  readonly user_id: string;
  readonly memory_count: number;
  readonly is_returning_user: boolean;
  readonly extracted_fields: Readonly<Record<string, string>>;
  readonly memories: readonly { id: string; text: string; type: string; created_at: string }[];
  readonly context: { readonly summary: string; readonly personalized_greeting: string };
  readonly dynamic_variables: Readonly<Record<string, DynamicValue>>;
}

/** Everything a reply is built from: computed once per request. */
export interface StartContent {
  readonly greeting: string;
  readonly memorySummary: string;
  readonly promptContext: string;
  readonly dynamicVariables: Readonly<Record<string, DynamicValue>>;
}

function templateValues(ctx: CallerContext): Record<string, TemplateValue> {
  return {
    ...ctx.fields,
    call_count: ctx.callCount,
    memory_count: ctx.memoryCount,
    last_call_date: ctx.lastCallAt?.slice(0, 10),
    last_summary: ctx.lastSummary,
    top_memory: ctx.memories[0]?.text,
  };
}

export function buildGreeting(ctx: CallerContext, agentType: AgentType): string {
  const g = agentType.response_config.greetings;
  if (!ctx.returning) return renderTemplate(g.new_caller, {});
  const template = ctx.fields.name ? g.returning_named : g.returning_anonymous;
  return renderTemplate(template, templateValues(ctx));
}

export function buildMemorySummary(ctx: CallerContext, agentType: AgentType): string {
  if (!ctx.returning) {
    const declared = agentType.dynamic_variables.memory_summary;
    return typeof declared === 'string' && declared.length > 0 ? declared : 'New caller';
  }
  return singleLine(renderTemplate(agentType.response_config.summary_template, templateValues(ctx)), 300) || 'Returning caller';
}

function annotate(memory: Memory, annotations: AgentType['response_config']['memory_annotations']): string {
  const notes: string[] = [];
  for (const [field, label] of Object.entries(annotations) as [ExtractField, string][]) {
    const value = memory.metadata[field];
    if (typeof value === 'string' && value.length > 0 && !memory.text.includes(value)) notes.push(`${label}: ${value}`);
  }
  return notes.length > 0 ? `${memory.text} (${notes.join(', ')})` : memory.text;
}

function contextMemories(ctx: CallerContext, agentType: AgentType, now: number, alreadyShown: string | null): Memory[] {
  const rc = agentType.response_config;
  // The few places for memories go to what the name and known-facts lines do not already say.
  let memories = ctx.memories.filter((m) => m.text !== alreadyShown && !restatesFields(m, ctx.fields));
  if (rc.focus_on_recent && rc.recent_days) {
    const cutoff = now - rc.recent_days * DAY_MS;
    const recent = memories.filter((m) => Date.parse(m.createdAt) >= cutoff);
    const older = memories.filter((m) => !(Date.parse(m.createdAt) >= cutoff));
    memories = [...recent, ...older];
  }
  return memories.slice(0, rc.max_memories_in_context);
}

/** Every current field but the name, labelled: `Budget: $28,000`, `Delivery address: 17 Harbor View Rd`. */
export function knownFacts(fields: Readonly<Record<string, string>>): string[] {
  return Object.entries(fields)
    .filter(([field, value]) => field !== 'name' && value.length > 0)
    .map(([field, value]) => {
      const label = isExtractField(field) ? FIELD_LABELS[field] : `${field.charAt(0).toUpperCase()}${field.slice(1).replace(/_/g, ' ')}`;
      return `${label}: ${singleLine(value, 160)}`;
    });
}

/** The prompt context for the agent: who is calling and what matters, per the agent type. */
export function buildPromptContext(ctx: CallerContext, agentType: AgentType, greeting: string, now: number): string {
  const rc = agentType.response_config;
  if (!ctx.returning) return rc.new_caller_context;
  const lines = ['CALLER CONTEXT:'];
  lines.push(`This caller has ${ctx.callCount} previous ${ctx.callCount === 1 ? 'call' : 'calls'} on record.`);
  if (ctx.fields.name) lines.push(`Name: ${ctx.fields.name}`);
  const known = knownFacts(ctx.fields);
  if (known.length > 0) lines.push(`Known about the caller (current values): ${known.join('; ')}`);
  if (ctx.lastCallAt) lines.push(`Last call: ${ctx.lastCallAt.slice(0, 10)}`);
  const summarised = ctx.memoryCount > rc.summarize_after && ctx.lastSummary !== null;
  if (summarised) lines.push(`Most recent call: ${ctx.lastSummary}`);
  // The summary line already says what the summary memory says.
  const memories = contextMemories(ctx, agentType, now, summarised ? ctx.lastSummary : null);
  if (memories.length > 0) {
    lines.push('Relevant information:');
    for (const memory of memories) lines.push(`- ${annotate(memory, rc.memory_annotations)}`);
  }
  if (rc.overrides.first_message) lines.push(`First message used: ${greeting}`);
  lines.push('', rc.instructions);
  return lines.join('\n');
}

function coerce(value: DynamicValue, like: DynamicValue): DynamicValue {
  if (typeof like === 'boolean') return value === true || value === 'yes' || value === 'true' || (typeof value === 'number' && value > 0);
  if (typeof like === 'number') {
    const n = typeof value === 'number' ? value : Number(value);
    return Number.isFinite(n) ? n : like;
  }
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/**
 * Values for every dynamic variable the agent type declares: computed ones where the name is
 * known (caller_name, returning_caller, memory_summary…, or any extracted field), the declared
 * new-caller default otherwise (and always, for a new caller). Each keeps the type of its default.
 */
export function buildDynamicVariables(
  ctx: CallerContext,
  agentType: AgentType,
  content: Omit<StartContent, 'dynamicVariables'>,
): Record<string, DynamicValue> {
  // A new caller gets exactly the declared new-caller defaults.
  if (!ctx.returning) return { ...agentType.dynamic_variables };
  const computed: Record<string, DynamicValue | undefined> = {
    ...ctx.fields,
    caller_name: ctx.fields.name,
    returning_caller: ctx.returning,
    is_returning_caller: ctx.returning,
    memory_count: ctx.memoryCount,
    call_count: ctx.callCount,
    memory_summary: content.memorySummary,
    memory_context: content.promptContext,
    last_call_date: ctx.lastCallAt?.slice(0, 10),
    last_call_summary: ctx.lastSummary ?? undefined,
    greeting: content.greeting,
    first_message: content.greeting,
  };
  const out: Record<string, DynamicValue> = {};
  for (const [name, fallback] of Object.entries(agentType.dynamic_variables)) {
    const value = Object.hasOwn(computed, name) ? computed[name] : undefined;
    out[name] = value === undefined || value === '' ? fallback : coerce(value, fallback);
  }
  return out;
}

export function buildStartContent(ctx: CallerContext, agentType: AgentType, now: number): StartContent {
  const greeting = buildGreeting(ctx, agentType);
  const memorySummary = buildMemorySummary(ctx, agentType);
  const promptContext = buildPromptContext(ctx, agentType, greeting, now);
  return {
    greeting,
    memorySummary,
    promptContext,
    dynamicVariables: buildDynamicVariables(ctx, agentType, { greeting, memorySummary, promptContext }),
  };
}

/** `conversation_initiation_client_data`: every declared variable, only the overrides the agent type enables. */
export function buildElevenLabsReply(content: StartContent, agentType: AgentType): ElevenLabsInitiationReply {
  const { overrides, base_prompt } = agentType.response_config;
  const agent: { prompt?: { prompt: string }; first_message?: string } = {};
  if (overrides.prompt && base_prompt) agent.prompt = { prompt: `${base_prompt}\n\n${content.promptContext}` };
  if (overrides.first_message) agent.first_message = content.greeting;
  return {
    type: 'conversation_initiation_client_data',
    dynamic_variables: content.dynamicVariables,
    ...(Object.keys(agent).length > 0 ? { conversation_config_override: { agent } } : {}),
  };
}

/** The brief's `generic_v1` reply; `userId` is the caller key, never the number. */
export function buildGenericReply(content: StartContent, ctx: CallerContext, userId: string): GenericReply {
  return {
    user_id: userId,
    memory_count: ctx.memoryCount,
    is_returning_user: ctx.returning,
    extracted_fields: ctx.fields,
    memories: ctx.memories.slice(0, 5).map((m) => ({ id: m.id, text: m.text, type: m.type, created_at: m.createdAt })),
    context: { summary: content.memorySummary, personalized_greeting: content.greeting },
    dynamic_variables: content.dynamicVariables,
  };
}
