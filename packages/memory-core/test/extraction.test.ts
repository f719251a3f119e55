import fc from 'fast-check';
import { EXTRACT_FIELDS, extractFields, findBudget, findTimeline } from '../src';
import { issueOfCall } from '../src/extraction/text-patterns';
import { agent, call, caller, callFromFixture } from './helpers';

describe('findBudget', () => {
  it.each([
    ['We have a budget of $18,000 for this.', '$18,000'],
    ['Our budget is 18k.', '$18,000'],
    ["We're thinking around 42k", '$42,000'],
    ['I can spend about 5000 dollars', '$5,000'],
    ['maybe $1.5 million all in', '$1,500,000'],
    ['budget of 25,000', '$25,000'],
    ['we could pay 300 a month', '$300'],
    ['Up to £12,500 is fine', '£12,500'],
    ['around 20 thousand euros', '€20,000'],
    ['$99.50 per seat', '$99.50'],
  ])('%s → %s', (text, expected) => {
    expect(findBudget(text)).toBe(expected);
  });

  it.each([
    'We need it installed within 3 months.',
    'I have been a customer since 2019.',
    'a two storey house with 4 bedrooms',
    'call me at 5 pm',
    'It is 12 miles away, about 18k miles on it',
    'Hi, it is Ravinder again, booking BRN-7731, could I go up to six people?',
    'Morning, order HH-2291. Could I go up to three nucs?',
    'My member number is AB4471, about the spa.',
  ])('finds no budget in %j', (text) => {
    expect(findBudget(text)).toBeNull();
  });
});

describe('findTimeline', () => {
  it.each([
    ['we need it installed within 3 months.', 'within 3 months'],
    ['hopefully in two weeks', 'in two weeks'],
    ['over the next six months', 'over the next six months'],
    ['We want it done by March.', 'by March'],
    ['by the end of the year', 'by the end of the year'],
    ['by the end of June 2027', 'by the end of June 2027'],
    ['a 3 month timeline', 'a 3 month timeline'],
    ['our timeline is about 6 weeks', 'timeline is about 6 weeks'],
    ['we plan to buy next quarter', 'next quarter'],
    ['ready by Q3', 'by Q3'],
    ['About forty-five thousand dollars, and we would like to start in September.', 'in September'],
    ['we want to have it installed in May', 'in May'],
  ])('%s → %s', (text, expected) => {
    expect(findTimeline(text)).toBe(expected);
  });

  it.each(['my bill this month was wrong', 'I have been a customer since 2019', 'call me back', 'The boiler broke down in March.'])(
    'finds no timeline in %j',
    (text) => {
      expect(findTimeline(text)).toBeNull();
    },
  );
});

describe('extractFields on the fixtures', () => {
  it('support call: structured results win, the rest from the caller and the summary', () => {
    const record = callFromFixture('post-call-transcription.json');
    const fields = extractFields(record, [
      'name',
      'account_status',
      'contact_preference',
      'issue_type',
      'escalation_level',
      'resolution',
      'preferences',
    ]);
    expect(fields).toMatchObject({
      name: 'Maya Okafor',
      issue_type: 'connectivity',
      contact_preference: 'email',
      account_status: 'premium account, customer since 2019',
      escalation_level: 'medium',
    });
    expect(fields.resolution).toMatch(/firmware update.*technician visit for Thursday/);
  });

  it('support call without data collection still finds the name in the caller turns', () => {
    const record = { ...callFromFixture('post-call-transcription.json'), dataCollection: {} };
    expect(extractFields(record, ['name', 'issue_type', 'contact_preference'])).toEqual({
      name: 'Maya Okafor',
      issue_type: 'connectivity',
      contact_preference: 'email',
    });
  });

  it('sales call: budget, timeline, interests, objections, decision maker', () => {
    const record = { ...callFromFixture('post-call-transcription-sales.json'), dataCollection: {} };
    const fields = extractFields(record, ['name', 'budget', 'timeline', 'interests', 'objections', 'decision_maker', 'company']);
    expect(fields).toEqual({
      name: 'Daniel Reyes',
      budget: '$18,000',
      timeline: 'within 3 months (2027-01-15)',
      interests: 'rooftop solar system for a two storey house',
      objections: 'payback period',
      decision_maker: 'wife',
    });
  });

  it('sales call: structured budget is normalised, structured timeline kept', () => {
    const fields = extractFields(callFromFixture('post-call-transcription-sales.json'), ['budget', 'timeline', 'name']);
    expect(fields).toEqual({ budget: '$18,000', timeline: '3 months (2027-01-15)', name: 'Daniel Reyes' });
  });
});

