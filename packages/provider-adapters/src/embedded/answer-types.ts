import { digitsForNumberWords, parseAmount } from '@agentic-memory/memory-core';
import type { Lexicon } from './lexicon';

/**
 * What kind of answer a stored text can give, and what kind a question asks for: "where" wants a
 * place, "when" a date or a time, "how much" an amount of money, "how many" / "how old" a number,
 * "how long" a duration, "who" a person or a name, "why" a reason, "what does she do" an
 * occupation. Stored texts are tagged with these kinds when indexed (terms starting with `_`, in
 * the broader-terms column), questions add them as one more thing to cover, so "where is his
 * company based?" finds "a courier firm in Gdańsk" though no word is shared.
 */
export const ANSWER_TAGS = {
  place: '_place',
  person: '_person',
  time: '_time',
  name: '_name',
  number: '_number',
  money: '_money',
  date: '_date',
  duration: '_duration',
  reason: '_reason',
  occupation: '_occupation',
  channel: '_channel',
  frequency: '_frequency',
  /** A code or identifier: letters and digits together (KX19 BFD, AC-55102, E45) or a long run of digits. */
  code: '_code',
  /** What a call was about: its summary and the issue or lead it raised (tagged from the memory's kind, not its words). */
  purpose: '_purpose',
  /**
   * What is wrong: an issue the call raised, or what the caller said when the agent asked what the
   * problem was ("How can I help?", "What seems to be the problem?") — tagged from the memory's kind
   * and what the agent asked, not its words ("it flattened our fence" names no damage).
   */
  problem: '_problem',
} as const;

const NUMBER_WORDS =
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion dozen half couple';
const ORDINALS =
  'first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth';
const NUMBER = new RegExp(`\\d|\\b(?:${NUMBER_WORDS.split(' ').join('|')})(?:-\\w+)?\\b`, 'iu');
const MONEY =
  /[$€£¥₹]|\b(?:dollars?|euros?|pounds?|bucks|quid|grand|cents?|pence|yen|francs?|kronor|kroner|zlot(?:y|ys|e)|rupees?)\b|\b\d+(?:[.,]\d+)?\s?[kKmM]\b/u;
const MONTHS =
  'january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec';
