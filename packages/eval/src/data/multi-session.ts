import type { TurnLine } from '../eval-types';
import { pick, ramble, seeded } from './filler';

export { PERSONAS } from './eval-set';

/**
 * A synthetic multi-session benchmark in the style of the public conversational-memory sets:
 * ten long relationships of many sessions each, one speaker the caller, the other the agent (who
 * shares things of its own, which are never the caller's), each session a call with a summary.
 * Questions ask about what the caller said, worded as a person would ask later — often not with
 * the caller's words. Everything is invented.
 */

export interface MultiSessionFact {
  /** What the caller says (one turn). */
  readonly said: string;
  /** A later question about it. */
  readonly q: string;
  /** What a result must contain to answer it (any of). */
  readonly a: readonly string[];
  /** How the session summary puts it, when the summary mentions it. */
  readonly note?: string;
}

export interface MultiSessionPersona {
  readonly caller: string;
  readonly name: string;
  readonly theme: 'move' | 'smarthome' | 'family';
  readonly sessions: number;
  readonly facts: readonly MultiSessionFact[];
  /** What the agent says about itself: distractors that are never the caller's. */
  readonly agentTalk: readonly string[];
}

export interface BenchmarkSession {
  readonly at: string;
  readonly turns: readonly TurnLine[];
  readonly summary: string;
}

const OPENERS = [
  'Hi, it is me again, just calling to check in.',
  'Hello! I had a few minutes so I thought I would call.',
  'Hey, sorry it has been a while.',
  'Hi there, quick call today, I am on my lunch break.',
  'Morning! Lots has happened since we last spoke.',
];

/**
 * The sessions of one persona: every session rambles on the persona's theme; the facts are spread
 * over the sessions, one turn each; the agent adds talk of its own. Sessions are two weeks apart.
 */
export function sessionsOf(persona: MultiSessionPersona, index: number, start = Date.parse('2025-01-06T18:00:00Z')): BenchmarkSession[] {
  const rng = seeded(1000 + index);
  const factAt = new Map<number, MultiSessionFact[]>();
  persona.facts.forEach((fact, i) => {
    const session = Math.min(persona.sessions - 1, Math.floor(((i + 0.5) * persona.sessions) / persona.facts.length));
    factAt.set(session, [...(factAt.get(session) ?? []), fact]);
  });
  const sessions: BenchmarkSession[] = [];
  for (let s = 0; s < persona.sessions; s += 1) {
    const turns: TurnLine[] = ['a: Hello, Companion Line, lovely to hear from you.', `u: ${pick(rng, OPENERS)}`];
    const talk = ramble(persona.theme, 5000 + index * 100 + s, 6 + Math.floor(rng() * 6));
    const facts = factAt.get(s) ?? [];
    const insertAt = facts.map(() => 2 * Math.floor(rng() * (talk.length / 2)));
    talk.forEach((line, i) => {
      turns.push(line);
      facts.forEach((fact, f) => {
        if (insertAt[f] === i) turns.push('a: Oh? Tell me more.', `u: ${fact.said}`);
      });
      if (i === 4 && rng() < 0.6) turns.push(`a: ${pick(rng, persona.agentTalk)}`, 'u: Ha, is that right.');
    });
    turns.push('a: It was lovely talking to you. Speak soon!', 'u: Bye for now.');
    const notes = facts.map((f) => f.note).filter((n): n is string => n !== undefined);
    const summary = `${persona.name} called for a catch-up and talked about everyday life.${notes.length > 0 ? ` ${notes.join(' ')}` : ''}`;
    sessions.push({ at: new Date(start + s * 14 * 86_400_000).toISOString(), turns, summary });
  }
  return sessions;
}
