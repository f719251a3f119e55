import type { CallRecord, Turn } from '../domain/call-record';
import type { MetadataValue } from '../domain/memory';
import { sentences } from '../text/text-utils';
import { findAddress } from './address';
import { findCallerName } from './caller-name';
import type { ExtractedFields, ExtractField } from './extract-fields';
import { currencyOf, findBudget, findSpokenBudget } from './money';
import { findReference, referenceOfCall } from './reference';
import {
  channelAnswer,
  classifyIssue,
  escalationLevel,
  issueOfCall,
  resolutionSteps,
  SENTENCE_RULES,
  satisfaction,
  technicalDetails,
} from './text-patterns';
import { findTimeline } from './timeline';
import { timelineValue } from './timeline-date';

/** Data-collection keys recognised for each field, beyond an agent type's own. */
export const DATA_COLLECTION_KEYS: Readonly<Record<ExtractField, readonly string[]>> = {
  name: [
    'name',
    'user_name',
    'caller_name',
    'customer_name',
    'full_name',
    'first_name',
    'given_name',
    'firstname',
    'contact_name',
    'client_name',
    'lead_name',
  ],
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
  address: ['address', 'home_address', 'street_address', 'postal_address', 'property_address', 'current_address', 'new_address'],
  account_number: [
    'account_number',
    'account_no',
    'membership_number',
    'member_number',
    'customer_number',
    'customer_id',
    'client_number',
    'policy_number',
    'booking_reference',
    'reference_number',
    'contract_number',
  ],
};

export type ExtractionInput = Pick<CallRecord, 'turns' | 'summary' | 'dataCollection'> &
  Partial<Pick<CallRecord, 'direction' | 'agentName' | 'startedAt' | 'endedAt'>>;

export function normaliseKey(key: string): string {
  return key
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

export function scalarText(value: MetadataValue | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text.length === 0 || /^(null|none|n\/a|na|unknown|not provided|not stated|not mentioned|not specified|-)$/i.test(text)) return null;
  return text.length > 200 ? text.slice(0, 200) : text;
}

/**
 * A key naming the person the agent serves by their role on this kind of call (`tenant_name`,
 * `patient_full_name`, `policyholder_name`): the caller's name when no listed key holds one.
 */
const ROLE_NAME_KEY =
  /^(?:caller|customer|client|tenant|patient|member|guest|student|applicant|policy_?holder|account_?holder|bill_?payer|owner|home_?owner|resident|subscriber|passenger|buyer|borrower|claimant|patron|visitor|prospect|requester|reporter|enquirer|inquirer|householder|occupant|parent|booker|lead_booker|organi[sz]er)_(?:full_|first_)?name$/;

/** The data-collection key that holds a field (the agent type's own keys first), if any holds a value. */
function dataCollectionKey(field: ExtractField, byKey: ReadonlyMap<string, MetadataValue>, extraKeys: readonly string[]): string | null {
  for (const key of [...extraKeys, ...DATA_COLLECTION_KEYS[field]]) {
    const k = normaliseKey(key);
    if (scalarText(byKey.get(k)) !== null) return k;
  }
  if (field === 'name') for (const [k, v] of byKey) if (ROLE_NAME_KEY.test(k) && scalarText(v) !== null) return k;
  return null;
}

/**
 * The platform's own analysis of the call (ElevenLabs `data_collection_results`, Vapi
 * `analysis.structuredData`, Retell `custom_analysis_data`), every key kept: keys the agent type
 * maps to an extract field come back under the field's name, every other key under its own
 * (snake_case) name — `delivery_address`, `account_number`.
 */
export function platformFields(
  call: Pick<CallRecord, 'dataCollection'>,
  extraKeys: Partial<Record<ExtractField, readonly string[]>> = {},
  /** Filled with the platform's own key of each extract field it holds (`address` ← `property_address`). */
  keysOfFields?: Map<string, string>,
): Record<string, string> {
  const byKey = new Map<string, MetadataValue>();
  for (const [key, value] of Object.entries(call.dataCollection)) byKey.set(normaliseKey(key), value);
  const out: Record<string, string> = {};
  const mapped = new Set<string>();
  for (const field of EXTRACT_FIELDS_IN_ORDER) {
    const key = dataCollectionKey(field, byKey, extraKeys[field] ?? []);
    if (key === null || mapped.has(key)) continue;
    mapped.add(key);
    keysOfFields?.set(field, key);
    const text = scalarText(byKey.get(key)) as string;
    out[field] = field === 'budget' ? (findBudget(`budget ${text}`) ?? text) : field === 'name' ? withSurname(text, key, byKey) : text;
  }
  for (const [key, value] of byKey) {
    if (mapped.has(key) || key.length === 0) continue;
    const text = scalarText(value);
    if (text !== null && !/^(?:true|false)$/i.test(text)) out[key] = text;
  }
  return out;
}

/** Keys that hold a surname beside a given name (`first_name` + `last_name`). */
const SURNAME_KEYS = ['last_name', 'surname', 'family_name', 'lastname', 'second_name'];