const DATE = new RegExp(
  [
    `\\b(?:${MONTHS})\\b`,
    '\\bMay\\b',
    // A weekday, or every one of them ("on Fridays"), and the days of a working week.
    '\\b(?:mon|tues|wednes|thurs|fri|satur|sun|week)days?\\b',
    '\\b\\d{1,2}(?:st|nd|rd|th)\\b',
    `\\b(?:${ORDINALS.split(' ').join('|')}) of\\b`,
    '\\b\\d{4}-\\d{2}-\\d{2}\\b',
    '\\b\\d{1,2}[/.]\\d{1,2}(?:[/.]\\d{2,4})?\\b',
    '\\b\\d{1,2}(?::\\d{2})?\\s?(?:am|pm|a\\.m\\.|p\\.m\\.)',
    // A time of day said without am/pm: "11:42", "14:15", "six o'clock", "half past two", "midday".
    '\\b(?:[01]?\\d|2[0-3]):[0-5]\\d\\b(?!:)',
    "\\bo['’]clock\\b|\\b(?:half|quarter) (?:past|to) (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d{1,2})\\b|\\b(?:midday|noon|midnight)\\b",
    // "from five", "after two", "by six": an hour, when said after a word that times something.
    "\\b(?:from|after|until|till|by|before|at) (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?: (?:thirty|fifteen|forty-five))?(?=\\s*(?:[.,!?;]|$|(?:in the )?(?:morning|afternoon|evening|tonight)|o['’]clock|on\\b|onwards\\b|ish\\b))",
    '\\b(?:today|tomorrow|yesterday|tonight|weekends?)\\b',
    '\\b(?:next|last|this|coming) (?:week|month|year|spring|summer|autumn|fall|winter|morning|afternoon|evening|time)\\b',
    '\\b(?:spring|summer|autumn|winter|christmas|easter|new year)\\b',
    '\\b(?:in|by|until|before|after|from) \\d{4}\\b',
  ].join('|'),
  'iu',
);
const DURATION = new RegExp(
  `\\b(?:\\d+(?:[.,]\\d+)?|an?|a few|a couple of|several|${NUMBER_WORDS.split(' ').join('|')})(?:[- ]\\w+)?[- ](?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?)\\b`,
  'iu',
);
const REASON =
  /\b(?:because|cause|since|due to|so that|in order to|as a result|that's why|that is why|thanks to|caused by|owing to|the reason)\b|,\s*so\b|\bso (?:i|we|he|she|they)\b|\b(?:going|go|goes|went|travel(?:l?ing|s)?|fly(?:ing)?|flew|heading|off)\b(?:\s+(?:out|over|up|down|back|home|abroad|away))?\s+(?:there\s+)?for\s+(?:my|our|his|her|their|a|an|the)\b/iu;
/** How often something happens ("every ten minutes", "twice a week", "nightly"). */
const FREQUENCY = new RegExp(
  `\\b(?:every|each)\\s+(?:other\\s+|few\\s+|single\\s+|\\d+\\s+|(?:${NUMBER_WORDS.split(' ').join('|')})\\s+)?(?:second|minute|hour|day|night|morning|afternoon|evening|week|weekend|month|year|time|monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\\b|\\b(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually|once|twice|constantly|always|repeatedly|all the time|on and off)\\b|\\btimes (?:a|an|per)\\b`,
  'iu',
);
/** A code or identifier: a word of letters and digits together (KX19, AC-55102, E45, 4B), or five digits or more. */
/** Amounts and times, which mix letters and digits without being codes ("18k", "9am", "5th", "2pm"). */
const MONEY_AMOUNTS = /\b\d+(?:[.,:]\d+)?\s?(?:k|m|am|pm|st|nd|rd|th|s|mb|gb|kg|km|cm|mm|ml|mph|kwh)\b/giu;
const CODE = /(?<![\p{L}\p{N}])(?:(?=[\p{L}-]*\p{N})(?=[\p{N}-]*\p{L})[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*|\p{N}{5,})(?![\p{L}\p{N}])/u;
/** Ways to be contacted, in the languages the name rules read (email, phone, text, letter, messaging apps). */
const CHANNEL =
  /\b(?:e-?mails?|emailed|mail|letters?|post|phone|telephone|calls?|ring|text(?:s|ed)?|sms|whats ?app|signal|telegram|correo|courriel|teléfono|telefono|telefone|téléphone|telefon|telefoon|llamada|appel|anruf|bellen|ligação|chiamata|mensaje|mensagem|messaggio|nachricht|bericht|brief|carta|lettre)\b/iu;

/**
 * Someone's work said without naming a trade: doing something for or at an employer ("I drive a
 * delivery truck for a furniture company", "she works at the county hospital", "I'm at a law firm").
 */
const EMPLOYMENT =
  /\b(?:i|i'm|i am|he|she|he's|she's|they|we)\b[^.!?]{0,60}?\b(?:for|at|with)\s+(?:a|an|the|our|my|his|her)\s+(?:[\p{L}'’-]+\s+){0,3}(?:company|firm|business|agency|shop|store|factory|warehouse|hospital|clinic|school|college|university|bank|restaurant|hotel|council|charity|startup|studio|practice|office|garage|salon|bakery|airline|railway|newspaper|supermarket|depot|plant|mill|site|ministry|department)\b/iu;

/** What someone does for work, said with a verb: "I work as a…", "I teach Year 4", "I drive a delivery van", "she runs a café". */
const WORKING =
  /\b(?:i|i'm|i am|he|she|he's|she's|my (?:husband|wife|partner) )\s*(?:work(?:s|ed)? as|teach(?:es)?|lecture(?:s)?|tutor(?:s)?|nurse(?:s)?|drive(?:s)? (?:a|an|the)\s+(?:[\p{L}-]+\s+)?(?:van|lorry|truck|taxi|cab|bus|coach|forklift|ambulance|tractor|train)|clean(?:s)? (?:houses|offices|homes)|run(?:s)? (?:a|an|my|his|her|the|our) (?:[\p{L}'’-]+\s+){0,2}(?:business|shop|company|cafe|café|salon|farm|restaurant|pub|practice|garage|bakery|studio))(?![\p{L}\p{N}])/iu;

