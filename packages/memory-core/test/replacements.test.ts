import fc from 'fast-check';
import { FixedClock, type Memory, rankMemories } from '../src';
import { addressForms } from '../src/extraction/address';
import { replacedPhrases, withoutReplaced } from '../src/extraction/replacements';
import { mentionsPhrase } from '../src/text/text-utils';
import { agentType, memoriesOfCall, startReplyOf } from './helpers';

describe('replacedPhrases', () => {
  it.each([
    ['We went with the Octavia estate instead of the Golf.', ['Golf']],
    ["I'd like the quote by text rather than email, please.", ['email']],
    ['She chose a standing desk in place of her old bureau.', ['old bureau']],
    ['We switched from Northwind Energy to Brightspark last month.', ['Northwind Energy', 'Energy']],
    ['Pónganlo a nombre de mi hija en lugar de mi marido.', ['mi marido']],
    ['Livrez-le au bureau au lieu de la maison.', ['maison']],
  ])('%s', (text, expected) => {
    expect(replacedPhrases(text)).toEqual(expected);
  });

  it.each([
    ['Please move my deliveries from Mondays to Thursdays.', ['Mondays', 'Monday']],
    ['We increased the order from two to three crates.', ['two crates']],
    ['Scrap the landline, I only use the mobile.', ['landline']],
    ['Weekends are no good for me now.', ['weekends']],
    ["Yes, Mondays don't work any more, I've started a new job.", ['Mondays', 'Monday']],
    ['No more paper statements, please.', ['paper statements']],
    ['The booking was moved from Kingfisher to the 62-foot boat Heron.', ['Kingfisher']],
    ['He increased order HH-2291 from two to three Carniolan nucs.', ['two nucs']],
    ['The move is now on Friday 24 July instead of 17 July.', ['17 July']],
    ['She called to upgrade her membership from off-peak to the anytime plan.', ['off-peak']],
    ['Can I change it from Tuesday to Friday?', ['Tuesday']],
    ["Now it's seventy-five guests, not sixty.", ['sixty']],
    ["It's Friday, not Thursday, I'm afraid.", ['Thursday']],
    ["She increased the guest count for her daughter's party on 13 June from sixty to seventy-five. Rosie sent a quote.", ['sixty']],
    ['He moved his Škoda Octavia service and STK appointment from 9 April to Tuesday 14 April.', ['9 April']],
  ])('a change said another way: %s', (text, expected) => {
    expect(replacedPhrases(text)).toEqual(expected);
  });

  it.each([
    ["So it's not going to Harrogate anymore, it's going into storage.", ['Harrogate']],
    ["And we're not using the church hall any more, we're having it in the garden.", ['church hall']],
    ["I don't work at Tesco any more.", ['Tesco']],
    ["She's not seeing Dr Patel anymore.", ['Dr Patel', 'Patel']],
  ])('no longer current: %s', (text, expected) => {
    expect(replacedPhrases(text)).toEqual(expected);
  });

  it.each([
    "I can't wait any more.",
    "It doesn't hurt any more.",
    "We don't need it anymore.",
    // A thing that broke is a fault, not a replaced fact.
    "The heating doesn't work any more, it's freezing.",
    "My card doesn't work anymore.",
  ])('nothing named: %s', (text) => {
    expect(replacedPhrases(text)).toEqual([]);
  });

  it.each(["I'd want to keep it to no more than six hundred pounds all in.", 'No more than forty guests, the hall is small.'])(
    'a limit is no change: %s',
    (text) => {
      expect(replacedPhrases(text)).toEqual([]);
    },
  );

  it('cuts "from two" of "from two to three crates", keeping the new count', () => {
    expect(withoutReplaced('He increased the order from two to three crates.', ['two crates'])).toBe(
      'He increased the order to three crates.',
    );
  });

  it('keeps the new value when the old one shares its last word or its counted thing', () => {
    expect(withoutReplaced('The move is now on Friday 24 July instead of 17 July.', ['17 July'])).toBe(
      'The move is now on Friday 24 July.',
    );
    expect(withoutReplaced('He increased order HH-2291 from two to three Carniolan nucs.', ['two nucs'])).toBe(
      'He increased order HH-2291 to three Carniolan nucs.',
    );
  });

  it('names nothing for "instead" without a thing, or a pronoun', () => {
    expect(replacedPhrases('Can you text me instead?')).toEqual([]);
    expect(replacedPhrases('I will do that instead of this.')).toEqual([]);
    expect(replacedPhrases('We moved from Denver to Portland.')).toEqual([]);
    expect(replacedPhrases("It's fine, not a problem.")).toEqual([]);
    expect(replacedPhrases("I'm not sure, not really.")).toEqual([]);
    for (const text of [
      'He broke the pump, not my fault.',
      "That's the landlord's job, not my problem.",
      'I had a rent increase notice from the landlord.',
      'I work the early shift from Monday to Friday.',
      "We're hoping to raise the deposit from my parents.",
      'There was a price increase letter from Octopus.',
    ])
      expect(replacedPhrases(text)).toEqual([]);
    // Cutting a replaced thing never turns a sentence's meaning round.
    expect(withoutReplaced('Please do not email me any more, a text is fine.', ['email'])).toBe('A text is fine.');
    // A new clause is no object of the change ("…the car, and from Monday I walk").
    expect(replacedPhrases('I changed my mind about the car, and from Monday I will walk.')).toEqual([]);
  });
});