describe('extractFields reads only the caller and the summary', () => {
  it("never takes the agent's introduction as the caller's name", () => {
    const record = call([agent("Hi, I'm Ava from Contoso. This is Ava speaking."), caller('I need help with my order.')]);
    expect(extractFields(record, ['name'])).toEqual({});
  });

  it("ignores the agent's budget and timeline suggestions", () => {
    const record = call([agent('Most people spend around $30,000 and install within 2 months.'), caller('Okay.')]);
    expect(extractFields(record, ['budget', 'timeline'])).toEqual({});
  });

  it('takes a name from the summary when the caller never said it', () => {
    const record = call([caller('My router is broken.')], { summary: 'Priya Natarajan reported that her router is broken.' });
    expect(extractFields(record, ['name'])).toEqual({ name: 'Priya Natarajan' });
  });

  it.each([
    ['¿Prefiere que le avisemos por correo o por teléfono?', 'Correo electrónico, por favor.', 'email'],
    ['Zal ik u een sms sturen als het klaar is?', 'Ja graag, per sms.', 'text'],
    ['Sollen wir Sie anrufen oder eine E-Mail schicken?', 'Lieber per Telefon.', 'phone'],
    ['How would you like us to get back to you?', 'Email works.', 'email'],
  ])('the contact preference is the channel the caller answers (%s → %s)', (asked, answer, expected) => {
    expect(extractFields(call([agent(asked), caller(answer)]), ['contact_preference'])).toEqual({ contact_preference: expected });
  });

  it('a channel named outside an answer about contact is no preference', () => {
    expect(extractFields(call([agent('How did you pay?'), caller('I paid by phone yesterday.')]), ['contact_preference'])).toEqual({});
  });

  it('a word of small talk late in a long call is not its issue when the summary names none', () => {
    const small = ['Hello, it is Harriet, booking a check-up for my son.', 'We had a lovely weekend.', 'The weather was fine.'];
    const late = [...small, 'The train this morning was cancelled again so I was late.'];
    expect(issueOfCall(late, 'Harriet booked a check-up for her son on the 14th.')).toBeNull();
    // Raised in the first turns, or named by the summary too, it is the issue; without a summary the caller decides.
    expect(issueOfCall(['I need to cancel my membership.', ...small], 'The caller asked about opening hours.')).toBe('cancellation');
    expect(issueOfCall(late, 'Harriet cancelled her appointment because her train was cancelled.')).toBe('cancellation');
    expect(issueOfCall(late, null)).toBe('cancellation');
    // The summary's own class when the caller's words point elsewhere late in the call.
    expect(issueOfCall(late, 'Harriet was billed twice for the check-up.')).toBe('billing');
  });

  it('honours the agent type data-collection keys', () => {
    const record = call([], { dataCollection: { customer_first_name: 'Lena', company_name: 'Acme Ltd' } });
    expect(extractFields(record, ['name', 'company'], { name: ['customer_first_name'] })).toEqual({ name: 'Lena', company: 'Acme Ltd' });
  });

  it('reads a budget from the answer to the agent asking for one, and from limits said without the word', () => {
    const asked = call([
      agent('Ha! And did you have a budget in mind?'),
      caller("We've pooled together, we've got three thousand eight hundred for the food."),
    ]);
    expect(extractFields(asked, ['budget']).budget).toBe('$3,800');
    const limit = call([agent('And the car?'), caller("I don't want to go over £14,500 once the Skoda's taken off.")]);
    expect(extractFields(limit, ['budget']).budget).toBe('£14,500');
    // Asked, a number followed by what it counts or where it is is no budget.
    for (const said of ["We're expecting 150 guests.", 'The venue is at 221 Harbour Road.'])
      expect(extractFields(call([agent('Did you have a budget in mind?'), caller(said)]), ['budget']).budget).toBeUndefined();
    // A limit of guests.
    expect(extractFields(call([caller('The venue has a limit of 200 guests.')]), ['budget']).budget).toBeUndefined();
    // Not asked, no word of money: a count is no budget.
    expect(extractFields(call([agent('How many guests?'), caller('Eighty-five, give or take.')]), ['budget']).budget).toBeUndefined();
  });

  it('keeps the limit the caller gave over an amount mentioned later, and a deposit is no budget', () => {
    const turns = [
      agent('What sort of budget are you working to overall?'),
      caller("I don't want to go over £14,500 once the Skoda's taken off."),
      agent('Paying outright or finance?'),
      caller('Finance probably. I can put down £3,000 as a deposit and then do it monthly.'),
      agent('And the colour?'),
      caller('Grey. The one at £13,995 looked nice.'),
    ];
    expect(extractFields(call(turns), ['budget']).budget).toBe('£14,500');
    for (const said of ['I can put down £2,000 up front.', "There's a £500 deposit ready.", "I'll pay £800 as a deposit."])
      expect(extractFields(call([agent('How are you paying?'), caller(said)]), ['budget']).budget).toBeUndefined();
    // A later limit, or a correction, still replaces an earlier one.
    const raised = call([caller('Our budget is £1,150 a month.'), agent('Okay.'), caller('Actually we can go up to £1,300 now.')]);
    expect(extractFields(raised, ['budget']).budget).toBe('£1,300');
    // What someone else said it would cost is not the caller's budget.
    const sister = call([
      caller('And money-wise we were thinking two thousand pounds for the both of us.'),
      agent("You're within that."),
      caller("Oh, thank goodness. My sister said I'd be looking at five thousand."),
    ]);
    expect(extractFields(sister, ['budget']).budget).toBe('£2,000');
    // The limit may include the deposit; a past purchase is no budget; a new limit "now" replaces the one asked for.
    expect(extractFields(call([caller('Our budget including the deposit is £15,000.')]), ['budget']).budget).toBe('£15,000');
    expect(extractFields(call([caller('Without the deposit I can spend about £12,000.')]), ['budget']).budget).toBe('£12,000');
    const paid = call([
      agent('What budget do you have?'),
      caller('£20,000 max.'),
      agent('And your current car?'),
      caller('Actually I paid £9,000 for my current car.'),
    ]);
    expect(extractFields(paid, ['budget']).budget).toBe('£20,000');
    const raisedNow = call([
      agent('What budget do you have?'),
      caller('About £10,000.'),
      agent('Okay.'),
      caller("We've got £15,000 now, my bonus came in."),
    ]);
    expect(extractFields(raisedNow, ['budget']).budget).toBe('£15,000');
    // Only mentioned amounts: the latest one.
    expect(extractFields(call([caller('Off-peak at £24.99, please.')]), ['budget']).budget).toBe('£24.99');
  });

  it("takes a summary's amount as a budget only when it says it is the caller's limit", () => {
    const quote = call([caller('Yes, add it.')], { summary: 'Rosie updated the buffet quote to £2,100 and added baklava at £3 per head.' });
    expect(extractFields(quote, ['budget']).budget).toBeUndefined();
    const limit = call([caller('Yes.')], { summary: 'She wants to spend no more than £450 all in.' });
    expect(extractFields(limit, ['budget']).budget).toBe('£450');
  });

  it('takes no timeline from a date answering a question about the past, nor a month that is no date', () => {
    const answers: readonly (readonly [string, string])[] = [
      ['Can I confirm the date of birth?', 'Third of May, nineteen eighty-five.'],
      ['When did you first notice the leak?', 'Around the 14th of March.'],
      ['When would you like it?', 'Honestly the first may be too soon.'],
    ];
    for (const [asked, said] of answers)
      expect(extractFields(call([agent(asked), caller(said)]), ['timeline']).timeline ?? '').not.toMatch(/\d{4}-\d\d-\d\d/);
    // "march 45 people" is March, not a 45th day.
    expect(extractFields(call([agent('When is the party?'), caller('Sometime in march 45 people.')]), ['timeline']).timeline).not.toContain(
      '45',
    );
  });

  it('reads a date given when the agent asks for the date', () => {
    const fields = extractFields(call([agent('Thanks Desmond. And the date?'), caller('Saturday the eighth of August, in the evening.')]), [
      'timeline',
    ]);
    expect(fields.timeline).toContain('eighth of August');
  });

  it("reads the caller's name from a key naming their role on the call, after the listed keys", () => {
    for (const key of ['tenant_name', 'patient_full_name', 'policyholder_name', 'Member Name', 'caller_full_name', 'parent_name'])
      expect(extractFields(call([], { dataCollection: { [key]: 'Yusuf Hassan' } }), ['name'])).toEqual({ name: 'Yusuf Hassan' });
    // Someone else's name is not the caller's; a listed key wins.
    expect(extractFields(call([], { dataCollection: { landlord_name: 'Mrs Okoro', pupil_name: 'Alfie Threlfall' } }), ['name'])).toEqual(
      {},
    );
    expect(extractFields(call([], { dataCollection: { tenant_name: 'A B', full_name: 'Yusuf Hassan' } }), ['name'])).toEqual({
      name: 'Yusuf Hassan',
    });
  });

  it.each([
    ["I'm interested in your premium plan.", 'name', undefined],
    ["I'm Sorry, I'm calling about my bill", 'name', undefined],
    ['Call me Jo.', 'name', 'Jo'],
    ['I work at Globex Corporation.', 'company', 'Globex Corporation'],
    ["I'm not very technical, sorry.", 'technical_skill', 'beginner'],
    ["I'm a network engineer so I already checked the DNS.", 'technical_skill', 'advanced'],
    ['This is urgent, our production is down!', 'escalation_level', 'high'],
    ['I need to check with my boss first.', 'decision_maker', 'boss'],
    ["I'm the decision maker here.", 'decision_maker', 'caller'],
    ["Honestly it's too expensive for us.", 'objections', 'too expensive'],
    ['Please text me the details.', 'contact_preference', 'text'],
    ['I was charged twice on my invoice.', 'issue_type', 'billing'],
    ['I keep getting an error when I log in with my password.', 'issue_category', 'login'],
  ])('%j → %s = %s', (text, field, expected) => {
    const fields = extractFields(call([caller(text)]), [field as (typeof EXTRACT_FIELDS)[number]]);
    expect(fields[field as keyof typeof fields]).toBe(expected);
  });
});