/** A memory's label: `Caller said: "…`, `Issue (billing): …`, `Account status: …`. */
const LABEL = /^[\p{L}\s'’()—-]{1,40}:\s*/u;
/** A street address or a postcode: a place, whatever comes before it ("It's 14 Cwrt y Felin", "Address: 27 Rosemont Terrace"). */
const STREET_ADDRESS =
  /\b\d{1,4}[a-z]?,?\s+(?:[\p{Lu}][\p{L}'’-]+\s+){1,3}(?:Road|Rd|Street|St|Lane|Ln|Avenue|Ave|Terrace|Close|Crescent|Drive|Way|Court|Place|Gardens|Grove|Park|Hill|Square|Row|Mews|Walk|Parade|View|Rise|Boulevard|Blvd)\b|\b[A-Z]{1,2}\d[A-Z\d]?\s?\d[A-Z]{2}\b/u;
/** A memory's label naming a place or a date ("Property address:", "Yard location:", "Install date:"): its value is one. */
const PLACE_LABEL = /\b(?:address|postcode|post code|zip|location|venue|site|town|city|area|yard|property|destination|premises)\b/iu;
const DATE_LABEL = /\b(?:date|day|when)\b/iu;
/** Short forms of weekdays and months, which are other words too. */
const DAY_MONTH_ABBREVIATIONS = new Set(
  'mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec'.split(' '),
);
/** Words after which a capitalised unknown word is a place ("a firm in Gdańsk"). */
const PLACE_BEFORE = new Set(['in', 'from', 'to', 'near', 'at', 'outside', 'around', 'into']);

/**
 * An agent's question that asks the caller to say what is wrong: how it can help, what the problem
 * or the matter is, what happened, whether anything else is wrong or was noticed, what the
 * symptoms are.
 */
const ASKS_FOR_PROBLEM = new RegExp(
  [
    '\\bhow (?:can|may|could|shall) (?:i|we) help\\b',
    '\\bwhat can (?:i|we) (?:do|help with)\\b',
    '\\bwhat (?:seems|appears) to be\\b',
    "\\bwhat(?:['’]s| is| was) (?:the )?(?:problem|issue|matter|trouble|fault|wrong|going on|happening)\\b",
    '\\bwhat(?: exactly)? (?:happened|went wrong|is going on|is happening)\\b',
    '\\bwhat brings you\\b|\\bwhat are you calling (?:about|for)\\b|\\bhow can i assist\\b',
    '\\bwhat needs (?:repairing|fixing|fixed|doing|looking at|to be (?:fixed|repaired|looked at))\\b',
    "\\b(?:have you|you['’]ve|did you) noticed?\\b|\\banything (?:else )?(?:wrong|unusual|odd|strange)\\b",
    '\\b(?:any|what|which) (?:other )?(?:symptoms?|problems?|issues?|faults?|errors?)\\b',
  ].join('|'),
  'iu',
);

/** Whether what the agent asked invites the caller to say what is wrong. */
export function asksForProblem(asked: string): boolean {
  return ASKS_FOR_PROBLEM.test(asked);
}

/** The kinds of answer a stored text holds, as index terms. */
export function answerTags(stored: string, lexicon: Lexicon, lemmasOf: (word: string) => readonly string[]): string[] {
  const tags = new Set<string>();
  const label = LABEL.exec(stored)?.[0] ?? '';
  const text = stored.slice(label.length);
  if (STREET_ADDRESS.test(text) || (PLACE_LABEL.test(label) && /\p{L}{2}/u.test(text))) tags.add(ANSWER_TAGS.place);
  if (DATE_LABEL.test(label) && /\d/u.test(text)) tags.add(ANSWER_TAGS.date);
  if (NUMBER.test(text)) tags.add(ANSWER_TAGS.number);
  if (MONEY.test(text)) tags.add(ANSWER_TAGS.money);
  if (DATE.test(text)) tags.add(ANSWER_TAGS.date);
  if (DURATION.test(text)) tags.add(ANSWER_TAGS.duration);
  if (REASON.test(text)) tags.add(ANSWER_TAGS.reason);
  if (CHANNEL.test(text)) tags.add(ANSWER_TAGS.channel);
  if (EMPLOYMENT.test(text) || WORKING.test(text)) tags.add(ANSWER_TAGS.occupation);
  if (FREQUENCY.test(text)) tags.add(ANSWER_TAGS.frequency);
  if (CODE.test(text.replace(MONEY_AMOUNTS, ' '))) tags.add(ANSWER_TAGS.code);
  // Words with their case, and whether each starts a sentence (a label or a quote starts one too);
  // the memory's own label (`Caller said:`, `Issue (billing):`) is not part of what it says.
  const tokens = [...text.matchAll(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu)];
  tokens.forEach((match, i) => {
    const raw = match[0];
    const folded = raw
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/['’]s$/u, '')
      .replace(/['’]/gu, '');
    for (const lemma of lemmasOf(folded)) {
      const kind = lexicon.kind(lemma);
      // WordNet files "mon", "sat", "sun", "wed" and "mar" as days and months: the written-out
      // forms are dates (DATE), the short ones are words ("mon abonnement", "I sat down").
      if (kind && !(kind === 'time' && DAY_MONTH_ABBREVIATIONS.has(folded))) tags.add(ANSWER_TAGS[kind]);
    }
    const before = text.slice(0, match.index).trimEnd();
    const startsSentence = before.length === 0 || /[.!?:;"“(]$/u.test(before);
    // A capital mid-sentence, or a capitalised word English does not know at its start ("Mabel. Black lab.").
    const named = /^\p{Lu}\p{Ll}/u.test(raw) && raw !== 'I' && (!startsSentence || !lexicon.isEnglish(folded));
    if (named) {
      tags.add(ANSWER_TAGS.name);
      const previous = tokens[i - 1]?.[0]?.toLowerCase();
      if (previous && PLACE_BEFORE.has(previous)) tags.add(ANSWER_TAGS.place);
    }
  });
  return [...tags];
}

/** One kind of answer a question asks for: the tags that satisfy it (with how well), and the question words it stands for. */
export interface QuestionIntent {
  readonly word: string;
  readonly terms: ReadonlyMap<string, number>;
  /** Question words the intent replaces (their everyday sense would mislead: "for a living" is not a living room). */
  readonly consumes: readonly string[];
}

const INTENTS: readonly {
  readonly pattern: RegExp;
  readonly word: string;
  readonly terms: [string, number][];
  readonly consumes?: string[];
  /** The words of the phrase that asks ("how long", "how often", "which city") are the intent's, not words to find. */
  readonly consumesMatch?: boolean;
}[] = [
  {
    pattern: /\bwhere\b|\bwhich (?:city|town|country|place|village|area|region|state)\b|\b(?:address|postcode|post code|zip code)\b/iu,
    word: 'where',
    terms: [
      [ANSWER_TAGS.place, 1],
      [ANSWER_TAGS.name, 0.5],
    ],
  },
  {
    pattern:
      /\bwhen\b|\bwhat (?:date|day|time|month|year)\b|\bwhich (?:date|day|month|year)\b|\bhow soon\b|\b(?:deadline|due date|birth ?date|date of birth|start date|end date)\b|\bwhat(?:['’]s| is| was) the (?:\p{L}+ )?date\b/iu,
    word: 'when',
    consumes: ['deadline'],
    terms: [
      [ANSWER_TAGS.date, 1],
      [ANSWER_TAGS.time, 0.8],
    ],
  },
  {
    pattern: /\bhow much\b|\bhow expensive\b|\bwhat (?:price|budget|amount)\b/iu,
    word: 'how much',
    consumesMatch: true,
    terms: [
      [ANSWER_TAGS.money, 1],
      [ANSWER_TAGS.number, 0.5],
    ],
  },
  {
    pattern: /\bhow (?:often|frequently)\b|\bhow many times\b|\bwhat frequency\b/iu,
    word: 'how often',
    consumesMatch: true,
    terms: [
      [ANSWER_TAGS.frequency, 1],
      [ANSWER_TAGS.number, 0.3],
    ],
  },
  {
    pattern: /\bhow (?:many|old|fast|far|big|tall|quickly|large|heavy|deep)\b|\bwhat (?:number|size|age)\b/iu,
    word: 'how many',
    consumesMatch: true,
    terms: [[ANSWER_TAGS.number, 1]],
  },
  {
    pattern: /\bhow long\b|\bfor how long\b/iu,
    word: 'how long',
    consumesMatch: true,
    terms: [
      [ANSWER_TAGS.duration, 1],
      [ANSWER_TAGS.number, 0.5],
    ],
  },
  {
    // "What's the dog called?", "what do they call the boat?", "the name of her horse": a name.
    pattern:
      /\bwhat(?:['’]s|\s+is|\s+was|\s+are|\s+were)\s+(?:[\p{L}'’]+\s+){1,4}(?:called|named)\b|\bwhat (?:do|did|does) (?:you|they|he|she|we) call\b|\bwhat(?:['’]s|\s+is|\s+was)\s+(?:[\p{L}'’]+\s+){1,4}names?\b|\bnames? of\b/iu,
    word: 'what is it called',
    terms: [[ANSWER_TAGS.name, 1]],
    consumes: ['called', 'call', 'named', 'name', 'names'],
  },
  {
    pattern: /\bwho(?:m|se)?\b|\bwhich person\b/iu,
    word: 'who',
    terms: [
      [ANSWER_TAGS.person, 1],
      [ANSWER_TAGS.name, 0.7],
    ],
  },
  {
    pattern: /\b(?:number|code|reference|plate|registration|serial|pin|postcode|zip code|id)\b/iu,
    word: 'code',
    terms: [[ANSWER_TAGS.code, 1]],
  },
  {
    // What is wrong, broken or damaged, the fault, the problem: what the caller reported.
    pattern:
      /\bwhat(?:['’]s|\s+is|\s+was|\s+has been)?\s+(?:wrong|the (?:problem|issue|matter|trouble|fault))\b|\bwhat\s+(?:got|gets|was|is|were|are|has been|have been)\s+(?:damaged|broken|faulty|wrong)\b|\bwhat\s+went wrong\b|\b(?:problems?|issues?|faults?|trouble|defects?|malfunctions?|symptoms?)\b|\bnot working\b/iu,
    word: 'what is wrong',
    terms: [
      [ANSWER_TAGS.problem, 1],
      [ANSWER_TAGS.purpose, 0.6],
    ],
    // Only the words that say nothing but "something is wrong": damaged, broken, a fault still say what kind.
    consumes: ['wrong', 'problem', 'problems', 'issue', 'issues', 'trouble', 'matter', 'working'],
  },
  {
    pattern: /\bwhy\b|\bwhat (?:made|caused|led)\b|\bhow come\b|\breason\b|\bpurpose\b|\bwhat\b[^?]*\bfor\s*\?\s*$/iu,
    word: 'why',
    terms: [[ANSWER_TAGS.reason, 1]],
    consumes: ['reason', 'purpose'],
  },
  {
    pattern:
      /\b(?:contact(?:ed)?|reach(?:ed)?\s+(?:him|her|them|me|you|us)\b|get (?:in touch with|hold of|back to)|notif(?:y|ied)|follow(?:ed)? up with|call(?:ed)? (?:him|her|them) back)\b|\b(?:preferred|best) (?:way|channel|method)\b|\bcontact (?:preference|method|channel)\b/iu,
    word: 'how to contact',
    terms: [[ANSWER_TAGS.channel, 1]],
    // "Reach" asks how, it is no word the answer says ("please ring the landline"); "contacted" is
    // one ("prefers to be contacted by email").
    consumes: ['want', 'wants', 'like', 'likes', 'best', 'way', 'method', 'reach', 'reached'],
  },
  {
    pattern:
      /\bwhy did (?:he|she|they|the caller|the customer) (?:call|ring|phone|get in touch|contact us|reach out)\b|\b(?:reason|purpose) (?:for|of) (?:the|his|her|their|this|that) call\b|\bwhat (?:did|does) (?:he|she|they|the caller) (?:call|ring|phone) (?:about|for)\b|\bwhat was (?:the|his|her|their|this|that) call about\b/iu,
    word: 'purpose of the call',
    terms: [[ANSWER_TAGS.purpose, 1]],
    consumes: ['call', 'ring', 'phone', 'reason', 'purpose'],
  },
  {
    pattern:
      /\bdo(?:es)? for (?:a )?(?:living|work)\b|\bwhat (?:does|do|did) (?:[\p{L}'’]+ ){1,3}do\s*\??\s*$|\b(?:kind|line|type) of work\b|\b(?:job|occupation|profession|career|trade)\b/iu,
    word: 'occupation',
    terms: [[ANSWER_TAGS.occupation, 1]],
    consumes: ['living', 'work', 'kind'],
  },
];

/** Words of a "how …" phrase that ask only for a kind of answer (an amount, a duration, a frequency). */
const KIND_ONLY = new Set(['much', 'many', 'long', 'often', 'frequently', 'times', 'frequency']);

/** The kinds of answer a question asks for. */
export function questionIntents(question: string): QuestionIntent[] {
  return INTENTS.flatMap((i) => {
    const match = i.pattern.exec(question);
    if (!match) return [];
    // Only the words that say nothing beyond the kind asked for: "how deep" still wants something deep.
    const said = i.consumesMatch ? (match[0].toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => KIND_ONLY.has(w)) : [];
    return [{ word: i.word, terms: new Map(i.terms), consumes: [...(i.consumes ?? []), ...said] }];
  });
}

/** The intent a question asks for when it says a word about an amount of money ("what is the most they can spend?"). */
export function moneyIntent(): QuestionIntent {
  const i = INTENTS.find((x) => x.word === 'how much');
  return { word: 'how much', terms: new Map(i?.terms ?? [[ANSWER_TAGS.money, 1]]), consumes: [] };
}

/**
 * The numbers a text says, however it says them ("twelve", "12", "12,000", "12k", "1.250 €",
 * "four grand"), as terms (`#12000`): "how many vans, 12?" finds "twelve vans".
 */
export function numberTerms(text: string): string[] {
  const european = /€|\beuros?\b/iu.test(text);
  const out = new Set<string>();
  const digits = digitsForNumberWords(text.replace(/\b(\d+(?:[.,]\d+)?)\s?[kK]\b/gu, (_, n: string) => `${n} thousand`));
  for (const match of digits.matchAll(/\d{1,3}(?:[.,  ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?/gu)) {
    const value = parseAmount(match[0], european);
    if (Number.isFinite(value)) out.add(`#${Math.round(value * 100) / 100}`);
  }
  return [...out];
}
