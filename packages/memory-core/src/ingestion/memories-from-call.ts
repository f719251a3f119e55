import { createHash } from 'node:crypto';
import type { AgentType } from '../config/agent-type-schema';
import type { CallRecord } from '../domain/call-record';
import type { MemoryMetadata, MemoryType, MetadataValue, NewMemory } from '../domain/memory';
import { findAddress } from '../extraction/address';
import { agentNames } from '../extraction/caller-name';
import { type ExtractedFields, type ExtractField, FIELD_LABELS } from '../extraction/extract-fields';
import { extractFieldsWithSources, type FieldSource, platformFields } from '../extraction/field-extractor';
import { findSpokenBudget } from '../extraction/money';
import { findReference } from '../extraction/reference';
import { replacedPhrases } from '../extraction/replacements';
import { changedFromEarlier } from '../extraction/slot-changes';
import { classifyIssue, issueOfCall, SENTENCE_RULES } from '../extraction/text-patterns';
import { findTimeline } from '../extraction/timeline';
import { timelineValue } from '../extraction/timeline-date';
import type { Clock } from '../ports/clock';
import { sentences, squash } from '../text/text-utils';
import { callerStatements, keyStatements } from './caller-statements';

const DAY_MS = 86_400_000;

export interface CallMemories {
  readonly memories: readonly NewMemory[];
  readonly fields: ExtractedFields;
  /** Where each extracted field came from: the platform's data collection, the caller's words, the summary. */
  readonly fieldSources: Partial<Record<ExtractField, FieldSource>>;
  /**
   * True when the call is already past the agent type's retention when it is ingested (retention
   * counts from the call's time): nothing is stored, and the caller of this function must say so.
   */
  readonly pastRetention: boolean;
  /** When the call's memories expire (or expired), ISO-8601. */
  readonly expiresAt: string;
}

export interface IngestContext {
  readonly agentTypeName: string;
  readonly agentType: AgentType;
  readonly clock: Clock;
  /**
   * What earlier calls said, as the caller's snapshot holds it (the last summary, the memories
   * shown): a change said without the old value ("we're down to eighty-five guests now") is
   * matched against it to name what was replaced.
   */
  readonly earlier?: readonly string[];
}

/** Fields that describe the caller and become one factual memory each. */
const FACT_FIELDS: readonly ExtractField[] = [
  'name',
  'account_status',
  'contact_preference',
  'company',
  'technical_skill',
  'preferences',
  'address',
  'account_number',
];
const LEAD_FIELDS: readonly ExtractField[] = ['interests', 'budget', 'timeline', 'objections', 'decision_maker', 'company'];

/** Fields whose memory says what the value is in its own words ("Caller's name is…", "Prefers to be contacted by…"). */
const OWN_WORDING: ReadonlySet<ExtractField> = new Set(['name', 'contact_preference']);

function factText(field: ExtractField, value: string): string {
  switch (field) {
    case 'name':
      return `Caller's name is ${value}.`;
    case 'contact_preference':
      return `Prefers to be contacted by ${value}.`;
    case 'account_status':
      return `Account status: ${value}.`;
    case 'company':
      return `Works at ${value}.`;
    case 'technical_skill':
      return `Technical skill level: ${value}.`;
    case 'preferences':
      return `Preference: ${value}.`;
    default:
      return `${FIELD_LABELS[field]}: ${value}.`;
  }
}

function stableId(conversationId: string, type: MemoryType, text: string): string {
  return createHash('sha256').update(`${conversationId}\u0000${type}\u0000${text}`).digest('hex').slice(0, 32);
}

function callTime(call: CallRecord, clock: Clock): number {
  for (const iso of [call.endedAt, call.startedAt]) {
    if (iso) {
      const t = Date.parse(iso);
      if (!Number.isNaN(t)) return t;
    }
  }
  return clock.now();
}

function evaluationPassed(call: CallRecord, pattern: RegExp): boolean | null {
  for (const [id, verdict] of Object.entries(call.evaluation)) {
    if (pattern.test(id)) return verdict.result.toLowerCase() === 'success';
  }
  return null;
}

