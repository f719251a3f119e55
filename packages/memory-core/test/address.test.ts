import fc from 'fast-check';
import { extractFields, FixedClock } from '../src';
import { withoutSupersededSentences } from '../src/domain/profile-snapshot-builder';
import { addressForms, findAddresses } from '../src/extraction/address';
import { withoutReplaced } from '../src/extraction/replacements';
import { agent, agentType, call, caller, memoriesOfCall, startReplyOf } from './helpers';

describe('findAddresses', () => {
  it.each([
    ['Please send it to 48 Wren Close, Didsbury.', ['48 Wren Close, Didsbury']],
    ['We are at flat 3, 12 Orchard Road, Bristol BS7 8QP.', ['flat 3, 12 Orchard Road, Bristol, BS7 8QP']],
    ['The new place is 7A Marsh Lane in Hebden Bridge.', ['7A Marsh Lane, Hebden Bridge']],
    ['Ship it to 1200 Pine Avenue, Denver 80203.', ['1200 Pine Avenue, Denver, 80203']],
    ['Moramos na Rua do Carmo 41, em Lisboa.', ['Rua do Carmo 41']],
    ['La dirección es Calle de Alcalá, 112.', ['Calle de Alcalá, 112']],
    ['Wir sind in die Lindenstraße 8 gezogen.', ['Lindenstraße 8']],
    ['Ons adres is Prinsengracht 263.', ['Prinsengracht 263']],
    ['It was 5 Mill Road before, now it is 22 Canal Street.', ['5 Mill Road', '22 Canal Street']],
    ['We have moved to Ashgrove Cottage, Scout Road, Mytholmroyd.', ['Ashgrove Cottage, Scout Road, Mytholmroyd']],
    ['It is Holly Farm, Moor Lane, Settle BD24 9AB.', ['Holly Farm, Moor Lane, Settle, BD24 9AB']],
  ])('%s', (text, expected) => {
    expect(findAddresses(text)).toEqual(expected);
  });

  it.each([
    'My dad lives at 9 Cedar Drive, so send the spare key there.',
    'We have 3 Great Danes and 2 cats.',
    'I paid 40 Pounds at the till.',
    'The match is on Channel 4 tonight.',
    'She called Hollowmere Hall to ask about a June wedding.',
    "Hi, it's Jenny Hall, Green Lane surgery.",
    'I rang Companies House, Crown Way, Cardiff.',
    'The party is at Ashwell Village Hall, Station Road, Baldock.',
  ])('no address of the caller in: %s', (text) => {
    expect(findAddresses(text)).toEqual([]);
  });

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => Array.isArray(findAddresses(text))));
  });

  it('names the forms a replaced address is mentioned by later', () => {
    expect(addressForms('14 Elm Grove, Harrogate')).toEqual(['14 Elm Grove, Harrogate', '14 Elm Grove', 'Elm Grove']);
    expect(addressForms('Rua do Carmo 41')).toEqual(['Rua do Carmo 41', 'Rua do Carmo']);
  });
});

describe('the caller’s address as a field', () => {
  const clock = new FixedClock('2026-10-20T00:00:00Z');
  const sales = agentType('elevenlabs_sales_agent');
  /** The wording rules the ingest worker passes to the snapshot builder. */
  const worker = { cut: withoutReplaced, addressForms };
  const ctx = { agentTypeName: 'elevenlabs_sales_agent', agentType: sales, clock };

  it('the latest address the caller says wins; the summary’s last one when the caller said none', () => {
    const turns = [caller('We are at 5 Ferry Road now.'), agent('And the new place?'), caller('It will be 61 Beacon Hill, Halifax.')];
    expect(extractFields(call(turns), ['address']).address).toBe('61 Beacon Hill, Halifax');
    const summary = 'Owen Price called after the sale of 5 Ferry Road fell through. He is now moving to 61 Beacon Hill, Halifax.';
    expect(extractFields(call([caller('Hi, it is Owen.')], { summary }), ['address']).address).toBe('61 Beacon Hill, Halifax');
  });

  it('a moved caller: the call start shows the new address and never the old one, even where a summary mentions it', () => {
    const first = memoriesOfCall(
      ctx,
      'c1',
      '2026-09-01',
      "I'm Owen Price. We're moving to 5 Ferry Road, Hull.",
      'Owen Price booked a removal to 5 Ferry Road, Hull.',
    );
    const second = memoriesOfCall(
      ctx,
      'c2',
      '2026-10-01',
      "The Ferry Road sale fell through. We've bought 61 Beacon Hill in Halifax instead.",
      'Owen Price called because the purchase of 5 Ferry Road fell through. He is now moving to 61 Beacon Hill, Halifax.',
    );
    const stored = [...first, ...second].map((m, i) => ({ ...m, id: `m${i}` }));
    const { snapshot, reply } = startReplyOf(stored, 'elevenlabs_sales_agent', clock, worker);
    expect(snapshot.fields.address).toBe('61 Beacon Hill, Halifax');
    expect(reply).toContain('61 Beacon Hill');
    expect(reply).not.toContain('Ferry Road');
  });

  it('a summary loses only its sentences that mention a replaced value', () => {
    const superseded = { address: ['5 Ferry Road', 'Ferry Road'] };
    expect(withoutSupersededSentences('The Ferry Road sale fell through. He moves to 61 Beacon Hill.', superseded)).toBe(
      'He moves to 61 Beacon Hill.',
    );
    expect(withoutSupersededSentences('He lived at 5 Ferry Road.', superseded)).toBeNull();
    expect(withoutSupersededSentences('Nothing changed.', {})).toBe('Nothing changed.');
  });
});
