import fc from 'fast-check';
import { ANSWER_TAGS, answerTags, asksForProblem, numberTerms, questionIntents } from '../src/embedded/answer-types';
import { loadEnglishLexicon } from '../src/embedded/english-lexicon';
import { PLAIN_LEXICON } from '../src/embedded/lexicon';

/** The kinds of answer a stored text holds and a question asks for. */

const lexicon = loadEnglishLexicon();
const tags = (text: string) => answerTags(text, lexicon, (w) => lexicon.lemmas(w));

describe('answerTags', () => {
  it.each([
    ['We moved here from Winnipeg last year.', ['_place', '_name', '_date']],
    ['My aunt looks after the kids.', ['_person']],
    ['It cost about 1.250 € in the end.', ['_money', '_number']],
    ['The fridge has been broken for three weeks.', ['_duration', '_number']],
    ['Can you come on Thursday at 9 am?', ['_date', '_time']],
    ['I left the gym because it got too crowded.', ['_reason']],
    ["I'm flying out for my sister's graduation.", ['_reason']],
    ['I spoke to Priyanka about it.', ['_name']],
    ['Por correo electrónico, por favor.', ['_channel']],
    ['The box now comes on Fridays.', ['_date']],
    ['Weekday afternoons suit me, or weekends.', ['_date']],
    ['I drive a delivery truck for a furniture company.', ['_occupation']],
    ['She works at the county hospital.', ['_occupation']],
    ["I've got parents' evening on the 9th, I teach Year 4.", ['_occupation']],
    ["I'm rubbish on Zoom. I drive a delivery van during the day.", ['_occupation']],
    ['He works as a sound engineer from home.', ['_occupation']],
    ['She runs a little café on the harbour.', ['_occupation']],
    // A street address or postcode is a place with no word before it; so is what a place label holds.
    ["It's 27 Rosemont Terrace, Wavertree.", ['_place']],
    ['Address: 14 Braeside Terrace, Aviemore.', ['_place']],
    ['Postcode: BS3 4QT.', ['_place']],
    ['Yard location: Widecombe-in-the-Moor.', ['_place']],
    ['Install date: 14 October 2026.', ['_date']],
  ])('%s → %j', (text, expected) => {
    expect(tags(text)).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    'Dietary needs: no nuts or sesame.',
    'Preferred contact: WhatsApp.',
    'Service: full set of shoes.',
    'We have 3 kids, all under ten.',
  ])('no place in %s', (text) => {
    expect(tags(text)).not.toContain(ANSWER_TAGS.place);
  });

  it.each([
    'The man who drives the bus was rude.',
    'I run a bath every night.',
    'We teach the dog to sit.',
    "Oh, and I'm left-handed, does that matter?",
  ])('no occupation in %s', (text) => {
    expect(tags(text)).not.toContain(ANSWER_TAGS.occupation);
  });

  it('a trade only in a word’s first sense: a hand is a body part before a hired labourer', () => {
    expect(lexicon.broader('hand')).not.toContain(ANSWER_TAGS.occupation);
    expect(lexicon.broader('teacher')).toContain(ANSWER_TAGS.occupation);
  });

  it('a capitalised word that starts a sentence or a quote is not a name', () => {
    expect(tags('Caller said: "Honestly it is fine." Sure.')).not.toContain(ANSWER_TAGS.name);
  });

  it('a word English does not know is a name even where a sentence starts; an adverb is English', () => {
    expect(tags('Caller said: "Ziggy. A ginger tom."')).toContain(ANSWER_TAGS.name);
    expect(tags('Caller said: "Nearly. Seldom. Abroad, mostly."')).not.toContain(ANSWER_TAGS.name);
    expect(lexicon.isEnglish('nearly')).toBe(true);
    expect(lexicon.isEnglish('seldom')).toBe(true);
  });

  it('needs no lexicon for numbers, amounts, dates, durations and reasons', () => {
    expect(answerTags('Paid $40 on 3 May since it was due, two days late.', PLAIN_LEXICON, (w) => [w])).toEqual(
      expect.arrayContaining(['_number', '_money', '_date', '_duration', '_reason']),
    );
  });

  it.each([
    ['she clocked at 11:42. i screamed in the yard', true],
    ['Appointment at 14:15 in Truro.', true],
    ["Get there for six o'clock.", true],
    ['Quarter past two, the twenty-second.', true],
    ['The hall manager said you can load in from five.', true],
    ['We can start after two in the afternoon.', true],
    ['Lunch is at midday.', true],
    // Not times: a score, a count after "from", a ratio of versions.
    ['We won the match 3 to 1 with ten men.', false],
    ['I have five kids from two marriages.', false],
    ['Mix it one part to five parts water.', false],
  ])('a time of day said without am or pm is a date kind: %s', (text, dated) => {
    expect(answerTags(text, PLAIN_LEXICON, (w) => [w]).includes('_date')).toBe(dated);
  });

  it('short words WordNet files as days or months are not dates; the written-out ones are', () => {
    const tags = (text: string) => answerTags(text, lexicon, (w) => lexicon.lemmas(w));
    expect(tags('Je voudrais annuler mon abonnement.')).not.toContain('_time');
    expect(tags('I sat down and the sun came out.')).not.toContain('_time');
    expect(tags('It comes on Wednesday.')).toEqual(expect.arrayContaining(['_date']));
  });

  it('never throws and tags only known kinds, whatever the text', () => {
    const known = new Set<string>(Object.values(ANSWER_TAGS));
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const tag of tags(text)) expect(known.has(tag)).toBe(true);
      }),
    );
  });
});

