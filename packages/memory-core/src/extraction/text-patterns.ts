import { capitalisedWordsAfter, isLikelyName, sentences, tidyPhrase } from '../text/text-utils';
import type { ExtractField } from './extract-fields';
import { findBudget } from './money';
import { findTimeline } from './timeline';

/** A rule that reads one sentence of the caller (or of the summary) and may find a value. */
type SentenceRule = (sentence: string, from: 'caller' | 'summary') => string | null;

const NAME_LEAD_IN = /\b(?:my name is|my name's|the name is|name's|this is|i am|i'm|im|call me|it's|its)\s+/i;
const SUMMARY_VERBS =
  'is|was|called|calls|reported|reports|said|asked|wants|wanted|needs|needed|has|had|from|would|explained|mentioned|requested|inquired|contacted|phoned|rang|expressed|shared|confirmed|described|complained';
/** Summaries open with the caller: "Maya Okafor, a premium customer…", "The caller, Daniel Reyes, is…". */
const SUMMARY_OPENING = new RegExp(
  String.raw`^(?:[Tt]he\s+)?(?:(?:[Cc]aller|[Cc]ustomer|[Cc]lient|[Pp]rospect|[Ll]ead)(?:,\s*|\s+named\s+|\s+))?([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})(?=,|\s+(?:${SUMMARY_VERBS})\b)`,
);

function name(sentence: string, from: 'caller' | 'summary'): string | null {
  if (from === 'caller') return capitalisedWordsAfter(sentence, NAME_LEAD_IN, 3);
  const opening = SUMMARY_OPENING.exec(sentence)?.[1];
  if (opening?.split(/\s+/).every(isLikelyName)) return opening ?? null;
  return capitalisedWordsAfter(sentence, /\b(?:caller|customer|client|prospect) (?:named|called)\s+/i, 3);
}

const PREFERENCE =
  /\b(?:i (?:really )?prefer|i'd prefer|i would prefer|i'd rather|i would rather|i (?:really )?like|i love|i'd like|i would like)\s+([^.!?;]{2,80})/i;
function preferences(sentence: string, from: 'caller' | 'summary'): string | null {
  // How to be contacted is the contact preference's, not a general preference.
  if (
    /\b(?:contact(?:ed|ing)?|reach(?:ed)?|get back to|call(?:ed)? back|text(?:ed)? me|e-?mail(?:ed)? me)\b/i.test(sentence) &&
    contactPreference(sentence) !== null
  )
    return null;
  const m = from === 'caller' ? PREFERENCE.exec(sentence) : /\b(?:prefers|likes|would like)\s+([^.!?;]{2,80})/i.exec(sentence);
  return m?.[1] ? tidyPhrase(m[1]) : null;
}

const TIER =
  /\b(premium|gold|silver|bronze|platinum|basic|free|business|enterprise|pro|standard|family|starter)\s+(account|plan|member(?:ship)?|tier|subscription|subscriber|customer|package)\b/i;
const TENURE = /\b(?:customer|client|member|subscriber|user)\s+since\s+((?:19|20)\d{2}|[A-Z][a-z]+\s+(?:19|20)\d{2})\b/i;
function accountStatus(sentence: string): string | null {
  const parts: string[] = [];
  const tier = TIER.exec(sentence);
  if (tier) parts.push(`${tier[1]?.toLowerCase()} ${tier[2]?.toLowerCase()}`);
  const tenure = TENURE.exec(sentence);
  if (tenure) parts.push(`customer since ${tenure[1]}`);
  return parts.length > 0 ? parts.join(', ') : null;
}

const CHANNEL = '(e-?mail|phone(?: calls?)?|calls?|text(?: messages?)?|texts|sms|whats ?app|mail|letters?)';
const CONTACT_PATTERNS = [
  new RegExp(
    String.raw`\b(?:contact|reach|update|notify|get back to|follow up with) (?:me|her|him|them) (?:by|via|through|over|on)\s+${CHANNEL}\b`,
    'i',
  ),
  new RegExp(
    String.raw`\bprefers? (?:to be contacted |being contacted |contact |communication |to hear back )?(?:by|via|through|over)\s+${CHANNEL}\b`,
    'i',
  ),
  new RegExp(String.raw`\bprefers? ${CHANNEL}\b`, 'i'),
  new RegExp(String.raw`\b(?:just |please )?(${'e-?mail|text'}) me\b`, 'i'),
];
function normaliseChannel(raw: string): string {
  const c = raw.toLowerCase().replace(/\s+/g, '');
  if (c.startsWith('e-mail') || c.startsWith('email')) return 'email';
  if (c.startsWith('phone') || c.startsWith('call')) return 'phone';
  if (c.startsWith('text') || c === 'sms') return 'text';
  if (c.startsWith('whats')) return 'whatsapp';
  return 'mail';
}
/** Ways to be contacted as named in the languages the name rules read. */
const CHANNEL_WORDS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:e-?mails?|correo(?: electr[oó]nico)?|courriel|posta elettronica)\b/iu, 'email'],
  [/\bwhats ?app\b/iu, 'whatsapp'],
  [/\b(?:texts?|sms|mensajes?|mensagens?|messaggio|nachricht|berichtje)\b/iu, 'text'],
  [
    /\b(?:phone|telephone|tel[ée]fono|telefono|telefone|t[ée]l[ée]phone|telefon|telefoon|llamada|appel|anruf|bellen|chamada|liga[çc][ãa]o|chiamata)\b/iu,
    'phone',
  ],
];
/** The distinct channels a text names. */
function channelsIn(text: string): string[] {
  return CHANNEL_WORDS.filter(([re]) => re.test(text)).map(([, channel]) => channel);
}
/** "By email", in the languages the name rules read (a short answer: "Por correo electrónico, por favor."). */
const BY_CHANNEL = /\b(?:via|por|par|per|pelo|pela|über|tramite)\s/iu;
/** The agent asking how to reach the caller, in those languages. */
const CONTACT_ASK =
  /\b(?:contact|reach|notify|get back to|let you know|avisar|avisemos|contactar|contacter|pr[ée]venir|kontaktieren|benachrichtigen|bereiken|laten weten|contattare|avvisare)\w*/iu;

