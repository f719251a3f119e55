import type { CallRecord } from '../domain/call-record';
import type { MetadataValue } from '../domain/memory';
import { sentences } from '../text/text-utils';
import type { ExtractedFields, ExtractField } from './extract-fields';
import { findBudget } from './money';
import { classifyIssue, escalationLevel, resolutionSteps, SENTENCE_RULES, satisfaction, technicalDetails } from './text-patterns';

/** Data-collection keys recognised for each field, beyond an agent type's own. */
export const DATA_COLLECTION_KEYS: Readonly<Record<ExtractField, readonly string[]>> = {
  name: ['name', 'user_name', 'caller_name', 'customer_name', 'full_name', 'first_name', 'contact_name', 'client_name', 'lead_name'],
  preferences: ['preferences', 'preference'],
  account_status: ['account_status', 'account_type', 'plan', 'plan_type', 'tier', 'membership'],
  contact_preference: ['contact_preference', 'preferred_contact', 'preferred_contact_method', 'contact_method'],
  issue_type: ['issue_type', 'issue', 'problem_type', 'issue_category'],
  issue_category: ['issue_category', 'category', 'issue_type'],
  escalation_level: ['escalation_level', 'escalation', 'priority', 'severity', 'urgency'],
  technical_skill: ['technical_skill', 'skill_level', 'tech_level', 'technical_level'],
  resolution: ['resolution', 'resolution_pattern', 'outcome', 'resolution_summary'],
  budget: ['budget', 'budget_amount', 'price_range'],
  timeline: ['timeline', 'timeframe', 'time_frame', 'purchase_timeline'],
  interests: ['interests', 'interest', 'product_interest', 'looking_for'],
  objections: ['objections', 'objection', 'concerns', 'concern'],
  decision_maker: ['decision_maker', 'decision_makers'],
  company: ['company', 'company_name', 'organization', 'organisation', 'business_name', 'employer'],
  satisfaction: ['satisfaction', 'customer_satisfaction', 'csat', 'sentiment', 'caller_sentiment'],
  technical_details: ['technical_details', 'error_code', 'device', 'device_model', 'operating_system', 'os'],
  resolution_steps: ['resolution_steps', 'steps_taken', 'troubleshooting_steps', 'steps_tried'],
};

export type ExtractionInput = Pick<CallRecord, 'turns' | 'summary' | 'dataCollection'>;

function normaliseKey(key: string): string {
  return key
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

function scalarText(value: MetadataValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text.length === 0 || /^(null|none|n\/a|unknown|not provided|not stated)$/i.test(text)) return null;
  return text.length > 200 ? text.slice(0, 200) : text;
}

function fromDataCollection(
  field: ExtractField,
  data: Readonly<Record<string, MetadataValue>>,
  extraKeys: readonly string[],
): string | null {
  const byKey = new Map<string, MetadataValue>();
  for (const [key, value] of Object.entries(data)) byKey.set(normaliseKey(key), value);
  for (const key of [...extraKeys, ...DATA_COLLECTION_KEYS[field]]) {
    const text = scalarText(byKey.get(normaliseKey(key)));
    if (text === null) continue;
    if (field === 'budget') return findBudget(`budget ${text}`) ?? text;
    return text;
  }
  return null;
}

/**
 * Extracts the requested fields from a call. Structured data-collection results win; then text
 * rules over the caller's own turns (never the agent's: "Hi, I'm Ava" is not the caller's name),
 * then over the summary. Never throws on arbitrary text.
 */
export function extractFields(
  call: ExtractionInput,
  fields: readonly ExtractField[],
  extraKeys: Partial<Record<ExtractField, readonly string[]>> = {},
): ExtractedFields {
  const callerSentences = call.turns.filter((t) => t.speaker === 'caller').flatMap((t) => sentences(t.text));
  const summarySentences = call.summary ? sentences(call.summary) : [];
  const out: ExtractedFields = {};

  for (const field of new Set(fields)) {
    const structured = fromDataCollection(field, call.dataCollection, extraKeys[field] ?? []);
    if (structured !== null) {
      out[field] = structured;
      continue;
    }
    let value: string | null = null;
    if (field === 'issue_type' || field === 'issue_category') {
      value = classifyIssue(callerSentences) ?? classifyIssue(summarySentences);
    } else if (field === 'escalation_level') {
      value = escalationLevel(callerSentences);
    } else if (field === 'satisfaction') {
      value = satisfaction(callerSentences) ?? satisfaction(summarySentences);
    } else if (field === 'technical_details') {
      value = technicalDetails(callerSentences) ?? technicalDetails(summarySentences);
    } else if (field === 'resolution_steps') {
      value = resolutionSteps(callerSentences, summarySentences);
    } else {
      const rule = SENTENCE_RULES[field];
      if (rule) {
        for (const s of callerSentences) {
          value = rule(s, 'caller');
          if (value !== null) break;
        }
        if (value === null) {
          for (const s of summarySentences) {
            value = rule(s, 'summary');
            if (value !== null) break;
          }
        }
      }
    }
    if (value !== null && value.length > 0) out[field] = value;
  }
  return out;
}