describe('withoutReplaced', () => {
  it('cuts "instead of X" and the clauses that still mention X, keeping the rest', () => {
    expect(withoutReplaced('He bought a Skoda Octavia instead of the VW Golf, because the Golf failed its MOT.', ['VW Golf', 'Golf'])).toBe(
      'He bought a Skoda Octavia.',
    );
    expect(withoutReplaced('Caller said: "Text me. I never read emails, honestly."', ['email'])).toBe('Caller said: "Text me. Honestly."');
    expect(withoutReplaced('Caller said: "The Golf."', ['Golf'])).toBeNull();
    expect(withoutReplaced('Nothing about it.', ['Golf'])).toBe('Nothing about it.');
  });

  it('matches a name as written, a word in any case', () => {
    expect(withoutReplaced('Our energy bills doubled.', ['Energy'])).toBe('Our energy bills doubled.');
    expect(withoutReplaced('We were with Northwind Energy, and it was fine.', ['Energy'])).toBe('It was fine.');
    expect(mentionsPhrase('I never read EMAILS or emails', 'email')).toBe(true);
  });

  it('never leaves a replaced phrase it was given, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('the Golf', 'a Skoda', 'instead of', 'because', ',', '.', 'we', 'bought', 'and'), { maxLength: 30 }),
        (words) => {
          const out = withoutReplaced(words.join(' '), ['Golf']);
          return out === null || !mentionsPhrase(out, 'Golf');
        },
      ),
    );
  });
});

describe('a thing replaced in a later call', () => {
  const clock = new FixedClock('2026-10-20T00:00:00Z');
  const sales = agentType('elevenlabs_sales_agent');
  /** The wording rules the ingest worker passes to the snapshot builder. */
  const worker = { cut: withoutReplaced, addressForms };
  const ctx = { agentTypeName: 'elevenlabs_sales_agent', agentType: sales, clock };
  const first = memoriesOfCall(
    ctx,
    'c1',
    '2026-09-01',
    "I'm Priya Raman. I'd like cover for a 2019 VW Golf.",
    'Priya Raman asked for a quote for her 2019 VW Golf.',
  );
  const second = memoriesOfCall(
    ctx,
    'c2',
    '2026-10-01',
    'Change of plan, the Golf failed its MOT, so I bought a Skoda Octavia instead.',
    'Priya Raman bought a Skoda Octavia instead of the VW Golf, because the Golf failed its MOT. She wants cover from Monday.',
  );
  const stored: Memory[] = [...first, ...second].map((m, i) => ({ ...m, id: `m${i}` }));

  it('is named in the replacing call’s metadata', () => {
    expect(second.every((m) => m.metadata.replaced === 'VW Golf; Golf')).toBe(true);
    expect(first.some((m) => m.metadata.replaced !== undefined)).toBe(false);
  });

  it('never appears in the call start; the new one does', () => {
    const { reply } = startReplyOf(stored, 'elevenlabs_sales_agent', clock, worker);
    expect(reply).toContain('Skoda Octavia');
    expect(reply).not.toContain('Golf');
  });

  it('without the worker’s wording rules (a snapshot built at call start) the memories about it are left out whole', () => {
    const { reply } = startReplyOf(stored, 'elevenlabs_sales_agent', clock);
    expect(reply).not.toContain('Golf');
  });

  it('ranks below in search; the replacing call’s memories keep their words (why it changed answers too)', () => {
    const rules = { searchWeights: {}, priorityFields: [], limit: 10, threshold: 0, supersededFactor: 0.4 };
    const scored = stored.map((m) => ({ ...m, score: m.text.includes('Golf') ? 0.9 : 0.5 }));
    const ranked = rankMemories(scored, rules, clock.now());
    const firstAboutACar = ranked.find((m) => /Golf|Octavia/.test(m.text));
    expect(firstAboutACar?.text).toContain('Skoda Octavia');
    expect(firstAboutACar?.metadata.conversation_id).toBe('c2');
    // Every memory of the first call ranks below every memory of the second that is as relevant.
    const firstCall = ranked.findIndex((m) => m.metadata.conversation_id === 'c1');
    expect(ranked.slice(firstCall).every((m) => m.metadata.conversation_id === 'c1' || !m.text.includes('Golf'))).toBe(true);
    // History is kept: the old call's memories are still there, below.
    expect(ranked.some((m) => m.text.includes('2019 VW Golf'))).toBe(true);
  });
});
