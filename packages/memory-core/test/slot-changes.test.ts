import fc from 'fast-check';
import { buildProfileSnapshot, FixedClock, memoriesFromCall, updateProfileSnapshot } from '../src';
import { changedFromEarlier } from '../src/extraction/slot-changes';
import { agentType, call, caller, memoriesOfCall } from './helpers';

describe('changedFromEarlier: a change said without the old value', () => {
  it.each([
    ["So we're down to eighty-five guests now.", 'A wedding cake for 120 guests at Oakhurst Barn.', ['120 guests']],
    // The price of the thing changed with it.
    ['The cake is now two tiers at £340.', 'Amira suggested three tiers at around £480.', ['three tiers', '£480']],
    ['Visits move to 9:30am from Monday as Kathleen sleeps later.', 'She confirmed the 8am morning visit for Kathleen.', ['8am']],
    [
      'Mammy likes the new lad, Tomasz. Tomasz should now be her regular carer.',
      'She asked for Bronagh to be her regular carer.',
      ['Bronagh'],
    ],
    [
      'He called to move his wedding cake order to 19 September.',
      'He enquired about a cake for his wedding on 12 September.',
      ['12 September'],
    ],
    ['We can go up to £1,300 a month on the rent now.', 'Her rent budget is £1,150 a month and she moves in September.', ['£1,150']],
    ['can we move the appointment to monday the seventeenth', 'the appointment is thursday the thirteenth yeah', ['thirteenth']],
    ['She now has around forty boxes.', 'She has about 35 boxes plus a sofa.', ['35 boxes']],
    ['Can we move the sweep to Thursday the 15th?', 'Conor booked the sweep for Monday the 12th at 4 Slieve Drive.', ['12th']],
  ])('%s', (fresh, earlier, expected) => {
    expect(changedFromEarlier([fresh], [earlier])).toEqual(expected);
  });

  it.each([
    // No word of change: two things said, not one replacing the other.
    ['The cake is two tiers.', 'Amira suggested three tiers.'],
    // Different things counted, measured, or named.
    ['The kitchen is now 4 metres long.', 'The bathroom is 2 metres wide.'],
    ['We now have two dogs.', 'We have three cats.'],
    ["I've moved my test to the 24th of November, same place.", 'Her practical test is at Chadderton.'],
    ['Bethany moved her test to 24 November on her instructor Lorraine’s advice.', 'She practises in her dad’s manual Corsa.'],
    // "one tier" is "a tier", not a count replaced by two.
    ['The cake is now two tiers.', 'And chocolate for one tier, he loves chocolate.'],
    // The same value again.
    ['Still the 20th, and now with a cover.', 'The move is on 20 June.'],
    // Found by review: other things, other people, births, additions.
    ['Rescheduled to 15 October because of a hospital appointment.', 'Her daughter was born on 3 May.'],
    ['She rescheduled her blood test to 20 March.', 'Her date of birth is 2 March 1951 and she is allergic to penicillin.'],
    ["This is the second time I've called about the new boiler quote.", 'Dev booked an annual boiler service for the 14th at 9am.'],
    ['Can I book a new appointment for my husband on the 20th?', 'Her dental appointment is on the 12th.'],
    ['My sister now has three children.', 'She has two children.'],
    ['My husband now takes four tablets a day.', 'She takes two tablets a day with food.'],
    ['Now Daniel also has power of attorney.', 'Her daughter Claire has power of attorney.'],
    ['The district nurse now comes at 2pm too.', 'The carer comes at 8am.'],
    ['I want a new quote for the kitchen, £8,000 or so.', 'She got a quote for the bathroom, £5,500.'],
    ["I'm actually calling about the invoice for £120.", 'The invoice for £340 was paid.'],
    ['The hospital moved his op to 9 April.', 'Her own hip operation is on 2 April.'],
    ['The rent now goes up to £700.', 'Council tax is £150 a month.'],
    // Two dates before: which one changed is unclear.
    ['The wedding is now on 19 September.', 'The wedding is on 12 September and the tasting on 1 August.'],
    // A value the sentence of change says itself is not replaced ("not going to Harrogate any more").
    ["So it's not going to Harrogate any more, it's going to Knaresborough.", 'The piano goes to his new house in Harrogate.'],
  ])('replaces nothing: %s / %s', (fresh, earlier) => {
    expect(changedFromEarlier([fresh], [earlier])).toEqual([]);
  });

  it('never names the caller or the agent as a replaced person', () => {
    const known = new Set(['sinead', 'gallagher', 'ruth']);
    expect(
      changedFromEarlier(
        ['Ruth should now be the contact for the visits.'],
        ['Sinead Gallagher should be the contact for the visits.'],
        known,
      ),
    ).toEqual([]);
  });

  it('never throws and finds only what the earlier text says', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 3 }), fc.array(fc.string(), { maxLength: 3 }), (fresh, earlier) => {
        const found = changedFromEarlier(fresh, earlier);
        for (const p of found) expect(earlier.join(' ').toLowerCase()).toContain(p.toLowerCase());
      }),
    );
  });
});

