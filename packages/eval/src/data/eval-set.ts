/**
 * The evaluation set, kept as data in `packages/eval/data/*.json` (see its README): calls and
 * questions of the quality evaluation, personas of the multi-session benchmark. A turn may be a
 * `{"ramble": [theme, seed, pairs]}` entry standing for generated small talk (`filler.ts`), so a
 * long call stays readable. Read and checked once when the evaluation loads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@agentic-memory/config';
import { CATEGORIES, type EvalCallSpec, type EvalCase, type TurnLine } from '../eval-types';
import { RAMBLE_THEMES, type RambleTheme, ramble } from './filler';
import type { MultiSessionPersona } from './multi-session';

type StoredTurn = TurnLine | { readonly ramble: readonly [RambleTheme, number, number] };

function dataFile(name: string): unknown {
  const file = join(findWorkspaceRoot(), 'packages', 'eval', 'data', name);
  return JSON.parse(readFileSync(file, 'utf8'));
}

function turnsOf(turns: readonly StoredTurn[], where: string): TurnLine[] {
  return turns.flatMap((turn, i) => {
    if (typeof turn === 'string') {
      if (!/^[au]: /.test(turn)) throw new Error(`${where}.turns.${i}: a turn starts with "a: " (agent) or "u: " (caller)`);
      return [turn];
    }
    const [theme, seed, pairs] = turn.ramble;
    if (!RAMBLE_THEMES.includes(theme) || !Number.isInteger(seed) || !Number.isInteger(pairs)) {
      throw new Error(`${where}.turns.${i}: expected {"ramble": [${RAMBLE_THEMES.join('|')}, seed, pairs]}`);
    }
    return ramble(theme, seed, pairs);
  });
}

/** The calls of one data file, small talk expanded; a malformed entry names its place. */
export function loadCases(name: string): EvalCase[] {
  const stored = dataFile(name) as (Omit<EvalCase, 'calls'> & { calls: (Omit<EvalCallSpec, 'turns'> & { turns: StoredTurn[] })[] })[];
  return stored.map((c, i) => {
    const where = `${name}[${i}] ${c.id}`;
    if (!(CATEGORIES as readonly string[]).includes(c.category)) throw new Error(`${where}.category: unknown category ${c.category}`);
    return { ...c, calls: c.calls.map((call, k) => ({ ...call, turns: turnsOf(call.turns, `${where}.calls.${k}`) })) };
  });
}

/** The dev half: rules are tuned on these calls only (five rounds, each written before its rule changes). */
export const DEV_CASES: readonly EvalCase[] = [
  ...loadCases('dev-first.json'),
  ...loadCases('dev-wider.json'),
  ...loadCases('dev-fourth.json'),
  ...loadCases('dev-fifth.json'),
  ...loadCases('dev-sixth.json'),
  ...loadCases('dev-seventh.json'),
  ...loadCases('dev-eighth.json'),
  ...loadCases('dev-ninth.json'),
  ...loadCases('dev-tenth.json'),
  ...loadCases('dev-eleventh.json'),
  ...loadCases('dev-twelfth.json'),
  ...loadCases('dev-thirteenth.json'),
  ...loadCases('dev-fourteenth.json'),
  ...loadCases('dev-fifteenth.json'),
  ...loadCases('dev-sixteenth.json'),
  ...loadCases('dev-seventeenth.json'),
  ...loadCases('dev-eighteenth.json'),
  ...loadCases('dev-nineteenth.json'),
  ...loadCases('dev-twentieth.json'),
  ...loadCases('dev-twentyfirst.json'),
];

/** The holdout half: written with the dev half, before any tuning, and never read while tuning. */
export const HOLDOUT_CASES: readonly EvalCase[] = loadCases('holdout.json');

/** The multi-session benchmark's personas. */
export const PERSONAS: readonly MultiSessionPersona[] = dataFile('multi-session-personas.json') as MultiSessionPersona[];
