import { createHash } from 'node:crypto';
import type { AgentType } from '../config/agent-type-schema';
import type { CallRecord } from '../domain/call-record';
import type { MemoryMetadata, MemoryType, MetadataValue, NewMemory } from '../domain/memory';
import { type ExtractedFields, type ExtractField, FIELD_LABELS } from '../extraction/extract-fields';
import { extractFields } from '../extraction/field-extractor';
import { classifyIssue } from '../extraction/text-patterns';
import type { Clock } from '../ports/clock';
import { sentences, squash } from '../text/text-utils';

const DAY_MS = 86_400_000;

export interface CallMemories {
  readonly memories: readonly NewMemory[];
  readonly fields: ExtractedFields;
}

export interface IngestContext {
  readonly agentTypeName: string;
  readonly agentType: AgentType;
  readonly clock: Clock;
}

/** Fields that describe the caller and become one factual memory each. */
const FACT_FIELDS: readonly ExtractField[] = ['name', 'account_status', 'contact_preference', 'company', 'technical_skill', 'preferences'];
const LEAD_FIELDS: readonly ExtractField[] = ['interests', 'budget', 'timeline', 'objections', 'decision_maker', 'company'];

const FILLER =
  /^(?:hi|hello|hey|yes|yeah|yep|no|nope|ok(?:ay)?|sure|thanks|thank you|great|perfect|right|alright|bye|goodbye|uh+|um+|hmm+)\b[\s,.!?]*(?:thanks|thank you|bye|great)?[\s,.!?]*$/i;

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

/**
 * Semantic memories: what the caller said that carries content, not pleasantries; at most
 * `max`, preferring longer statements, kept in call order.
 */
function semanticStatements(call: CallRecord, max: number): string[] {
  const seen = new Set<string>();
  const candidates: { text: string; order: number; weight: number }[] = [];
  let order = 0;
  for (const turn of call.turns) {
    if (turn.speaker !== 'caller') continue;
    const text = squash(turn.text);
    order += 1;
    const words = text.split(' ').length;
    if (words < 4 || FILLER.test(text)) continue;
    const key = text.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push({ text: text.length > 500 ? `${text.slice(0, 497)}...` : text, order, weight: Math.min(words, 40) });
  }
  return candidates
    .sort((a, b) => b.weight - a.weight || a.order - b.order)
    .slice(0, max)
    .sort((a, b) => a.order - b.order)
    .map((c) => `Caller said: "${c.text}"`);
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
  const fields = extractFields(call, memoryConfig.auto_extract, memoryConfig.data_collection_keys);
  const at = callTime(call, context.clock);
  const createdAt = new Date(at).toISOString();
  const expiresAt = new Date(at + memoryConfig.retention_days * DAY_MS).toISOString();
  const resolved = evaluationPassed(call, /(resol|success|solved)/i);
  const baseMetadata: Record<string, MetadataValue> = {
    conversation_id: call.conversationId,
    provider: call.provider,
    agent_type: context.agentTypeName,
    agent_id: call.agentId,
    direction: call.direction,
  };

  const memories: NewMemory[] = [];
  const add = (type: MemoryType, text: string, extra: Record<string, MetadataValue> = {}) => {
    if (!wanted.has(type)) return;
    const clean = squash(text);
    if (clean.length === 0) return;
    const metadata: MemoryMetadata = { ...baseMetadata, ...extra, memory_type: type };
    memories.push({ id: stableId(call.conversationId, type, clean), text: clean, type, createdAt, expiresAt, metadata });
  };

  if (call.summary) add('factual', call.summary, { ...fields, source: 'summary' });
  for (const field of FACT_FIELDS) {
    const value = fields[field];
    if (value) add('factual', factText(field, value), { [field]: value, source: 'extraction' });
  }
  for (const statement of semanticStatements(call, memoryConfig.max_semantic_per_call))
    add('semantic', statement, { source: 'transcript' });

  const leadParts = LEAD_FIELDS.filter((f) => fields[f]).map((f) => `${FIELD_LABELS[f].toLowerCase()}: ${fields[f]}`);
  if (leadParts.length > 0) {
    const stage = pipelineStage(call, agentType.response_config.pipeline_stages, fields);
    const leadFields = Object.fromEntries(LEAD_FIELDS.filter((f) => fields[f]).map((f) => [f, fields[f] as string]));
    add('lead', `Lead — ${leadParts.join('; ')}${stage ? ` (stage: ${stage})` : ''}.`, { ...leadFields, pipeline_stage: stage });
  }
  if (evaluationPassed(call, /(closed|converted|purchase|sale_made|won)/i)) {
    add('conversion', `Converted on this call${fields.interests ? ` (${fields.interests})` : ''}.`, { converted: true });
  }

  const callerTexts = call.turns.filter((t) => t.speaker === 'caller').map((t) => t.text);
  const issueLabel = fields.issue_type ?? fields.issue_category ?? classifyIssue(callerTexts);
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
  return { memories: [...unique.values()], fields };
}
