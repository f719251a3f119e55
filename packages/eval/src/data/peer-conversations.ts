/**
 * Peer conversations in the style of the public multi-session benchmarks (LoCoMo): two people
 * chatting over many sessions about their own lives — not small talk around a few planted facts —
 * replayed as calls (speaker A the caller, B the agent, each session a call with its summary).
 * Questions ask about what A said, some in A's words, some not. Read from
 * `packages/eval/data/peer-conversations.json`; a malformed entry names its place, and every
 * answer must be said by A (an answer only B or a summary gives would measure nothing).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@agentic-memory/config';
import type { TurnLine } from '../eval-types';

export interface PeerQuestion {
  readonly q: string;
  readonly a: readonly string[];
  readonly type: 'single-hop' | 'multi-hop' | 'temporal' | 'paraphrase';
}

export interface PeerSession {
  readonly at: string;
  readonly turns: readonly TurnLine[];
  readonly summary: string;
}

export interface PeerConversation {
  readonly id: string;
  readonly caller: string;
  readonly callerName: string;
  readonly otherName: string;
  readonly sessions: readonly PeerSession[];
  readonly questions: readonly PeerQuestion[];
}

const TYPES = ['single-hop', 'multi-hop', 'temporal', 'paraphrase'];

/** Checks one conversation; throws naming the place of the first problem. */
export function checkConversation(c: PeerConversation, where: string): PeerConversation {
  if (!/^\+\d{8,15}$/.test(c.caller)) throw new Error(`${where}.caller: expected an E.164 number`);
  if (!Array.isArray(c.sessions) || c.sessions.length === 0) throw new Error(`${where}.sessions: expected at least one session`);
  c.sessions.forEach((s, i) => {
    if (Number.isNaN(Date.parse(s.at))) throw new Error(`${where}.sessions.${i}.at: not a date`);
    s.turns.forEach((t: string, k: number) => {
      if (!/^[au]: /.test(t)) throw new Error(`${where}.sessions.${i}.turns.${k}: a turn starts with "u: " (A) or "a: " (B)`);
    });
  });
  const said = c.sessions
    .flatMap((s) => s.turns.filter((t: string) => t.startsWith('u: ')))
    .join('\n')
    .toLowerCase();
  c.questions.forEach((q, i) => {
    if (!TYPES.includes(q.type)) throw new Error(`${where}.questions.${i}.type: one of ${TYPES.join(', ')}`);
    if (q.a.length === 0 || !q.a.some((a) => said.includes(a.toLowerCase())))
      throw new Error(`${where}.questions.${i}: no answer of ${JSON.stringify(q.a)} is said by ${c.callerName}`);
  });
  return c;
}

/** The peer conversations of the evaluation set. */
/** The peer-conversation sets, each written by another engineer who read none of the rules. */
export const PEER_FILES = ['peer-conversations.json', 'peer-conversations-2.json', 'peer-conversations-3.json'] as const;

export function loadPeerConversations(name = 'peer-conversations.json'): PeerConversation[] {
  const file = join(findWorkspaceRoot(), 'packages', 'eval', 'data', name);
  const stored = JSON.parse(readFileSync(file, 'utf8')) as PeerConversation[];
  return stored.map((c, i) => checkConversation(c, `${name}[${i}] ${c.id}`));
}
