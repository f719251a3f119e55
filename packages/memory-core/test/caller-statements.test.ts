import fc from 'fast-check';
import { agentPrompt, callerStatements, informationScore, keyStatements, type Turn } from '../src';

/** The transcript layer: what the caller said, with what the agent had asked. */

const turn = (speaker: Turn['speaker'], text: string): Turn => ({ speaker, text, offsetSecs: null });
const agent = (text: string) => turn('agent', text);
const caller = (text: string) => turn('caller', text);

describe('callerStatements', () => {
  it('keeps what the agent had just asked with the answer', () => {
    const statements = callerStatements([
      agent('Thanks. Which rooms lose heat first?'),
      caller('Mostly the two bedrooms upstairs, and the bathroom.'),
      caller('Also the hall sometimes gets cold at night.'),
    ]);
    expect(statements.map((s) => [s.text, s.asked])).toEqual([
      ['Mostly the two bedrooms upstairs, and the bathroom.', 'Which rooms lose heat first?'],
      ['Also the hall sometimes gets cold at night.', undefined],
    ]);
  });

  it('a short yes or no to a proposal is kept with the proposal; pleasantries are not', () => {
    const statements = callerStatements([
      agent('I can move you to the annual plan at 20 percent off.'),
      caller('Yes please.'),
      agent('Would you like a paper invoice as well?'),
      caller('No thanks.'),
      agent('Anything else?'),
      caller('Okay.'),
    ]);
    expect(statements.map((s) => s.text)).toEqual([
      'Caller agreed: "I can move you to the annual plan at 20 percent off."',
      'Caller declined: "Would you like a paper invoice as well?"',
    ]);
    expect(statements.every((s) => s.quoted === true)).toBe(true);
  });

  it('a yes to "am I speaking with …?" is an identity (the name rules read it), not a statement', () => {
    expect(callerStatements([agent('Hello, am I speaking with Ines Duarte?'), caller('Speaking, yes.')])).toEqual([]);
  });

  it('agentPrompt: the last question, else the last sentence; nothing from a one-word turn', () => {
    expect(agentPrompt('I see. What model is it? Is it the older one?')).toBe('Is it the older one?');
    expect(agentPrompt('Let me check. I have booked an engineer for Friday.')).toBe('I have booked an engineer for Friday.');
    expect(agentPrompt('Okay?')).toBeNull();
  });

  it('never throws and every statement comes from a caller turn', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ speaker: fc.constantFrom('caller', 'agent'), text: fc.string({ maxLength: 120 }) }), { maxLength: 12 }),
        (turns) => {
          const statements = callerStatements(turns.map((t) => turn(t.speaker as Turn['speaker'], t.text)));
          const callerTurns = turns.filter((t) => t.speaker === 'caller').length;
          for (const s of statements) expect(s.turn).toBeLessThan(callerTurns);
        },
      ),
    );
  });
});

describe('keyStatements', () => {
  it('chooses by information, spread over the call: a fact said once in passing is kept', () => {
    const moods = ['grey', 'wet', 'windy', 'cold', 'odd', 'slow', 'busy', 'long'];
    const things = ['week', 'month', 'morning', 'evening', 'weekend', 'spell', 'stretch', 'while'];
    const filler = (i: number) =>
      caller(
        `well it has been quite a ${moods[i % 8]} ${things[Math.floor(i / 8) % 8]} really, you know how it is with everything going on`,
      );
    const turns = [
      ...Array.from({ length: 30 }, (_, i) => filler(i)),
      caller('I take 20 mg of lisinopril every morning.'),
      ...Array.from({ length: 30 }, (_, i) => filler(i + 1)),
    ];
    const key = keyStatements(callerStatements(turns), 4);
    expect(key.map((s) => s.text)).toContain('I take 20 mg of lisinopril every morning.');
  });
});

describe('numbers in words and answers to personal questions tell as much as their written forms', () => {
  it('counts a number said in words like one in digits', () => {
    expect(informationScore('Eighty-five, give or take, twelve of them vegetarian.')).toBeGreaterThanOrEqual(
      informationScore('85, give or take, 12 of them vegetarian.') - 0.01,
    );
    expect(informationScore('Eighty-five, give or take.')).toBeGreaterThan(informationScore('Fine, give or take.'));
    // Ways of speaking are no numbers; "one" is too often a pronoun to count.
    expect(informationScore('yeah two secs let me just find it')).toBe(informationScore('yeah hang on let me just find it'));
    expect(informationScore('ten four, no worries')).toBe(informationScore('roger that, no worries'));
    expect(informationScore("It's the one with the trampoline.")).toBe(informationScore("It's the house with the trampoline."));
  });

  it("credits an answer to the agent's question about a personal fact", () => {
    const answer = 'Yes, penicillin. Came out in a terrible rash, never again.';
    expect(informationScore(answer, "We've got you down as allergic to penicillin. Is that still right?")).toBeGreaterThan(
      informationScore(answer, 'Anything else I can help with?'),
    );
    // Asking the agent to repeat the question tells nothing.
    expect(informationScore('Sorry, can you repeat that?', 'Any allergies we should know about?')).toBe(
      informationScore('Sorry, can you repeat that?'),
    );
    const [statement] = callerStatements([
      { speaker: 'agent', text: 'Any allergies we should know about?', offsetSecs: null },
      { speaker: 'caller', text: 'Yes, penicillin, it brings me out in a rash.', offsetSecs: null },
    ]);
    expect(statement?.information).toBe(
      informationScore('Yes, penicillin, it brings me out in a rash.', 'Any allergies we should know about?'),
    );
  });
});

describe('a change of fact tells more', () => {
  it('a statement that something changed scores above small talk of the same length', () => {
    expect(informationScore('Tuesdays are no good now, can we do Fridays instead?')).toBeGreaterThan(
      informationScore('It has been a long week and the weather is awful.'),
    );
    expect(informationScore('Scrap the three recipes, make it four.')).toBeGreaterThan(informationScore('That sounds good, thank you.'));
  });
});
