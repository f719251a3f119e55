import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { FixedClock, type NewMemory } from '@agentic-memory/memory-core';
import { PLAIN_LEXICON, queryTerms, SqliteMemoryStore } from '../src/embedded';
import { compoundHead, loadEnglishLexicon } from '../src/embedded/english-lexicon';
import { contextTerms, indexTerms, queryConcepts, relevance, topicTerms } from '../src/embedded/sqlite-memory-store';
import { statement, useEnglishStore } from './english-store';

/** Recall of the embedded store with the English lexicon: lemmas, synonyms, rarity, fallback, re-indexing. */

const clock = new FixedClock('2026-12-01T00:00:00Z');
const lexicon = loadEnglishLexicon();

const memory = statement;

describe('SqliteMemoryStore recall with the English lexicon', () => {
  let dir: string;
  let store: SqliteMemoryStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'am-recall-'));
    store = new SqliteMemoryStore(join(dir, 'memory.db'), clock, { lexicon });
    await store.add('u1', [
      memory('a', 'Caller said: "I bought a sofa from you in August and the cushion ripped."'),
      memory('b', 'Caller said: "I drove it to your store once before."'),
      memory('c', 'Caller said: "My children love the new garden."'),
      memory('d', 'Caller said: "I saw a physician about my knee last week."'),
      memory('e', 'Caller said: "We are planning a journey to Lisbon in spring."'),
      memory('f', "Caller's name is Rosa Delgado.", { type: 'factual', metadata: { name: 'Rosa Delgado', source: 'extraction' } }),
      memory('g', 'Caller said: "The weather in Malmö was awful."'),
    ]);
  });
  afterEach(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const top = async (text: string) => (await store.search({ userId: 'u1', text, limit: 3 }))[0];
  /** Adds a caller's memories; then the id of the first result for a question (`fallback:<id>` when nothing matched). */
  const answersOf = async (userId: string, memories: NewMemory[]) => {
    await store.add(userId, memories);
    return async (text: string) => {
      const first = (await store.search({ userId, text, limit: 3 }))[0];
      return first?.fallback ? `fallback:${first.id}` : first?.id;
    };
  };

  it('marks the sentence of a long memory that answered (the passage), so an answer can show it', async () => {
    const summary =
      'Imogen Tate called the clinic about her cat Pixel, who has stopped eating. An appointment was booked for Friday. Pixel is allergic to amoxicillin. She will bring the vaccination card.';
    await store.add('u2', [memory('s', summary, { type: 'factual', metadata: { source: 'summary' } })]);
    const [found] = await store.search({ userId: 'u2', text: 'is the cat allergic to any medicine?', limit: 3 });
    expect(found?.id).toBe('s');
    expect(found?.passage).toBe('Pixel is allergic to amoxicillin.');
    // A memory of one sentence needs no passage.
    expect((await top('what did she purchase?'))?.passage).toBeUndefined();
  });

  it.each([
    ['what did she purchase?', 'a'], // bought → buy ↔ purchase
    ['what is wrong with the couch?', 'a'], // couch ↔ sofa
    ['did he drive to the shop?', 'b'], // drove → drive
    ['how are the kids?', 'c'], // children → child ↔ kid
    ['which doctor did she see?', 'd'], // doctor ↔ physician
    ['where is the trip to?', 'e'], // trip ↔ journey
    ['how was malmo?', 'g'], // diacritics folded
  ])('%s → memory %s', async (query, id) => {
    expect((await top(query))?.id).toBe(id);
  });

  it('the caller’s own name in the question does not decide', async () => {
    expect((await top("what did Rosa's sofa cost?"))?.id).toBe('a');
  });

  it('when nothing matches, the most recent distilled memories come back marked as fallback', async () => {
    await store.add('u2', [
      memory('t', 'Caller said: "It has been raining all week."', { metadata: { layer: 'transcript' } }),
      memory('s', 'The caller asked about opening hours.', { type: 'factual', metadata: { source: 'summary' } }),
    ]);
    const found = await store.search({ userId: 'u2', text: 'favourite football team', limit: 3 });
    expect(found.map((m) => [m.id, m.fallback])).toEqual([['s', true]]);
    expect(await store.search({ userId: 'nobody', text: 'anything', limit: 3 })).toEqual([]);
  });

  it('a question naming a kind finds the thing said, and a derived form finds its root', async () => {
    const first = await answersOf('u3', [
      memory('k1', 'Caller said: "We keep goats and a couple of ducks on the farm."'),
      memory('k2', 'Caller said: "My daughter trained as a plumber after school."'),
      memory('k3', 'Caller said: "I am asthmatic, so I avoid dusty rooms."'),
      memory('k4', 'Caller said: "I am allergic to peanuts."'),
      memory('k5', 'Caller said: "My favourite colour is teal."'),
      memory('k6', 'Caller said: "The lights in the living room flicker every evening."'),
    ]);
    expect(await first('which animals does he have?')).toBe('k1'); // goat → … → animal
    expect(await first('what is her daughter’s job?')).toBe('k2'); // plumber: a trade
    expect(await first('does she have a health problem?')).toBe('k3'); // asthmatic → asthma → … → health problem
    expect(await first('any allergies?')).toBe('k4'); // allergic ↔ allergy
    expect(await first('what color does she like?')).toBe('k5'); // colour ↔ color
    expect(await first('what does he do for a living?')).not.toBe('k6'); // "a living" is not a living room
  });

  it('a question finds the kind of answer it asks for', async () => {
    const first = await answersOf('u4', [
      memory('w1', 'Caller said: "The order went to the warehouse, not the shop."'),
      memory('w2', 'Caller said: "The order went to our depot in Rotterdam."'),
      memory('h1', 'Caller said: "The heater has been broken."'),
      memory('h2', 'Caller said: "The heater has been broken for nine days."'),
      memory('r1', 'Caller said: "I cancelled the plan."'),
      memory('r2', 'Caller said: "I cancelled the plan because the price went up."'),
    ]);
    expect(await first('where did the order go?')).toBe('w2');
    expect(await first('how long has the heater been broken?')).toBe('h2');
    expect(await first('why did she cancel the plan?')).toBe('r2');
    // The kind alone is not a match: a question about something never said gets the fallback.
    const unrelated = await store.search({ userId: 'u4', text: 'how long is the warranty?', limit: 3 });
    expect(unrelated.every((m) => m.fallback === true)).toBe(true);
    expect(unrelated[0]?.id).toBe('h2'); // …with the memory holding a duration first
  });

  it('a question with a word about money asks for an amount, however it is put', async () => {
    const first = await answersOf('u9', [
      memory('m1', 'Lead — budget: $40,000; interests: panels for the warehouse roof.', { type: 'lead' }),
      memory('m2', 'Caller said: "We want panels for the warehouse roof."'),
      memory('m3', 'Caller said: "The installers can start in March."'),
    ]);
    expect(await first('how much can they spend?')).toBe('m1');
    expect(await first('what is the most they will pay?')).toBe('m1');
    expect(await first('how much is he prepared to invest?')).toBe('m1');
  });

  it('"how often" finds how often something happens, without the word "often"', async () => {
    const first = await answersOf('u10', [
      memory('f1', 'Caller said: "The router restarts by itself every night."'),
      memory('f2', 'Caller said: "The router is in the hallway."'),
    ]);
    expect(await first('how often does the router restart?')).toBe('f1');
  });

  it('a stored word is also found through its definition, more weakly than through its kinds', async () => {
    const first = await answersOf('u9', [
      memory('g1', 'Caller said: "I have been a vegetarian for years."'),
      memory('g2', 'Caller said: "We had a barbecue at the weekend."'),
    ]);
    // vegetarian: "eater of fruits and grains and nuts; someone who eats no meat or fish"
    expect(await first('does she eat meat?')).toBe('g1');
  });

  it('an English question finds what the caller said in another language', async () => {
    const first = await answersOf('u7', [
      memory('x1', 'Caller said: "Se me rompió la calefacción hace tres semanas."'),
      memory('x2', 'Caller said: "Wir möchten Solarmodule auf dem Scheunendach."'),
      memory('x3', 'Caller said: "Mijn pakket is nog niet geleverd, de bezorging was voor dinsdag."'),
      memory('x4', 'Caller said: "Je voudrais annuler mon abonnement."'),
    ]);
    expect(await first('how long has the heating been broken?')).toBe('x1');
    expect(await first('which roof are the solar panels for?')).toBe('x2');
    expect(await first('when was the package due?')).toBe('x3');
    expect(await first('does she want to cancel her plan?')).toBe('x4');
  });

  it('"why did she call?" finds what the call was about; a word built on another finds it (rebooked → book)', async () => {
    const first = await answersOf('u8', [
      memory('p1', 'Caller said: "Lovely weather today, I was out in the garden."'),
      memory('p2', 'The caller wants to move her boiler service to next month.', { type: 'factual', metadata: { source: 'summary' } }),
      memory('p3', 'Caller said: "I rebooked the table for eight."'),
    ]);
    expect(await first('why did she call?')).toBe('p2');
    expect(await first('did she book a table?')).toBe('p3');
  });

  it('an answer is found through what the agent had asked', async () => {
    const first = await answersOf('u6', [
      memory('q1', 'Caller said: "Mostly the two bedrooms upstairs."', { metadata: { asked: 'Which rooms lose heat first?' } }),
      memory('q2', 'Caller said: "The two bedrooms upstairs were repainted."'),
    ]);
    expect(await first('which rooms lose heat?')).toBe('q1');
  });

  it('an answer is about the kind of thing the agent had asked for (car registration → vehicle)', async () => {
    const first = await answersOf('u11', [
      memory('r1', 'Caller said: "It is KX19 BFD, a silver estate."', {
        metadata: { asked: 'For the permit I need the car registration.' },
      }),
      memory('r2', 'Caller said: "The garden is full of brambles this year."'),
    ]);
    expect(await first('what vehicle does she have?')).toBe('r1'); // a match, not a fallback
  });

  it('a question word is also found through the words of its definition (eat: "take in solid food" → shellfish)', async () => {
    const first = await answersOf('u12', [
      memory('e1', 'Caller said: "I am allergic to shellfish, which makes weddings tricky."'),
      memory('e2', 'Caller said: "The weddings this summer were lovely."'),
    ]);
    expect(await first('what can he not eat?')).toBe('e1'); // a match, not a fallback
    // Its definition's words count less than the word itself.
    const eat = queryConcepts('what can he not eat?', lexicon).find((c) => c.word === 'eat');
    expect(eat?.terms.get('food')).toBeLessThan(0.5);
    expect(eat?.defined?.has('food')).toBe(true);
  });

  it('a verb and its particle around a pronoun are one word (pick it up → pick_up)', () => {
    expect(indexTerms('My grandson will pick it up on Friday.', lexicon).lemmas.split(' ')).toContain('pick_up');
    expect(indexTerms('Please turn them off at night.', lexicon).lemmas.split(' ')).toContain('turn_off');
  });

  it('the agent’s question gives the answer its words’ kinds, never an answer kind of those words', () => {
    const terms = contextTerms('My wife is an architect, lovely to hear from you.', lexicon).split(' ');
    expect(terms).toContain('architect');
    expect(terms).toContain('^creator');
    expect(terms.filter((t) => t.includes('_occupation'))).toEqual([]);
  });

  it('a memory saying two words of the question as a phrase ranks first', async () => {
    const first = await answersOf('u10', [
      memory('f1', 'Caller said: "The fee was paid late because the bank was closed."', { createdAt: '2026-11-02T10:00:00.000Z' }),
      memory('f2', 'Caller said: "There was a late fee on the bank transfer."'),
    ]);
    expect(await first('was there a late fee?')).toBe('f2');
  });

  it('two memories whose best sentence is the same come back once', async () => {
    await store.add('u5', [
      memory('d1', 'Caller said: "The boiler is leaking again."'),
      memory('d2', 'Caller said: "The boiler is leaking again. Anyway, the weather is nice."'),
      memory('d3', 'Issue (leak): the boiler is leaking again', { type: 'issue' }),
    ]);
    const found = await store.search({ userId: 'u5', text: 'is the boiler leaking?', limit: 5 });
    expect(found.filter((m) => m.text.includes('Caller said'))).toHaveLength(1);
    // A label without a quotation is no part of the sentence either: the issue saying the same comes back once with them.
    expect(found.filter((m) => /boiler is leaking again/i.test(m.text))).toHaveLength(1);
  });

  it('a stored noun is also filed under the whole it is part of (boiler → heating system)', async () => {
    expect(lexicon.broader('boiler')).toEqual(expect.arrayContaining(['heating_system', 'heating']));
    // Not the other way: the heating is not a kind or a part of a boiler.
    expect(lexicon.broader('heating')).not.toContain('boiler');
    const first = await answersOf('u13', [
      memory('b1', 'Caller said: "The boiler keeps cutting out."'),
      memory('b2', 'Caller said: "The lights flicker every evening."'),
    ]);
    expect(await first('what is wrong with his heating?')).toBe('b1');
  });

  it('a phrasal verb WordNet lacks in that sense finds its single-word verbs and back (push back ↔ postpone)', async () => {
    expect(lexicon.related('push_back').get('postpone')).toBeGreaterThan(0);
    expect(lexicon.related('reschedule').get('push_back')).toBeGreaterThan(0);
    expect(lexicon.related('restore').get('fix_up')).toBeGreaterThan(0);
    // A phrase of the table is a compound wherever it is said, around a pronoun too.
    expect(lexicon.isCompound('top_up')).toBe(true);
    expect(indexTerms('Oh, I need to push that back, I have a school trip.', lexicon).lemmas.split(' ')).toContain('push_back');
    const first = await answersOf('u14', [
      memory('p1', 'Caller said: "Oh, I need to push that back, I have a school trip with my son that morning."'),
      memory('p2', 'Caller said: "Text me a reminder the day before, please."'),
    ]);
    expect(await first('why did she postpone?')).toBe('p1');
    expect(await first('why did she reschedule?')).toBe('p1');
  });

  it('a word related to a question word counts less when many of the caller’s memories hold it', async () => {
    const first = await answersOf('u15', [
      memory('h1', 'Caller said: "Mainly the back bedroom, it started behind the wardrobe."'),
      memory('h2', 'Caller said: "Also the bathroom fan is really weak."'),
      memory('h3', 'Caller said: "I work mornings at the library, so Tuesdays are best."'),
      memory('h4', 'Caller said: "The kitchen window frame has green stuff in the seal."'),
      memory('h6', 'Caller said: "Um, it is on the email somewhere, LT-30981."'),
      memory(
        'h7',
        'Delphine called to report worsening black mould in the back bedroom of her rented flat, which she has reported twice before.',
        {
          type: 'factual',
          metadata: { source: 'summary' },
        },
      ),
      memory('h5', 'Address: flat 4B, 27 Alder Row.', {
        type: 'factual',
        metadata: { address: 'flat 4B, 27 Alder Row', source: 'extraction' },
      }),
    ]);
    expect(await first("What's her home address?")).toBe('h5');
    // Two words related to "home" as closely: the one few memories hold answers first.
    const next = await answersOf('u16', [
      memory('r1', 'Caller said: "The residence is a converted chapel by the river."', { createdAt: '2026-01-01T00:00:00.000Z' }),
      ...['cold in winter', 'up for sale', 'on a hill', 'too big now', 'next to the pub'].map((end, i) =>
        memory(`r${i + 2}`, `Caller said: "The house was ${end}."`, { createdAt: `2026-0${i + 2}-01T00:00:00.000Z` }),
      ),
    ]);
    expect(await next('Tell me about his home')).toBe('r1');
  });

  it('a score past 1 is eased towards 1, keeping the order of high scores', () => {
    expect(relevance(0.5)).toBe(0.5);
    expect(relevance(0)).toBe(0);
    expect(relevance(Number.NaN)).toBe(0);
    const high = [0.9, 1, 1.3, 2].map(relevance);
    for (const [i, r] of high.entries()) {
      expect(r).toBeLessThan(1);
      if (i > 0) expect(r).toBeGreaterThan(high[i - 1] as number);
    }
  });

  it('query words are folded content words', () => {
    expect(queryTerms("What did Chloé's caller say about the Sofa?")).toEqual(['chloe', 'sofa']);
  });
});

