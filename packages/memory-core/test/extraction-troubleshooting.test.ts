import fc from 'fast-check';
import { extractFields, resolutionSteps, satisfaction, technicalDetails } from '../src';
import { call, caller } from './helpers';

/** The brief's satisfaction (customer support) and technical details / steps taken (technical support). */
describe('satisfaction', () => {
  it('is how the caller left the call: the last sentence that says so', () => {
    expect(satisfaction(["I'm so frustrated, this is the third time.", 'Oh that worked, thank you so much!'])).toBe('satisfied');
    expect(satisfaction(['Thanks so much for picking up.', 'It still does not work and this is ridiculous.'])).toBe('dissatisfied');
    expect(satisfaction(['My router drops every evening.'])).toBeNull();
  });

  it('reads the summary when the caller said nothing telling', () => {
    expect(extractFields(call([caller('Hi.')], { summary: 'The customer was frustrated by repeated outages.' }), ['satisfaction'])).toEqual(
      {
        satisfaction: 'dissatisfied',
      },
    );
  });

  it('takes a structured result first', () => {
    expect(extractFields(call([caller('This is useless.')], { dataCollection: { csat: 'satisfied' } }), ['satisfaction'])).toEqual({
      satisfaction: 'satisfied',
    });
  });
});

describe('technical details and steps already taken', () => {
  it('collects error codes, systems, models, firmware and status lights, in order, without repeats', () => {
    expect(technicalDetails(['It shows error 651 on Windows 11 and a blinking red light.', 'Error 651 again.'])).toBe(
      'error 651, Windows 11, blinking red light',
    );
    expect(technicalDetails(['I have model RX-3000 with firmware v2.1.4'])).toBe('model RX-3000, firmware v2.1.4');
    expect(technicalDetails(['error code DNS_PROBE-404 on macOS 14'])).toBe('error DNS_PROBE-404, macOS 14');
    expect(technicalDetails(['It is slow.'])).toBeNull();
  });

  it('reads the steps the caller took, chained in one sentence, else the summary’s', () => {
    expect(resolutionSteps(['I already restarted my router and reset the modem, but it still drops.'], [])).toBe(
      'restarted the router; reset the modem',
    );
    expect(resolutionSteps(['Hi.'], ['The agent power-cycled the modem and updated the firmware, which fixed it.'])).toBe(
      'power-cycled the modem; updated the firmware',
    );
    // The agent's suggestions are not steps the caller took.
    expect(resolutionSteps(['Should I reset it?'], [])).toBeNull();
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 200 }), { maxLength: 5 }), (texts) => {
        satisfaction(texts);
        technicalDetails(texts);
        resolutionSteps(texts, texts);
      }),
    );
  });
});