function contactPreference(sentence: string): string | null {
  for (const re of CONTACT_PATTERNS) {
    const m = re.exec(sentence);
    if (m?.[1]) return normaliseChannel(m[1]);
  }
  // A short "by <channel>" in any of the languages (an answer, not a story about a call).
  const named = channelsIn(sentence);
  if (named.length === 1 && sentence.split(/\s+/).length <= 10 && BY_CHANNEL.test(sentence)) return named[0] ?? null;
  return null;
}

/**
 * The caller's short answer to the agent asking how to reach them (or offering a channel): the one
 * channel it names, in any of the languages ("¿Por correo o por teléfono?" — "Correo, por favor.").
 */
export function channelAnswer(agentText: string, callerText: string): string | null {
  if (callerText.split(/\s+/).length > 12) return null;
  const named = channelsIn(callerText);
  if (named.length !== 1) return null;
  return channelsIn(agentText).length > 0 || CONTACT_ASK.test(agentText) ? (named[0] ?? null) : null;
}

/** Issue classes and their keyword stems, in tie-break order. */
const ISSUE_CLASSES: ReadonlyArray<readonly [string, RegExp]> = [
  ['billing', /\b(bill|billing|billed|charge[ds]?|overcharg\w*|invoice\w*|refund\w*|payment\w*|fee)\b/gi],
  ['connectivity', /\b(wi-?fi|internet|connection|connectivity|disconnect\w*|network|router|modem|signal|outage|offline|dropping)\b/gi],
  ['login', /\b(log ?in|login|password|sign in|signing in|locked out|two-factor|2fa|authenticat\w*)\b/gi],
  ['performance', /\b(slow|slowly|lag\w*|freez\w*|performance|takes forever|speed)\b/gi],
  ['error', /\b(error\w*|crash\w*|bug\w*|exception|broken|not working|doesn't work|won't (?:start|load|open))\b/gi],
  ['hardware', /\b(device|screen|battery|cracked|damaged|hardware|cable|charger)\b/gi],
  ['delivery', /\b(deliver\w*|shipping|shipment|package|parcel|tracking|arriv\w*)\b/gi],
  ['cancellation', /\b(cancel\w*|unsubscrib\w*|close my account|terminate)\b/gi],
  ['feature', /\b(how (?:do|can) i|how to|feature|set ?up|configure|tutorial)\b/gi],
];