/** A given name completed by the surname key beside it, when the analysis splits the name ("Mireille" + "Fontaine"). */
function withSurname(name: string, key: string, byKey: ReadonlyMap<string, MetadataValue>): string {
  if (name.trim().includes(' ') || SURNAME_KEYS.includes(key)) return name;
  for (const k of SURNAME_KEYS) {
    const surname = scalarText(byKey.get(k));
    if (surname && !name.toLowerCase().includes(surname.toLowerCase())) return `${name} ${surname}`;
  }
  return name;
}

const EXTRACT_FIELDS_IN_ORDER = Object.keys(DATA_COLLECTION_KEYS) as ExtractField[];

/** The instant the call happened (its end, else its start), or null. */
function callInstant(call: ExtractionInput): number | null {
  for (const iso of [call.endedAt, call.startedAt]) {
    const t = iso ? Date.parse(iso) : Number.NaN;
    if (!Number.isNaN(t)) return t;
  }
  return null;
}

const contactRule = (sentence: string, from: 'caller' | 'summary') => SENTENCE_RULES.contact_preference?.(sentence, from) ?? null;

const WHEN_QUESTION =
  /\b(?:when|how soon|by when|what timeline|what timeframe|what time frame|what's the timing|timing|(?:the|what|which) (?:date|day)\b[^.!?]*\?)/i;
/** A summary's words for the caller's own limit on what they pay. */
const SUMMARY_BUDGET =
  /\b(?:budget|spend|spending|afford|up to|maximum|max|no more than|less than|under|ceiling|limit|set aside|put aside|willing to pay|can pay|stretch)\b/i;
/** A caller's words that make an amount their limit, or correct an earlier one. */
const SPOKEN_LIMIT =
  /\b(?:budget|afford|spend|spending|up to|max|maximum|no more than|less than|under|below|tops|go over|go above|stretch(?: to)?|set aside|put aside|limit|ceiling|make it|instead|now)\b/i;
/** An agent asking for a budget ("Have you got a budget in mind?", "How much were you looking to spend?", "a figure in mind?"). */
const BUDGET_QUESTION =
  /\b(?:budget|how much (?:were|are|would|do|could|can) you (?:looking|hoping|wanting|want|like|thinking|planning|able|prepared|willing)|looking to spend|want to spend|(?:a|any) (?:figure|price|amount|number) in mind|price range|spending limit)\b[^.!]*\?/i;
/** A question about the past ("when did you first notice…", "the date of birth"): a date in its answer is no timeline. */
const PAST_QUESTION = /\b(?:did|was|were|had|have you|has it|birth|born|last|ago|noticed|happened|began|started|first)\b/i;
/** Fields where the caller's latest statement wins (a later correction replaces an earlier value). */
const LATEST_WINS = new Set<ExtractField>(['contact_preference', 'account_status', 'company', 'technical_skill', 'decision_maker']);

/**
 * The caller's turns in order, each with the agent's turn right before it ('' when the caller spoke
 * again without the agent asking anything): what the caller answered to.
 */
function answersToAgent(turns: readonly Turn[]): { text: string; asked: string }[] {
  const out: { text: string; asked: string }[] = [];
  let previousAgent = '';
  for (const turn of turns) {
    if (turn.speaker === 'agent') previousAgent = turn.text;
    if (turn.speaker !== 'caller') continue;
    out.push({ text: turn.text, asked: previousAgent });
    previousAgent = '';
  }
  return out;
}

/** Where an extracted value came from: the platform's own analysis, the caller's words, or the call summary. */
export type FieldSource = 'data_collection' | 'transcript' | 'summary';

export interface ExtractedFieldsWithSources {
  readonly fields: ExtractedFields;
  /** The source of every field in `fields`. */
  readonly sources: Partial<Record<ExtractField, FieldSource>>;
}

/**
 * Extracts the requested fields from a call. The platform's own analysis wins; then rules over
 * the caller's own turns (never the agent's: "Hi, I'm Ava" is not the caller's name), then over
 * the summary. The name comes from the whole conversation (see findCallerName); budgets skip
 * other people's amounts; timelines are kept as said with the ISO date they resolve to against
 * the call's time. Never throws on arbitrary text.
 */
export function extractFields(
  call: ExtractionInput,
  fields: readonly ExtractField[],
  extraKeys: Partial<Record<ExtractField, readonly string[]>> = {},
): ExtractedFields {
  return extractFieldsWithSources(call, fields, extraKeys).fields;
}

/** `extractFields`, with the source each value came from (data collection, the caller's turns, the summary). */
export function extractFieldsWithSources(
  call: ExtractionInput,
  fields: readonly ExtractField[],
  extraKeys: Partial<Record<ExtractField, readonly string[]>> = {},
): ExtractedFieldsWithSources {
  const callerTurns = call.turns.filter((t) => t.speaker === 'caller');
  const callerSentences = callerTurns.flatMap((t) => sentences(t.text));
  const summarySentences = call.summary ? sentences(call.summary) : [];
  const fromPlatform = platformFields(call, extraKeys);
  const out: ExtractedFields = {};
  const sources: Partial<Record<ExtractField, FieldSource>> = {};
  const at = callInstant(call);

  for (const field of new Set(fields)) {
    const structured = fromPlatform[field];
    if (structured !== undefined) {
      out[field] = field === 'timeline' ? timelineValue(structured, at) : structured;
      sources[field] = 'data_collection';
      continue;
    }
    let value: string | null = null;
    // Set where a value is first found in the summary (every branch reads the caller's turns first).
    let fromSummary = false;
    const summaryFallback = (found: string | null): string | null => {
      if (found !== null) fromSummary = true;
      return found;
    };
    if (field === 'name') {
      const person = { turns: call.turns, direction: call.direction, agentName: call.agentName };
      value = findCallerName({ ...person, summary: call.summary });
      if (value !== null && findCallerName({ ...person, summary: null }) !== value) fromSummary = true;
    } else if (field === 'budget') {
      const currency = currencyOf(callerTurns.map((t) => t.text).join(' ')) ?? currencyOf(call.summary ?? '') ?? '$';
      // An amount given as the limit (asked for, or said with limit words, or a correction) wins over
      // one merely mentioned later ("I can put £3,000 towards it"); among each, the latest wins.
      let mentioned: string | null = null;
      for (const { text, asked } of answersToAgent(call.turns)) {
        const askedBudget = BUDGET_QUESTION.test(asked);
        for (const s of sentences(text)) {
          const found = findSpokenBudget(s, currency, askedBudget);
          if (found === null) continue;
          if (askedBudget || SPOKEN_LIMIT.test(s)) value = found;
          else mentioned = found;
        }
      }
      value ??= mentioned;
      // A summary names many prices (quotes, fees, add-ons): only an amount it says is the caller's limit is a budget.
      if (value === null)
        for (const s of summarySentences) if (SUMMARY_BUDGET.test(s)) value ??= summaryFallback(findSpokenBudget(s, currency));
    } else if (field === 'timeline') {
      let previousAgent = '';
      for (const turn of call.turns) {
        if (turn.speaker === 'agent') previousAgent = turn.text;
        if (turn.speaker !== 'caller') continue;
        const answersWhen = WHEN_QUESTION.test(previousAgent) && !PAST_QUESTION.test(previousAgent);
        for (const s of sentences(turn.text)) value = findTimeline(s, answersWhen) ?? value;
      }
      if (value === null) for (const s of summarySentences) value ??= summaryFallback(findTimeline(s));
      if (value !== null) value = timelineValue(value, at);
    } else if (field === 'contact_preference') {
      // The latest the caller said wins: a rule over their sentences, or their short answer to the
      // agent asking how to reach them.
      for (const { text, asked } of answersToAgent(call.turns)) {
        let found: string | null = null;
        for (const s of sentences(text)) found = contactRule(s, 'caller') ?? found;
        value = found ?? channelAnswer(asked, text) ?? value;
      }
      if (value === null) for (const s of summarySentences) value ??= summaryFallback(contactRule(s, 'summary'));
    } else if (field === 'issue_type' || field === 'issue_category') {
      value = issueOfCall(
        callerTurns.map((t) => t.text),
        call.summary,
      );
      if (value !== null && classifyIssue(callerSentences) !== value) fromSummary = true;
      value ??= summaryFallback(classifyIssue(summarySentences));
    } else if (field === 'address') {
      // The latest address the caller says; else the summary's last ("…fell through. She is now moving to 3 Skelton Lane").
      for (const s of callerSentences) value = findAddress(s) ?? value;
      if (value === null) for (const s of summarySentences) value = summaryFallback(findAddress(s)) ?? value;
    } else if (field === 'account_number') {
      // The latest reference the call gives (the caller's, an answer to the agent asking, or one the
      // agent reads out); else the summary's last ("Katrin Vollmer (membership FH-204-3381)…").
      value = referenceOfCall(call.turns);
      if (value === null) for (const s of summarySentences) value = summaryFallback(findReference(s)) ?? value;
    } else if (field === 'escalation_level') {
      value = escalationLevel(callerSentences);
    } else if (field === 'satisfaction') {
      value = satisfaction(callerSentences) ?? summaryFallback(satisfaction(summarySentences));
    } else if (field === 'technical_details') {
      value = technicalDetails(callerSentences) ?? summaryFallback(technicalDetails(summarySentences));
    } else if (field === 'resolution_steps') {
      // The caller's steps when they name any; the summary's only otherwise.
      value = resolutionSteps(callerSentences, []) ?? summaryFallback(resolutionSteps([], summarySentences));
    } else {
      const rule = SENTENCE_RULES[field];
      if (rule) {
        for (const s of callerSentences) {
          const found = rule(s, 'caller');
          if (found !== null) {
            value = found;
            if (!LATEST_WINS.has(field)) break;
          }
        }
        if (value === null) {
          for (const s of summarySentences) {
            value = summaryFallback(rule(s, 'summary'));
            if (value !== null) break;
          }
        }
      }
    }
    if (value !== null && value.length > 0) {
      out[field] = value;
      sources[field] = fromSummary ? 'summary' : 'transcript';
    }
  }
  return { fields: out, sources };
}