/** A platform analysis key as a label: `delivery_address` → `Delivery address`. */
export function keyLabel(key: string): string {
  const words = key.replace(/_/g, ' ').trim();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** Fields one caller statement states on its own (so a later call's new value supersedes it in search too). */
function statementFields(text: string, wanted: readonly ExtractField[], at: number): Record<string, string> {
  const out: Record<string, string> = {};
  if (wanted.includes('timeline')) {
    const timeline = findTimeline(text);
    if (timeline) out.timeline = timelineValue(timeline, at);
  }
  if (wanted.includes('budget')) {
    const budget = findSpokenBudget(text);
    if (budget) out.budget = budget;
  }
  if (wanted.includes('address')) {
    const address = findAddress(text);
    if (address) out.address = address;
  }
  if (wanted.includes('account_number')) {
    for (const sentence of sentences(text)) {
      const reference = findReference(sentence);
      if (reference) out.account_number = reference;
    }
  }
  for (const field of ['contact_preference', 'account_status'] as const) {
    const rule = SENTENCE_RULES[field];
    if (!wanted.includes(field) || !rule) continue;
    for (const sentence of sentences(text)) {
      const value = rule(sentence, 'caller');
      if (value) out[field] = value;
    }
  }
  return out;
}

function pipelineStage(call: CallRecord, stages: readonly string[] | undefined, fields: ExtractedFields): string | null {
  if (!stages || stages.length === 0) return null;
  const closed = evaluationPassed(call, /(closed|converted|purchase|sale_made|won)/i);
  if (closed && stages.includes('closed')) return 'closed';
  const qualified = evaluationPassed(call, /qualif/i);
  if ((qualified || (fields.budget && fields.timeline)) && stages.includes('qualified')) return 'qualified';
  return stages[0] ?? null;
}

/**
 * Turns one finished call into typed memories per the agent type: factual (summary and one per
 * caller fact), semantic (the caller's own statements), and the agent type's own kinds (lead,
 * conversion, issue, technical, resolution). Ids are derived from content, so ingesting the same
 * call twice writes the same memories.
 */
export function memoriesFromCall(call: CallRecord, context: IngestContext): CallMemories {
  const { agentType } = context;
  const memoryConfig = agentType.memory_config;
  const wanted = new Set<MemoryType>(memoryConfig.types);
  const { fields, sources: fieldSources } = extractFieldsWithSources(call, memoryConfig.auto_extract, memoryConfig.data_collection_keys);
  const at = callTime(call, context.clock);
  const createdAt = new Date(at).toISOString();
  const expiresMs = at + memoryConfig.retention_days * DAY_MS;
  const expiresAt = new Date(expiresMs).toISOString();
  // Past retention on arrival (an old call replayed or delivered late): nothing is kept.
  if (expiresMs <= context.clock.now()) return { memories: [], fields, fieldSources, pastRetention: true, expiresAt };
  const resolved = evaluationPassed(call, /(resol|success|solved)/i);
  const baseMetadata: Record<string, MetadataValue> = {
    conversation_id: call.conversationId,
    provider: call.provider,
    agent_type: context.agentTypeName,
    agent_id: call.agentId,
    direction: call.direction,
  };
  const callerTexts = call.turns.filter((t) => t.speaker === 'caller').map((t) => t.text);
  // What the caller or the summary says this call replaced ("a Picanto instead of the Fiesta").
  const said = [...callerTexts, call.summary ?? ''];
  const known = new Set(
    [...agentNames({ turns: call.turns, agentName: call.agentName ?? null }), ...(fields.name ?? '').toLowerCase().split(/\s+/)].filter(
      (w) => w.length > 0,
    ),
  );
  // The caller's and the agent's own names are never what a call replaced ("not seeing Dr Patel any more" from Anita Patel).
  const replaced = [...new Set([...said.flatMap(replacedPhrases), ...changedFromEarlier(said, context.earlier ?? [], known)])].filter(
    (p) =>
      !p
        .toLowerCase()
        .split(/\s+/)
        .some((w) => known.has(w)),
  );
  if (replaced.length > 0) baseMetadata.replaced = replaced.join('; ');

  const memories: NewMemory[] = [];
  const add = (type: MemoryType, text: string, extra: Record<string, MetadataValue> = {}) => {
    if (!wanted.has(type)) return;
    const clean = squash(text);
    if (clean.length === 0) return;
    const metadata: MemoryMetadata = { ...baseMetadata, ...extra, memory_type: type };
    memories.push({ id: stableId(call.conversationId, type, clean), text: clean, type, createdAt, expiresAt, metadata });
  };

  if (call.summary) add('factual', call.summary, { ...fields, source: 'summary' });
  const platformKeys = new Map<string, string>();
  const fromPlatform = platformFields(call, memoryConfig.data_collection_keys, platformKeys);
  for (const field of FACT_FIELDS) {
    const value = fields[field];
    if (!value) continue;
    // A value from the platform's analysis under a more specific key of the same field keeps the
    // platform's words ("Property address:", "Collection address:"): a question may use them.
    const key = fieldSources[field] === 'data_collection' ? platformKeys.get(field) : undefined;
    const specific = key !== undefined && key !== field && field.split('_').every((w) => key.split('_').includes(w));
    const text = specific && !OWN_WORDING.has(field) ? `${keyLabel(key)}: ${value}.` : factText(field, value);
    add('factual', text, { [field]: value, source: 'extraction', field_source: fieldSources[field] ?? null });
  }
  // The platform's analysis: every key is kept, not only those that map to an extract field.
  for (const [key, value] of Object.entries(fromPlatform)) {
    if (fields[key as ExtractField] === value && (FACT_FIELDS.includes(key as ExtractField) || LEAD_FIELDS.includes(key as ExtractField)))
      continue;
    add('factual', `${keyLabel(key)}: ${value}.`, { field: key, [key]: value, source: 'platform_analysis' });
  }
  // The transcript layer: every substantive caller statement, findable by search; the few that
  // tell the most (spread over the call) are key statements, shown at call start.
  const statements = callerStatements(call.turns);
  const keys = new Set(keyStatements(statements, memoryConfig.max_semantic_per_call));
  for (const statement of statements) {
    add('semantic', statement.quoted ? statement.text : `Caller said: "${statement.text}"`, {
      // A yes to the agent's proposal states no field of its own: the words are the agent's.
      ...(statement.quoted ? {} : statementFields(statement.text, memoryConfig.auto_extract, at)),
      source: 'transcript',
      layer: 'transcript',
      key_statement: keys.has(statement),
      information: statement.information,
      turn: statement.turn,
      ...(statement.asked ? { asked: statement.asked } : {}),
    });
  }

  const leadParts = LEAD_FIELDS.filter((f) => fields[f]).map((f) => `${FIELD_LABELS[f].toLowerCase()}: ${fields[f]}`);
  if (leadParts.length > 0) {
    const stage = pipelineStage(call, agentType.response_config.pipeline_stages, fields);
    const leadFields = Object.fromEntries(LEAD_FIELDS.filter((f) => fields[f]).map((f) => [f, fields[f] as string]));
    add('lead', `Lead — ${leadParts.join('; ')}${stage ? ` (stage: ${stage})` : ''}.`, { ...leadFields, pipeline_stage: stage });
  }
  if (evaluationPassed(call, /(closed|converted|purchase|sale_made|won)/i)) {
    add('conversion', `Converted on this call${fields.interests ? ` (${fields.interests})` : ''}.`, { converted: true });
  }

  const issueLabel = fields.issue_type ?? fields.issue_category ?? issueOfCall(callerTexts, call.summary);
  if (issueLabel) {
    const description = callerTexts.flatMap((t) => sentences(t)).find((s) => classifyIssue([s]) === issueLabel) ?? call.summary ?? '';
    const issueMeta = {
      issue_type: fields.issue_type ?? issueLabel,
      escalation_level: fields.escalation_level ?? null,
      resolved,
    };
    add('issue', `Issue (${issueLabel}): ${description}`, issueMeta);
    add(
      'technical',
      `Technical issue (${fields.issue_category ?? issueLabel}${fields.escalation_level ? `, ${fields.escalation_level} priority` : ''}): ${description}`,
      {
        issue_category: fields.issue_category ?? issueLabel,
        escalation_level: fields.escalation_level ?? null,
        technical_skill: fields.technical_skill ?? null,
        resolved,
      },
    );
  }
  if (fields.resolution) {
    add('resolution', `Resolution: ${fields.resolution}${resolved === false ? ' (not resolved on the call)' : ''}`, {
      resolution: fields.resolution,
      resolved,
      issue_type: issueLabel ?? null,
    });
  }

  const unique = new Map<string, NewMemory>();
  for (const m of memories) unique.set(m.id, m);
  return { memories: [...unique.values()], fields, fieldSources, pastRetention: false, expiresAt };
}
