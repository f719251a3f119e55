import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot, loadAgentTypes, parseEnvironment } from '@agentic-memory/config';
import { startLocalRuntime } from '@agentic-memory/local';
import { FixedClock } from '@agentic-memory/memory-core';
import { signElevenLabs } from '@agentic-memory/provider-adapters';
import { PlainBm25 } from './bm25';
import { DEV_CASES, HOLDOUT_CASES } from './data/eval-set';
import { PERSONAS, sessionsOf } from './data/multi-session';
import type { PeerConversation } from './data/peer-conversations';
import { elevenLabsPostCall } from './elevenlabs-payload';
import { CATEGORIES, type Category, type EvalAgent, type EvalCallSpec, type EvalCase, type Expected } from './eval-types';
import { containsAny, judgeName } from './matching';

/** Every eval call is in the past of this instant (the runtime's clock during the run). */
export const EVAL_NOW = '2026-12-31T12:00:00Z';

/** The ElevenLabs agents of the eval: two are mapped by `config/environments/local.json`, the technical one is added here. */
export const EVAL_AGENT_IDS: Readonly<Record<EvalAgent, string>> = {
  support: 'agent_01kfixsupport00000000000000',
  sales: 'agent_01kfixsales0000000000000000',
  technical: 'agent_01kevaltechnical000000000000',
};
const AGENT_NUMBER = '+15550199000';

export interface SearchedMemory {
  readonly text: string;
  readonly type: string;
  readonly fallback?: boolean;
}

/** The parts of the product an evaluation talks to, over HTTP as a platform would. */
export interface ProductClient {
  postCall(caseId: string, index: number, agent: EvalAgent, caller: string, call: EvalCallSpec): Promise<void>;
  waitForIngestion(): Promise<void>;
  callStart(agent: EvalAgent, caller: string): Promise<{ name: string; text: string }>;
  search(agent: EvalAgent, caller: string, query: string): Promise<readonly SearchedMemory[]>;
}

/** The repository's own configuration, with the eval's technical-support agent id mapped. */
function evalConfig() {
  const configDir = join(findWorkspaceRoot(), 'config');
  const agentTypes = loadAgentTypes(configDir);
  const raw = JSON.parse(readFileSync(join(configDir, 'environments', 'local.json'), 'utf8')) as {
    agent_map: { providers: { elevenlabs: { ids: Record<string, string> } } };
  };
  raw.agent_map.providers.elevenlabs.ids[EVAL_AGENT_IDS.technical] = 'elevenlabs_technical_support';
  return { agentTypes, environment: parseEnvironment(raw, agentTypes, 'config/environments/local.json (eval)') };
}