describe('questionIntents', () => {
  const words = (q: string) => questionIntents(q).map((i) => i.word);
  it.each([
    ['where does her sister live?', ['where']],
    ['which city is he from?', ['where']],
    ["what's her home address?", ['where']],
    ["What's the postcode at his home?", ['where', 'code']],
    ['when is the appointment?', ['when']],
    ['how much did she pay?', ['how much']],
    ['how many rooms are there?', ['how many']],
    ['how old is the boiler?', ['how many']],
    ['how long has it been leaking?', ['how long']],
    ['who installed it?', ['who']],
    ['why did he cancel?', ['why']],
    ["what's the horse called?", ['what is it called']],
    ['what is the purpose of her visit?', ['why']],
    ['what is the birth date of her niece?', ['when']],
    ['what was the start date of the lease?', ['when']],
    ['what did he buy the drill for?', ['why']],
    ['what do they call the boat?', ['what is it called']],
    ["what is her tortoise's name?", ['what is it called']],
    ['what does her husband do?', ['occupation']],
    ['what does she do for a living?', ['occupation']],
    ["what's the best way to reach her?", ['how to contact']],
    ['what is his job?', ['occupation']],
    ['how should we contact him?', ['how to contact']],
    ['why did she call?', ['why', 'purpose of the call']],
    ['what did she order?', []],
    ['how often does the router restart?', ['how often']],
    ['what is the number plate of her car?', ['code']],
    ['which error code was shown?', ['code']],
    ['what is wrong with the boiler?', ['what is wrong']],
    ['what got damaged?', ['what is wrong']],
    ['what problem did she report?', ['what is wrong']],
    ['which fault did he mention?', ['what is wrong']],
    ['what is the deadline?', ['when']],
    ['what temperature does he need to reach?', []],
  ])('%s → %j', (q, expected) => {
    expect(words(q)).toEqual(expected);
  });

  it('an idiom replaces the words it is made of', () => {
    expect(questionIntents('what does he do for a living?')[0]?.consumes).toContain('living');
    expect(questionIntents("what's the best way to reach her?")[0]?.consumes).toContain('reach');
  });

  it('"how long", "how often", "how many" are the question’s kind, not words to find; "which city" keeps its noun', () => {
    expect(questionIntents('for how long?')[0]?.consumes).toContain('long');
    expect(questionIntents('how often does it drop?')[0]?.consumes).toContain('often');
    expect(questionIntents('which city is she from?')[0]?.consumes).not.toContain('city');
    // "how deep" still wants something deep.
    expect(questionIntents('how deep is the pool?')[0]?.consumes).not.toContain('deep');
  });

  it('tags codes and identifiers, never amounts, times or versions', () => {
    for (const text of ["It's KX19 BFD, a silver estate.", 'Account number: AC-55102.', 'the printer says error e45', 'policy 5510234'])
      expect(tags(text)).toContain(ANSWER_TAGS.code);
    for (const text of ['We have 18k and start at 9am on the 5th.', 'I paid 1,240 euros', 'firmware 4.2.1'])
      expect(tags(text)).not.toContain(ANSWER_TAGS.code);
  });

  it('tags how often something happens', () => {
    for (const text of ['It restarts every night.', 'drops out every ten minutes', 'twice a week', 'I back up daily'])
      expect(tags(text)).toContain(ANSWER_TAGS.frequency);
    expect(tags('It restarted last night.')).not.toContain(ANSWER_TAGS.frequency);
  });
});

describe('words about an amount of money (WordNet: possession senses defined by money)', () => {
  it.each(['spend', 'pay', 'invest', 'afford', 'cost', 'price', 'budget', 'salary'])('%s is', (w) => {
    expect(lexicon.isMoneyWord(w)).toBe(true);
  });
  it.each(['buy', 'purchase', 'job', 'sofa', 'deliver', 'money_order_clerk'])('%s is not', (w) => {
    expect(lexicon.isMoneyWord(w)).toBe(false);
  });
  it('the plain lexicon knows none', () => {
    expect(PLAIN_LEXICON.isMoneyWord('spend')).toBe(false);
  });
});

describe('numberTerms', () => {
  it.each([
    ['twelve vans', ['#12']],
    ['about 18,000 dollars', ['#18000']],
    ['1.250 € a month', ['#1250']],
    ['we could do 12k', ['#12000']],
    ['four grand tops', ['#4000']],
    ['thirty-two thousand', ['#32000']],
  ])('%s → %j', (text, expected) => {
    expect(numberTerms(text)).toEqual(expected);
  });
});

describe('asksForProblem', () => {
  it.each([
    ['How can I help?', true],
    ['Good morning, this is Priya from Harbourline. How may I help you today?', true],
    ['What seems to be the problem?', true],
    ["What's going on with the heating?", true],
    ['What happened?', true],
    ['Have you noticed anything else?', true],
    ['Any other symptoms?', true],
    ['Thank you Caitlin. What needs repairing?', true],
    ['Can I take your name?', false],
    ['Do you have a claim reference?', false],
    ['Will someone be home on Friday?', false],
  ])('%s → %s', (asked, expected) => {
    expect(asksForProblem(asked)).toBe(expected);
  });
});