describe('existing memory.db files', () => {
  it('are re-indexed when opened with another lexicon (or by an older release)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'am-reindex-'));
    const path = join(dir, 'memory.db');
    try {
      const plain = new SqliteMemoryStore(path, clock, { lexicon: PLAIN_LEXICON });
      await plain.add('u1', [memory('a', 'Caller said: "I bought a sofa last year."')]);
      expect(await plain.search({ userId: 'u1', text: 'when did she purchase the couch', limit: 3 })).toEqual([
        expect.objectContaining({ fallback: true }),
      ]);
      plain.close();
      // An older release's file: no index table, no meta.
      const db = new DatabaseSync(path);
      db.exec('DROP TABLE memory_terms; DELETE FROM store_meta;');
      db.close();
      const english = new SqliteMemoryStore(path, clock, { lexicon });
      const found = await english.search({ userId: 'u1', text: 'when did she purchase the couch', limit: 3 });
      expect(found[0]?.id).toBe('a');
      expect(found[0]?.fallback).toBeUndefined();
      english.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('kinds of stored words (English lexicon)', () => {
  it('a compound kind is also a kind of its head noun (reunion → social_affair → affair)', () => {
    expect(compoundHead('motor_vehicle')).toBe('vehicle');
    expect(compoundHead('day_of_the_week')).toBe('day');
    expect(compoundHead('vehicle')).toBeNull();
    expect(lexicon.broader('reunion')).toEqual(expect.arrayContaining(['social_affair', 'affair']));
    expect(lexicon.broader('warfarin')).toEqual(expect.arrayContaining(['anticoagulant_medication', 'medication']));
  });

  it('a word never used as a noun in WordNet’s tagged texts has no noun kinds (lovely is not a model)', () => {
    expect(lexicon.broader('lovely')).not.toContain('_occupation');
    expect(lexicon.broader('lovely')).not.toContain('model');
    expect(lexicon.broader('fine')).not.toContain('penalty');
    // A word used as a noun keeps them.
    expect(lexicon.broader('midwife')).toContain('_occupation');
  });
});

describe('phrases and their one-word synonyms (English lexicon)', () => {
  it('a phrasal verb is a synonym of a word past its first senses, only as a phrase (collect ↔ pick_up)', () => {
    expect(lexicon.related('collect').get('pick_up')).toBeGreaterThan(0);
    expect(lexicon.related('pick_up').get('collect')).toBeGreaterThan(0);
    // The other phrases of that sense too (collect's 5th sense: call for, gather up).
    expect(lexicon.related('collect').get('call_for')).toBeGreaterThan(0);
    expect(indexTerms('My grandson will pick it up on Friday.', lexicon).lemmas.split(' ')).toContain('pick_up');
    const words = queryConcepts('who is collecting the prescription?', lexicon).find((c) => c.word === 'collecting');
    expect(words?.terms.get('pick_up')).toBeGreaterThan(0);
  });
});

describe('phrasal verbs in questions (English lexicon)', () => {
  it('two question words that are one (fix up, spare time) mean the phrase: a particle alone and the first word’s other senses do not count', () => {
    const concepts = queryConcepts('what does he fix up in his spare time?', lexicon);
    expect(concepts.map((c) => c.word)).not.toContain('up');
    const fix = concepts.find((c) => c.word === 'fix');
    expect(fix?.terms.get('fix_up')).toBe(1);
    expect(fix?.terms.get('restore')).toBeGreaterThan(0);
    // "a fix" (a difficult situation) is another sense of the verb alone.
    expect(fix?.terms.has('difficulty')).toBe(false);
    expect(queryConcepts('what did she take up?', lexicon).map((c) => c.word)).not.toContain('up');
    // A noun compound too: spare time is free time, not "spare" as in save.
    const spare = concepts.find((c) => c.word === 'spare');
    expect(spare?.terms.get('spare_time')).toBe(1);
    expect(spare?.terms.has('free_time')).toBe(true);
    expect(spare?.terms.has('save')).toBe(false);
    // Without a phrasal verb, "up" is a word of the question like any other.
    expect(queryConcepts('what is up with the router?', lexicon).map((c) => c.word)).toContain('up');
  });
});

describe('what is wrong: problem questions and everyday senses (English lexicon)', () => {
  const { store, first } = useEnglishStore('am-problem');

  it('a problem question finds what the caller said when asked what the problem was, though it names no damage', async () => {
    await store().add('p1', [
      statement('fence', 'Caller said: "The storm last weekend flattened our garden fence."', { metadata: { asked: 'How can I help?' } }),
      statement('ref', 'Caller said: "Yes, the reference is HL40982."', { metadata: { asked: 'Do you have a claim reference?' } }),
      statement('chat', 'Caller said: "We had friends over for a barbecue on Saturday."', { metadata: { asked: 'Anything else?' } }),
    ]);
    expect(await first('p1', 'what got damaged?')).toBe('fence');
    expect(await first('p1', 'what was the problem?')).toBe('fence');
    // The object of a problem question nothing the caller said names: what was reported as wrong answers it.
    expect(await first('p1', 'what is wrong with his supply?')).toBe('fence');
    // A word the caller did say still decides.
    expect(await first('p1', 'what is wrong with the barbecue?')).toBe('chat');
  });

  it('a question about something else is not answered by the problem statement', async () => {
    await store().add('p2', [
      statement('leak', 'Caller said: "There is water dripping from the ceiling."', {
        metadata: { asked: 'What seems to be the problem?' },
      }),
    ]);
    expect(await first('p2', 'which football team does she support?')).toBe('fallback:leak');
    expect(await first('p2', 'what is wrong with the ceiling?')).toBe('leak');
  });

  it('words in their everyday sense on a call find the word a question uses, both ways', async () => {
    await store().add('p3', [
      statement('worktop', 'Caller said: "The worktop is cracked right next to the hob."'),
      statement('payment', 'Caller said: "My direct debit bounced twice this month."'),
      statement('rival', 'Caller said: "Another network offered me unlimited data for twenty-nine a month."'),
    ]);
    expect(await first('p3', 'what is damaged?')).toBe('worktop');
    expect(await first('p3', 'which payment failed?')).toBe('payment');
    expect(await first('p3', 'what did they propose?')).toBe('rival');
    expect(lexicon.related('damage').get('crack')).toBeGreaterThan(0);
    expect(lexicon.related('break').get('jam')).toBeGreaterThan(0);
    expect(lexicon.related('crack').get('damage')).toBeGreaterThan(0);
  });
});

describe('what a call was about (its summary) orders the calls', () => {
  const { store, first } = useEnglishStore('am-topic');
  const call = (id: string, at: string, summary: string, said: string) => {
    const meta = { conversation_id: id };
    return [
      statement(`${id}-summary`, summary, { type: 'factual', createdAt: at, metadata: { ...meta, source: 'summary' } }),
      statement(`${id}-said`, `Caller said: "${said}"`, { createdAt: at, metadata: { ...meta, layer: 'transcript' } }),
    ];
  };

  it('finds a statement through its call’s summary when the statement does not say the topic', async () => {
    await store().add(
      't1',
      call('c1', '2026-03-10T10:00:00Z', 'Nora told Sam about her first week at the aquarium.', 'I started on the 3rd of March.'),
      {
        conversation: { id: 'c1', turns: [] },
      },
    );
    await store().add('t1', call('c2', '2026-04-12T10:00:00Z', 'Nora told Sam about her new bike.', 'I started on the 9th of April.'), {
      conversation: { id: 'c2', turns: [] },
    });
    expect(await first('t1', 'when did she start working at the aquarium?')).not.toBe('c2-said');
    const found = await store().search({ userId: 't1', text: 'when did she start working at the aquarium?', limit: 3 });
    const at = (id: string) => {
      const i = found.findIndex((m) => m.id === id);
      return i === -1 ? found.length : i;
    };
    expect(at('c1-said')).toBeLessThan(at('c2-said'));
  });

  it('files a summary’s content words as topic terms', () => {
    expect(topicTerms('Nora told Sam about her first week at the aquarium.', lexicon).split(' ')).toEqual(
      expect.arrayContaining(['__aquarium', '__week', '__tell']),
    );
  });
});

describe('fields the platform collected answer questions in other words (English lexicon)', () => {
  const { store } = useEnglishStore('am-fields');
  const field = (id: string, text: string) =>
    statement(id, text, { type: 'factual', metadata: { conversation_id: 'c1', source: 'platform_analysis', field: id } });
  const said = (id: string, text: string) => statement(id, `Caller said: "${text}"`, { metadata: { conversation_id: 'c1' } });
  const summary = (text: string) => statement('summary', text, { type: 'factual', metadata: { conversation_id: 'c1', source: 'summary' } });
  // Matches only: a fallback (nothing matched, recent memories instead) is no answer.
  const top3 = async (userId: string, text: string) =>
    (await store().search({ userId, text, limit: 3 })).filter((m) => !m.fallback).map((m) => m.id);

  beforeEach(async () => {
    await store().add('f1', [
      summary('The caller rang to check that their online booking form had been received. The call was brief.'),
      said('hello', 'Hi, yeah, I filled in the form on your website, just checking you got it.'),
      said('rush', "Sorry, I'm driving, I'll have to go."),
      field('install_date', 'Install date: 14 October 2026.'),
      field('hire_duration', 'Hire duration: 6 weeks.'),
      field('site_town', 'Site town: Kendal.'),
      field('last_swept', 'Last swept: 2023.'),
      field('storeys', 'Building storeys: 3.'),
    ]);
  });

  it('a field holding the kind asked for is found though the question shares no word with it', async () => {
    expect(await top3('f1', 'When are the fitters going?')).toContain('install_date');
    expect(await top3('f1', 'How long do they need it for?')).toContain('hire_duration');
    expect(await top3('f1', 'Where is the job?')).toContain('site_town');
  });

  it('a date, a duration or a place field ranks above memories that only share the call’s topic', async () => {
    expect((await top3('f1', 'When would the customer like the work done?'))[0]).toBe('install_date');
    expect((await top3('f1', 'For how long will she need the scaffold?'))[0]).toBe('hire_duration');
  });

  it('a question word naming a field’s label asks for that field, not a modifier or a participle after it', async () => {
    await store().add('f3', [
      summary('Outbound reminder call about a farrier visit for her horse; the customer was busy and the call ended.'),
      field('yard', 'Yard: Birchcombe Livery.'),
      field('horse_name', 'Horse name: Biscuit.'),
      field('postcode', 'Delivery postcode: AB10 6QT.'),
      field('colonies', 'Colonies ordered: 3.'),
      said('wrong', 'The parcel says delivered but nothing came, the delivery is missing.'),
      said('drop', 'Drop the order off at the croft in Balnain.'),
    ]);
    expect((await top3('f3', 'Which yard is the horse kept at?'))[0]).toBe('yard');
    expect((await top3('f3', "What's gone wrong with his delivery?"))[0]).toBe('wrong');
    expect((await top3('f3', 'Where is the order being dropped off?'))[0]).toBe('drop');
  });

  it('a field of another kind is not found by the kind alone', async () => {
    // "Building storeys: 3." holds a number, not a date.
    expect(await top3('f1', 'When are the fitters going?')).not.toContain('storeys');
  });
});

describe('when, how long and how often want a memory that says a time (English lexicon)', () => {
  const { store } = useEnglishStore('am-when');
  const said = (id: string, text: string) => statement(id, `Caller said: "${text}"`);
  const top = async (userId: string, text: string) => (await store().search({ userId, text, limit: 3 })).map((m) => m.id);

  it('a statement with the date ranks above statements sharing more of the question’s words without one', async () => {
    await store().add('w1', [
      said('trip', 'I am flying to Oaxaca! I booked the cooking workshop in Oaxaca.'),
      said('back', 'The weather in Oaxaca is great, I will fly there with Daniela.'),
      said('date', 'I fly out on April 12th.'),
    ]);
    expect((await top('w1', 'When did Joaquin fly to Oaxaca?'))[0]).toBe('date');
  });

  it('a time of day without am or pm answers "what time"', async () => {
    await store().add('w2', [
      said('race', 'The young bird race is on Saturday, Pesto is flying in it.'),
      said('clock', 'she clocked at 11:42. i screamed in the yard'),
      said('hen', 'My fastest hen is Pistachio, she came third out of 140 birds in the race.'),
    ]);
    expect(await top('w2', 'What time did her fastest hen clock in the race?')).toContain('clock');
  });

  it('without a time word in the question, the words still decide', async () => {
    await store().add('w3', [said('trip', "I'm going to Oaxaca for the cooking workshop."), said('date', 'I fly out on April 12th.')]);
    expect((await top('w3', 'What is the workshop in Oaxaca about?'))[0]).toBe('trip');
  });
});
