import fc from 'fast-check';
import { extractFields, FixedClock } from '../src';
import { findReference, referenceOfCall } from '../src/extraction/reference';
import { agent, agentType, call, caller, memoriesOfCall, startReplyOf } from './helpers';

describe('findReference', () => {
  it.each([
    ['My membership number is FH-204-3381.', 'FH-204-3381'],
    ["It's on my account, account number 55120934.", '55120934'],
    ['The policy number is PL 448 201, I think.', 'PL 448 201'],
    ['Oh, and my frequent renter number, it is SKY 77 20 41.', 'SKY 77 20 41'],
    ['Moment... die Kundennummer ist 7731 0496.', '7731 0496'],
    ['Mon numéro de client est 88 41 207.', '88 41 207'],
    ['Mi número de cliente es 4471-22.', '4471-22'],
    ["My customer number's 4471 2093.", '4471 2093'],
  ])('%s', (text, expected) => {
    expect(findReference(text)).toBe(expected);
  });

  it.each([
    'You can ring me on 07700 900123.',
    'My mobile number is 0161 496 0011.',
    'The account was opened in 2019.',
    "I've had the account for 12 years.",
    'We paid 1,250 pounds for the booking.',
    'The postcode is LS14 2EJ.',
    'The booking is for the 14th at 8.30.',
    'My reference is my mum, she knows me best.',
    // A booking, order, case or quote reference belongs to one call, not to the caller.
    'Booking reference GLA-58213, under my name.',
    'The order number was 1109-4471-02 on the email.',
    'The case reference is CR-55812.',
    // Words, amounts, years and someone else's.
    'I want to renew my policy for 2025.',
    'The reservation is for 120 guests now.',
    'I need to order 1500 bricks for the account.',
    'In any case 2500 is too much for the account.',
    "My husband's account number is 7731 0496.",
    'my customer id is ab 4471',
  ])('no reference in: %s', (text) => {
    expect(findReference(text)).toBeNull();
  });

  it('never throws and returns a code with three digits or more, or null', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        const found = findReference(`account number ${text}`);
        expect(found === null || (found.replace(/\D/g, '').length >= 3 && found.length >= 4)).toBe(true);
      }),
    );
  });
});

describe('referenceOfCall', () => {
  it('reads a bare answer to the agent asking for a reference', () => {
    const turns = [agent('Can I take your membership number?'), caller('FH-204-3381.'), agent('Thanks, Katrin.')];
    expect(referenceOfCall(turns)).toBe('FH-204-3381');
  });

  it('reads the sentence of an answer that is the code', () => {
    const turns = [
      agent('Have you got the account number? It is on the top of your bill.'),
      caller("Hang on, the bill's under the fruit bowl... right, here it is. EN-4471-2093."),
    ];
    expect(referenceOfCall(turns)).toBe('EN-4471-2093');
  });

  it('reads an account number the agent gives the caller, and keeps the latest', () => {
    const turns = [
      caller('My old account number was AC-11111.'),
      agent('Your new account number is AC-58213. We will text it to you.'),
      caller('Perfect, cheers.'),
    ];
    expect(referenceOfCall(turns)).toBe('AC-58213');
    // A case or booking reference the agent gives does not replace the caller's membership number.
    expect(
      referenceOfCall([caller('My membership number is FH-204-3381.'), agent('Your case reference is CR-55812.'), caller('Thanks.')]),
    ).toBe('FH-204-3381');
  });

  it('does not take an answer to a question about a phone number, or a long answer', () => {
    expect(referenceOfCall([agent('What is the best number to call you back on?'), caller('07700 900 456.')])).toBeNull();
    expect(
      referenceOfCall([
        agent('Do you have your account number?'),
        caller('No, sorry, I left it at home, but it was something like 20 on the letter.'),
      ]),
    ).toBeNull();
  });
});

describe('account number field', () => {
  const clock = new FixedClock(Date.parse('2026-10-20T10:00:00Z'));

  it('is extracted from the call, else from the summary', () => {
    const said = call([agent('Could I take your policy number, please?'), caller('Yes, PL-448201.')], {
      summary: 'Anna Berg asked about her claim.',
    });
    expect(extractFields(said, ['account_number']).account_number).toBe('PL-448201');
    const summarised = call([caller('Hi, it is about my freeze.')], {
      summary: 'Katrin Vollmer (membership FH-204-3381) asked to freeze it.',
    });
    expect(extractFields(summarised, ['account_number']).account_number).toBe('FH-204-3381');
  });

  it('shows at the next call start', () => {
    const ctx = { agentTypeName: 'elevenlabs_customer_support', agentType: agentType('elevenlabs_customer_support'), clock };
    const stored = memoriesOfCall(
      ctx,
      'c1',
      '2026-10-01',
      'Hi, my customer number is 7731 0496 and the router keeps dropping.',
      'The caller reported the router dropping.',
    ).map((m, i) => ({ ...m, id: `m${i}` }));
    expect(stored.some((m) => m.metadata.account_number === '7731 0496')).toBe(true);
    expect(startReplyOf(stored, 'elevenlabs_customer_support', clock).reply).toContain('7731 0496');
  });
});