describe('extractFields properties', () => {
  const turn = fc.record({
    speaker: fc.constantFrom('caller', 'agent') as fc.Arbitrary<'caller' | 'agent'>,
    text: fc.string({ maxLength: 400 }),
  });

  it('never throws on arbitrary text, and returns only requested non-empty string fields', () => {
    fc.assert(
      fc.property(
        fc.array(turn, { maxLength: 8 }),
        fc.option(fc.string({ maxLength: 400 })),
        fc.subarray([...EXTRACT_FIELDS]),
        (turns, summary, fields) => {
          const out = extractFields(
            call(
              turns.map((t) => ({ ...t, offsetSecs: null })),
              { summary },
            ),
            fields,
          );
          return Object.entries(out).every(
            ([k, v]) => fields.includes(k as (typeof EXTRACT_FIELDS)[number]) && typeof v === 'string' && v.length > 0,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never throws on sentence-shaped text built from trigger words', () => {
    const words = fc.constantFrom(
      'my',
      'name',
      'is',
      "I'm",
      'budget',
      '$',
      '18k',
      'within',
      '3',
      'months',
      'by',
      'March',
      'wife',
      'decision',
      'maker',
      'concerned',
      'about',
      '.',
      ',',
      'Maya',
      'email',
      'prefer',
    );
    fc.assert(
      fc.property(fc.array(words, { maxLength: 40 }), (ws) => {
        extractFields(call([caller(ws.join(' '))], { summary: ws.join(' ') }), EXTRACT_FIELDS);
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('agent turns alone never yield caller fields', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 5 }), (texts) => {
        const out = extractFields(call(texts.map((t) => agent(t))), EXTRACT_FIELDS);
        return Object.keys(out).length === 0;
      }),
      { numRuns: 300 },
    );
  });
});