export function classifyIssue(texts: readonly string[]): string | null {
  let best: string | null = null;
  let bestCount = 0;
  for (const [label, re] of ISSUE_CLASSES) {
    let count = 0;
    for (const text of texts) count += text.match(re)?.length ?? 0;
    if (count > bestCount) {
      best = label;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The issue class of a call from what the caller said — unless the caller did not raise it in
 * their first turns and the summary (what the call was about) names another class or none: a word
 * of small talk in a long call ("the train was cancelled again") is not the call's issue. Then
 * the summary's own class, if any.
 */
export function issueOfCall(callerTurns: readonly string[], summary: string | null): string | null {
  const said = classifyIssue(callerTurns);
  if (said === null || !summary) return said;
  const summarised = classifyIssue([summary]);
  if (summarised === said || classifyIssue(callerTurns.slice(0, EARLY_TURNS)) === said) return said;
  return summarised;
}

/** The caller turns in which a call's issue is usually raised. */
const EARLY_TURNS = 3;

const HIGH =
  /\b(urgent\w*|emergency|critical|production (?:is )?down|outage|blocked|asap|immediately|right now|lawyer|legal action|unacceptable)\b/i;
const MEDIUM = /\b(frustrat\w*|angry|upset|annoy\w*|disappoint\w*|third time|still not|fed up|ridiculous|complain\w*)\b/i;
export function escalationLevel(texts: readonly string[]): string | null {
  if (texts.length === 0) return null;
  if (texts.some((t) => HIGH.test(t))) return 'high';
  if (texts.some((t) => MEDIUM.test(t))) return 'medium';
  return 'low';
}

const SATISFIED =
  /\b(thank you so much|thanks so much|that(?:'s| is) (?:great|perfect|wonderful|brilliant|fantastic|amazing)|(?:it|that) (?:works|worked)(?: now)?|you(?:'ve| have) been (?:very |really |so )?helpful|really helpful|very helpful|happy with|satisfied|problem solved|all sorted|appreciate (?:it|your help|the help))\b/i;
const DISSATISFIED =
  /\b(frustrat\w*|annoy\w*|unhappy|not happy|disappoint\w*|terrible|awful|ridiculous|useless|waste of (?:my )?time|dissatisfied|fed up|want to cancel|going to cancel|still (?:not|doesn't|does not|isn't) work\w*)\b/i;
/**
 * How the caller left the call: the last sentence that says so wins (a caller who was frustrated
 * and then thanked the agent is satisfied). Null when nothing says it — never a guess.
 */
export function satisfaction(texts: readonly string[]): string | null {
  for (let i = texts.length - 1; i >= 0; i -= 1) {
    const text = texts[i] ?? '';
    const negative = DISSATISFIED.test(text);
    const positive = SATISFIED.test(text);
    if (negative && !positive) return 'dissatisfied';
    if (positive && !negative) return 'satisfied';
  }
  return null;
}

const TECHNICAL_DETAIL = [
  /\berror(?: code| message)?\s*[:#]?\s*((?:[A-Z][A-Z_]{0,19}[-_]?)?\d{2,}[A-Z0-9-]*)\b/gi,
  /\b(windows (?:xp|7|8|10|11)|mac ?os(?: \d+(?:\.\d+)?)?|ios \d+(?:\.\d+)?|android \d+|ubuntu(?: \d+\.\d+)?|chrome ?os)\b/gi,
  /\b((?:model|firmware|version)\s+(?:number\s+)?v?[A-Z0-9][A-Za-z0-9.-]{1,20})\b/gi,
  /\b((?:blinking|flashing|solid) (?:red|orange|amber|green|white|blue) lights?)\b/gi,
];
/** Error codes, operating systems, models and firmware versions, status lights: up to four, in order. */
export function technicalDetails(texts: readonly string[]): string | null {
  const found: string[] = [];
  for (const text of texts) {
    for (const pattern of TECHNICAL_DETAIL) {
      for (const m of text.matchAll(pattern)) {
        const detail = (pattern === TECHNICAL_DETAIL[0] ? `error ${m[1]}` : (m[1] ?? '')).replace(/\s+/g, ' ').trim();
        if (detail && !found.some((f) => f.toLowerCase() === detail.toLowerCase())) found.push(detail);
      }
    }
  }
  return found.length > 0 ? found.slice(0, 4).join(', ') : null;
}

const STEP_VERBS =
  'restarted|rebooted|reset|unplugged|replugged|reinstalled|updated|upgraded|cleared|replaced|swapped|reconnected|power[- ]cycled|factory[- ]reset|changed';
/** "I (already) restarted …": the caller's own steps; the rest of that sentence may chain more ("and reset the modem"). */
const CALLER_STEP = new RegExp(
  String.raw`(?<!\b(?:should|shall|can|could|would|will|do|did|may|must|if|when)\s)\bi(?:'ve| have)? (?:already |also |just |even )?(?=(?:${STEP_VERBS})\b)`,
  'i',
);
const STEP = new RegExp(
  String.raw`\b(${STEP_VERBS}) ((?:the |my |our |their |her |his |its )?[a-z][a-z0-9 -]{1,30}?)(?=[,.;!?]|\s+(?:and|but|which|to|twice|again|already|yesterday|today|this|last)\b|$)`,
  'gi',
);
/** Troubleshooting steps already taken ("restarted the router"): up to four, in order. */
export function resolutionSteps(callerTexts: readonly string[], summaryTexts: readonly string[]): string | null {
  const steps: string[] = [];
  const collect = (text: string) => {
    for (const m of text.matchAll(STEP)) {
      const step = `${(m[1] ?? '').toLowerCase()} ${(m[2] ?? '').trim().replace(/^(?:my|our|their|her|his|its) /i, 'the ')}`;
      if (!steps.includes(step)) steps.push(step);
    }
  };
  for (const text of callerTexts) {
    const start = CALLER_STEP.exec(text);
    if (start) collect(text.slice(start.index));
  }
  if (steps.length === 0) for (const text of summaryTexts) collect(text);
  return steps.length > 0 ? steps.slice(0, 4).join('; ') : null;
}

const ADVANCED =
  /\bi(?:'m| am) (?:a |an )?(?:senior |junior )?(?:software |network |systems? |it |devops |cloud )?(?:developer|engineer|programmer|sysadmin|administrator|admin|architect)\b|\bi work in it\b/i;
const INTERMEDIATE =
  /\bi (?:already |have already |'ve already )?(?:checked|ran|run|configured|pinged|restarted|rebooted|reset|updated|reinstalled|cleared) (?:the |my )?(?:logs|dns|firmware|router|modem|config\w*|settings|drivers?|cache|app)\b/i;
const BEGINNER =
  /\b(?:not (?:very |really |that |too )?(?:technical|tech[- ]savvy|good with (?:computers|technology|tech|phones))|don't know (?:much |anything )?about (?:computers|technology|tech)|no idea how|not a tech person)\b/i;
function technicalSkill(sentence: string): string | null {
  if (ADVANCED.test(sentence)) return 'advanced';
  if (BEGINNER.test(sentence)) return 'beginner';
  if (INTERMEDIATE.test(sentence)) return 'intermediate';
  return null;
}

const RESOLUTION =
  /\b(resolved|fixed|solved|replaced|refunded|reset|rescheduled|scheduled|escalated|suggested|recommended|advised|walked \w+ through|issued|credited|reinstated|restored|sent a replacement|upgraded)\b/i;
function resolution(sentence: string, from: 'caller' | 'summary'): string | null {
  if (from !== 'summary' || !RESOLUTION.test(sentence)) return null;
  return tidyPhrase(sentence.replace(/^(?:the )?(?:agent|representative|rep|we)\s+/i, ''), 200);
}

const INTEREST =
  /\b(?:interested in|looking for|looking into|shopping for|in the market for|thinking (?:about|of) (?:getting|buying)|want to buy|would like to buy|considering)\s+([^.!?;]{2,80})/i;
function interests(sentence: string): string | null {
  const m = INTEREST.exec(sentence);
  if (!m?.[1]) return null;
  const phrase = m[1].replace(/\s*,?\s*\b(?:with|and|but|because)\b.*$/i, '');
  return tidyPhrase(phrase);
}

const OBJECTION =
  /\b(?:(?:my|our|the) (?:main |biggest |only |one |big )?(?:objection|concern|worry|hesitation|problem) (?:is|was)|(?:i'm|i am|we're|we are|is|was|were) (?:a bit |quite |really |very )?(?:concerned|worried|unsure|hesitant) (?:about|regarding)|concerned about|worried about)\s+([^.!?;,]{2,80})/i;
const PRICE_OBJECTION =
  /\b(too expensive|too pricey|can't afford|cannot afford|out of (?:my|our) (?:budget|price range)|too much money)\b/i;
function objections(sentence: string): string | null {
  const m = OBJECTION.exec(sentence);
  if (m?.[1]) return tidyPhrase(m[1].replace(/\s+(?:and|but)\s+.*$/i, ''));
  const p = PRICE_OBJECTION.exec(sentence);
  return p?.[1] ? p[1].toLowerCase() : null;
}

const ROLE =
  '(wife|husband|partner|spouse|boss|manager|ceo|cfo|cto|owner|director|board|father|mother|dad|mom|business partner|co-?founder|procurement|finance team)';
const THEY_DECIDE = new RegExp(
  String.raw`\b(?:my|our|her|his)\s+${ROLE}\b[^.!?]{0,30}?\b(?:is|are|makes|make|will make|has|have|gets)\s+(?:the\s+)?(?:final\s+)?(?:decision[- ]makers?|decisions?|say|call|sign[- ]off)`,
  'i',
);
const CHECK_WITH = new RegExp(
  String.raw`\b(?:need|have|got|must|want)\s+to\s+(?:check|talk|speak|run it by|consult|discuss it)\s+(?:with\s+)?(?:my|our)\s+${ROLE}\b`,
  'i',
);
const SELF =
  /\b(?:i(?:'m| am) the (?:final |only |main )?decision[- ]maker|i make (?:all )?the (?:final )?decisions?|it's my (?:decision|call))\b/i;
function decisionMaker(sentence: string, from: 'caller' | 'summary'): string | null {
  const m = THEY_DECIDE.exec(sentence) ?? CHECK_WITH.exec(sentence);
  if (m?.[1]) return m[1].toLowerCase();
  if (from === 'caller' && SELF.test(sentence)) return 'caller';
  return null;
}

const COMPANY_LEAD_IN =
  /\b(?:i work (?:at|for)|i'm (?:calling )?from|i am (?:calling )?from|calling from|i'm with|i am with|my company is|our company is|my company,|i own|i run|we're|we are)\s+/i;
function company(sentence: string): string | null {
  return capitalisedWordsAfter(sentence, COMPANY_LEAD_IN, 4);
}

/** Text rules per field. Fields decided by classifying all texts together are not here. */
export const SENTENCE_RULES: Partial<Record<ExtractField, SentenceRule>> = {
  name,
  preferences,
  account_status: accountStatus,
  contact_preference: contactPreference,
  technical_skill: technicalSkill,
  resolution,
  budget: (sentence) => findBudget(sentence),
  timeline: (sentence) => findTimeline(sentence),
  interests,
  objections,
  decision_maker: decisionMaker,
  company,
};

/**
 * Fields one third-person text states on its own (a Mem0 fact, a summary sentence): the rules that
 * read a sentence, and the classifications. Light on purpose: call start uses it for seed facts.
 */
export function summaryFields(text: string, fields: readonly ExtractField[]): Partial<Record<ExtractField, string>> {
  const parts = sentences(text);
  const out: Partial<Record<ExtractField, string>> = {};
  for (const field of new Set(fields)) {
    let value: string | null = null;
    if (field === 'issue_type' || field === 'issue_category') value = classifyIssue(parts);
    else if (field === 'satisfaction') value = satisfaction(parts);
    else if (field === 'technical_details') value = technicalDetails(parts);
    else if (field === 'resolution_steps') value = resolutionSteps([], parts);
    else {
      const rule = SENTENCE_RULES[field];
      for (const s of parts) {
        value = rule ? rule(s, 'summary') : null;
        if (value !== null) break;
      }
    }
    if (value !== null && value.length > 0) out[field] = value;
  }
  return out;
}