/** Starts the local runtime on a fresh data folder and speaks to it over loopback HTTP. */
export async function startProduct(): Promise<{ client: ProductClient; dataDir: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'am-eval-'));
  const clock = new FixedClock(EVAL_NOW);
  const runtime = await startLocalRuntime({ dataDir, port: 0, clock, config: evalConfig(), env: { ...process.env, DATA_DIR: dataDir } });
  const secrets = runtime.secrets?.values ?? {};
  const workspaceKey = secrets.ELEVENLABS_WORKSPACE_KEY ?? '';
  const hmacKey = secrets.ELEVENLABS_HMAC_KEY ?? '';
  const post = async (path: string, body: string, headers: Record<string, string>) => {
    const res = await fetch(`${runtime.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as Record<string, unknown>;
  };
  const client: ProductClient = {
    async postCall(caseId, index, agent, caller, call) {
      const conversationId = `conv_${caseId.replace(/[^A-Za-z0-9]/g, '_')}_${index}`;
      const body = JSON.stringify(
        elevenLabsPostCall(call, { conversationId, agentId: EVAL_AGENT_IDS[agent], caller, agentNumber: AGENT_NUMBER }),
      );
      await post('/v1/elevenlabs/webhook', body, { 'ElevenLabs-Signature': signElevenLabs(body, hmacKey, clock.now() / 1000) });
    },
    async waitForIngestion() {
      const deadline = Date.now() + 600_000;
      for (;;) {
        const depth = await runtime.deps.queueDepth();
        if (depth.dead > 0) throw new Error(`${depth.dead} call(s) dead-lettered: ingestion failed`);
        if (depth.live === 0) return;
        if (Date.now() > deadline) throw new Error(`ingestion did not finish: ${depth.live} message(s) left`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async callStart(agent, caller) {
      const reply = await post(
        '/v1/elevenlabs/conversation-start',
        JSON.stringify({ caller_id: caller, agent_id: EVAL_AGENT_IDS[agent], called_number: AGENT_NUMBER }),
        { 'X-Workspace-Key': workspaceKey },
      );
      const vars = (reply.dynamic_variables ?? {}) as Record<string, unknown>;
      const override = reply.conversation_config_override as
        | { agent?: { first_message?: string; prompt?: { prompt?: string } } }
        | undefined;
      const text = [...Object.values(vars).map(String), override?.agent?.first_message ?? '', override?.agent?.prompt?.prompt ?? ''].join(
        '\n',
      );
      return { name: typeof vars.caller_name === 'string' ? vars.caller_name : '', text };
    },
    async search(agent, caller, query) {
      const answer = await post('/v1/elevenlabs/memory-search', JSON.stringify({ query }), {
        'X-Workspace-Key': workspaceKey,
        'X-Caller-Id': caller,
        'X-Agent-Id': EVAL_AGENT_IDS[agent],
      });
      const memories = (answer.memories ?? []) as SearchedMemory[];
      // A fallback answer (nothing matched: recent memories instead) is never an answer.
      return answer.fallback === true ? memories.map((m) => ({ ...m, fallback: true })) : memories;
    },
  };
  return {
    client,
    dataDir,
    stop: async () => {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Tally {
  passed: number;
  total: number;
}
const tally = (): Tally => ({ passed: 0, total: 0 });
const add = (t: Tally, ok: boolean) => {
  t.total += 1;
  if (ok) t.passed += 1;
};

export interface SetResult {
  readonly cases: number;
  readonly names: { correct: number; wrong: number; missing: number };
  readonly facts: Tally;
  readonly recall: Tally;
  readonly newer: Tally;
  /** Questions the caller never answered that still got a (non-fallback) match. */
  readonly unanswerable: Tally;
  readonly categories: Record<Category, Tally>;
  readonly failures: string[];
}

/** Words before an old value that say it was replaced, and after it. */
const REPLACED_BEFORE =
  /(?:instead of|rather than|from|no longer|not|scrap|scrapped|cancel|cancelled|purchase of|sale of)\s+(?:the\s+|a\s+|an\s+|my\s+|his\s+|her\s+|their\s+|our\s+)?(?:\S+\s+){0,2}$/iu;
const REPLACED_AFTER = /^\S*\s+(?:\S+\s+){0,2}(?:fell through|(?:is|are|was|were) no (?:good|longer)|(?:is|are) gone|to\b|instead\b)/iu;

/** Whether a text mentions none of `was`, or each mention as replaced (a judgement of the eval, independent of the product's rules). */
function onlyAsReplaced(text: string, was: Expected): boolean {
  const values = typeof was === 'string' ? [was] : was;
  const lower = text.toLowerCase();
  for (const value of values) {
    const v = value.toLowerCase();
    for (let at = lower.indexOf(v); at >= 0; at = lower.indexOf(v, at + v.length)) {
      const before = text.slice(Math.max(0, at - 40), at);
      const after = text.slice(at, at + v.length + 40);
      if (!REPLACED_BEFORE.test(before) && !REPLACED_AFTER.test(after)) return false;
    }
  }
  return true;
}

const answers = (found: readonly SearchedMemory[], k: number) => found.filter((m) => m.fallback !== true).slice(0, k);

/** Replays a set of cases and scores them (the figures of issue 18). */
export async function evaluateCases(client: ProductClient, cases: readonly EvalCase[]): Promise<SetResult> {
  for (const c of cases) for (const [i, call] of c.calls.entries()) await client.postCall(c.id, i, c.agent, c.caller, call);
  await client.waitForIngestion();
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, tally()])) as Record<Category, Tally>;
  const result: SetResult = {
    cases: cases.length,
    names: { correct: 0, wrong: 0, missing: 0 },
    facts: tally(),
    recall: tally(),
    newer: tally(),
    unanswerable: tally(),
    categories,
    failures: [],
  };
  for (const c of cases) {
    const category = categories[c.category];
    const start = await client.callStart(c.agent, c.caller);
    const verdict = judgeName(start.name, c.expect.name);
    result.names[verdict] += 1;
    add(category, verdict === 'correct');
    if (verdict !== 'correct')
      result.failures.push(`${c.id}: name ${verdict}: shown "${start.name}", expected ${JSON.stringify(c.expect.name)}`);
    for (const fact of c.expect.facts) {
      const ok = containsAny(start.text, fact);
      add(result.facts, ok);
      add(category, ok);
      if (!ok) result.failures.push(`${c.id}: fact missing from the call-start reply: ${JSON.stringify(fact)}`);
    }
    for (const change of c.expect.changed ?? []) {
      const found = answers(await client.search(c.agent, c.caller, change.q), 3);
      const firstRelevant = found.find((m) => containsAny(m.text, change.now) || containsAny(m.text, change.was));
      // The old value may be said only as what was replaced ("a Picanto instead of the Fiesta",
      // "from three to four", "the Elm Grove purchase fell through"): the newer one is still the current one.
      const searchOk =
        firstRelevant !== undefined && containsAny(firstRelevant.text, change.now) && onlyAsReplaced(firstRelevant.text, change.was);
      const replyOk = containsAny(start.text, change.now) && !containsAny(start.text, change.was);
      if (process.env.EVAL_SHOW_REPLY === '1' && !replyOk) result.failures.push(`${c.id}: call-start reply:\n${start.text}`);
      add(result.newer, searchOk && replyOk);
      add(category, searchOk && replyOk);
      if (!replyOk)
        result.failures.push(
          `${c.id}: call start does not show only the newer value ${JSON.stringify(change.now)} (was ${JSON.stringify(change.was)})`,
        );
      if (!searchOk)
        result.failures.push(
          `${c.id}: search "${change.q}" does not rank the newer value first: ${JSON.stringify(firstRelevant?.text ?? null)}`,
        );
    }
    for (const question of c.questions) {
      const found = await client.search(c.agent, c.caller, question.q);
      if (question.a === null) {
        add(result.unanswerable, answers(found, 3).length === 0);
        continue;
      }
      const expected = question.a;
      const ok = answers(found, 3).some((m) => containsAny(m.text, expected));
      add(result.recall, ok);
      add(category, ok);
      if (!ok)
        result.failures.push(
          `${c.id}: "${question.q}" → no answer in the top 3 (${answers(found, 3)
            .map((m) => JSON.stringify(m.text.slice(0, 80)))
            .join(', ')})`,
        );
    }
  }
  return result;
}

export interface MultiSessionHalf {
  readonly questions: number;
  readonly product: Tally;
  readonly baseline: Tally;
  readonly failures: string[];
}

/** The benchmark's personas are split like the calls: the first half is tuned on, the second only reported. */
export interface MultiSessionResult {
  readonly dev: MultiSessionHalf;
  readonly holdout: MultiSessionHalf;
}

/** The multi-session benchmark: the product's search vs a plain BM25 over the caller's raw turns and the summaries, top 5. */
export async function evaluateMultiSession(client: ProductClient): Promise<MultiSessionResult> {
  const start = Date.parse('2026-01-05T18:00:00Z');
  const all = PERSONAS.map((persona, index) => ({ persona, index, sessions: sessionsOf(persona, index, start) }));
  for (const { persona, sessions } of all) {
    for (const [i, session] of sessions.entries()) {
      await client.postCall(`ms_${persona.caller.slice(-4)}`, i, 'support', persona.caller, {
        at: session.at,
        turns: session.turns,
        summary: session.summary,
      });
    }
  }
  await client.waitForIngestion();
  const half = (): MultiSessionHalf => ({ questions: 0, product: tally(), baseline: tally(), failures: [] });
  const result = { dev: half(), holdout: half() };
  const devPersonas = Math.ceil(PERSONAS.length / 2);
  for (const { persona, index, sessions } of all) {
    const target = index < devPersonas ? result.dev : result.holdout;
    const docs = [
      ...sessions.flatMap((s) => s.turns.filter((t) => t.startsWith('u: ')).map((t) => t.slice(3))),
      ...sessions.map((s) => s.summary),
    ];
    const bm25 = new PlainBm25(docs);
    for (const fact of persona.facts) {
      const baseHit = bm25.search(fact.q, 5).some((d) => containsAny(d, fact.a));
      add(target.baseline, baseHit);
      const found = answers(await client.search('support', persona.caller, fact.q), 5);
      const hit = found.some((m) => containsAny(m.text, fact.a));
      add(target.product, hit);
      if (!hit)
        target.failures.push(
          `${persona.name}: "${fact.q}" (${fact.a.join(' | ')}) → ${found.map((m) => JSON.stringify(m.text.slice(0, 60))).join(', ')}`,
        );
    }
  }
  return {
    dev: { ...result.dev, questions: result.dev.product.total },
    holdout: { ...result.holdout, questions: result.holdout.product.total },
  };
}

export interface PeerResult {
  readonly product: Tally;
  readonly baseline: Tally;
  /** Per question type (single-hop, multi-hop, temporal, paraphrase). */
  readonly byType: Record<string, { product: Tally; baseline: Tally }>;
  readonly failures: string[];
}

/**
 * Peer conversations (LoCoMo-style): each session posted as a call, then every question put to the
 * memory search; the answer must be in the top 5 (fallback never counts), beside a plain BM25 over
 * the caller's raw turns and the summaries.
 */
export async function evaluatePeerConversations(client: ProductClient, conversations: readonly PeerConversation[]): Promise<PeerResult> {
  for (const c of conversations)
    for (const [i, s] of c.sessions.entries()) await client.postCall(`peer_${c.id}`, i, 'support', c.caller, s);
  await client.waitForIngestion();
  const result: PeerResult = { product: tally(), baseline: tally(), byType: {}, failures: [] };
  for (const c of conversations) {
    const bm25 = new PlainBm25([
      ...c.sessions.flatMap((s) => s.turns.filter((t) => t.startsWith('u: ')).map((t) => t.slice(3))),
      ...c.sessions.map((s) => s.summary),
    ]);
    for (const question of c.questions) {
      const type = result.byType[question.type] ?? { product: tally(), baseline: tally() };
      result.byType[question.type] = type;
      const baseHit = bm25.search(question.q, 5).some((d) => containsAny(d, question.a));
      add(result.baseline, baseHit);
      add(type.baseline, baseHit);
      const found = answers(await client.search('support', c.caller, question.q), 5);
      const hit = found.some((m) => containsAny(m.text, question.a));
      add(result.product, hit);
      add(type.product, hit);
      if (!hit)
        result.failures.push(
          `${c.id}: "${question.q}" (${question.a.join(' | ')}) → ${found.map((m) => JSON.stringify(m.text.slice(0, 60))).join(', ')}`,
        );
    }
  }
  return result;
}

export { DEV_CASES, HOLDOUT_CASES };