describe('a change said without the old value, end to end', () => {
  it('is recorded on the new call and leaves the old value out of the call start', () => {
    const clock = new FixedClock(Date.parse('2026-07-01T00:00:00Z'));
    const type = agentType('elevenlabs_customer_support');
    const context = { agentTypeName: 'elevenlabs_customer_support', agentType: type, clock };
    const first = call([caller('Hi, I need a cake for the wedding on 18 July.')], {
      conversationId: 'c1',
      startedAt: '2026-06-01T10:00:00Z',
      summary: 'Chloe Varga ordered a three-tier wedding cake for 120 guests on 18 July at Oakhurst Barn.',
    });
    const second = call([caller("Bit of a change, we're down to eighty-five guests now.")], {
      conversationId: 'c2',
      startedAt: '2026-06-20T10:00:00Z',
      summary: 'Chloe Varga called about her wedding cake for 18 July.',
    });
    const before = memoriesFromCall(first, context).memories;
    const after = memoriesFromCall(second, { ...context, earlier: [first.summary ?? ''] }).memories;
    expect(after.every((m) => String(m.metadata.replaced ?? '').includes('120 guests'))).toBe(true);
    const snapshot = buildProfileSnapshot([...before, ...after], {
      callerKey: 'k',
      agentTypeName: context.agentTypeName,
      agentType: type,
      clock,
    });
    const shown = JSON.stringify([snapshot.lastSummary, snapshot.topMemories.map((m) => m.text)]);
    expect(shown).toContain('eighty-five guests');
    expect(shown).not.toContain('120 guests');
    // Without what earlier calls said, nothing is known to be replaced.
    expect(memoriesFromCall(second, context).memories.some((m) => m.metadata.replaced !== undefined)).toBe(false);
  });
});

describe('a thing replaced is hidden only in what was said before it was replaced', () => {
  it('a later call that mentions it again is shown, in a rebuilt and in a folded snapshot', () => {
    const type = agentType('elevenlabs_customer_support');
    const clock = new FixedClock(Date.parse('2026-07-01T00:00:00Z'));
    const context = { agentTypeName: 'elevenlabs_customer_support', agentType: type, clock };
    const memories = [
      memoriesOfCall(
        context,
        'a',
        '2026-06-01',
        'I need cover for my Ford Fiesta, it is a 2015 model.',
        'The caller wants cover for a 2015 Ford Fiesta.',
      ),
      memoriesOfCall(
        context,
        'b',
        '2026-06-10',
        "I've bought a Kia Picanto instead of the Fiesta, please move the cover.",
        'The caller moved the cover to a Kia Picanto.',
      ),
      memoriesOfCall(
        context,
        'c',
        '2026-06-20',
        'The Fiesta went to my niece in the end, she needs her own cover for it.',
        'The caller asked about cover for her niece.',
      ),
    ];
    const shown = (s: { topMemories: readonly { text: string }[]; lastSummary: string | null }) =>
      [s.lastSummary, ...s.topMemories.map((m) => m.text)].join(' | ');
    const rebuilt = buildProfileSnapshot(memories.flat(), { callerKey: 'k', ...context });
    expect(shown(rebuilt)).toContain('went to my niece');
    expect(shown(rebuilt)).not.toContain('2015');
    let folded: ReturnType<typeof updateProfileSnapshot> | null = null;
    for (const [i, m] of memories.entries())
      folded = updateProfileSnapshot(folded, ['a', 'b', 'c'][i] ?? '', m, { callerKey: 'k', ...context });
    expect(folded?.replacedAt?.['Ford Fiesta'] ?? folded?.replacedAt?.Fiesta).toBe('2026-06-10T10:05:00.000Z');
    expect(shown(folded ?? rebuilt)).toContain('went to my niece');
    expect(shown(folded ?? rebuilt)).not.toContain('2015');
  });
});
