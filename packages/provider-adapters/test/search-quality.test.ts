import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '@agentic-memory/fixtures';
import { type AgentTypes, FixedClock, memoriesFromCall, parseAgentTypes, rankMemories } from '@agentic-memory/memory-core';
import { elevenLabsCallRecord, parseElevenLabsPostCall } from '../src';
import { SqliteMemoryStore } from '../src/embedded';

const ROOT = join(__dirname, '..', '..', '..');
const agentTypes: AgentTypes = parseAgentTypes(JSON.parse(readFileSync(join(ROOT, 'config', 'agent-types.json'), 'utf8')));
const clock = new FixedClock('2026-10-20T00:00:00Z');

function ingest(store: SqliteMemoryStore, userId: string, fixture: string, agentTypeName: string) {
  const record = elevenLabsCallRecord(parseElevenLabsPostCall(JSON.parse(readFileSync(fixturePath(`elevenlabs/${fixture}`), 'utf8'))));
  const agentType = agentTypes[agentTypeName];
  if (!agentType) throw new Error(agentTypeName);
  const { memories } = memoriesFromCall(record, { agentTypeName, agentType, clock });
  return store.add(userId, memories);
}

describe('search quality over the shared fixtures (SQLite + memory-core ranking)', () => {
  let dir: string;
  let store: SqliteMemoryStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'am-quality-'));
    store = new SqliteMemoryStore(join(dir, 'memory.db'), clock);
    await ingest(store, 'maya', 'post-call-transcription.json', 'elevenlabs_customer_support');
    await ingest(store, 'maya', 'post-call-transcription-long.json', 'elevenlabs_customer_support');
    await ingest(store, 'daniel', 'post-call-transcription-sales.json', 'elevenlabs_sales_agent');
  });
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function ask(userId: string, question: string, agentTypeName: string, limit = 3) {
    const agentType = agentTypes[agentTypeName];
    if (!agentType) throw new Error(agentTypeName);
    const candidates = await store.search({ userId, text: question, limit: limit * 4, threshold: agentType.search_threshold });
    return rankMemories(
      candidates,
      {
        searchWeights: agentType.memory_config.search_weights,
        priorityFields: agentType.memory_config.priority_fields,
        limit,
        threshold: agentType.search_threshold,
      },
      clock.now(),
    ).map((m) => m.text);
  }

  it.each([
    ['support', 'maya', 'elevenlabs_customer_support', "what was the caller's last technical issue", /router|wifi/i],
    ['support', 'maya', 'elevenlabs_customer_support', 'what was wrong with her router?', /router/i],
    ['support', 'maya', 'elevenlabs_customer_support', 'how does she want to be contacted?', /email/i],
    ['support', 'maya', 'elevenlabs_customer_support', 'is she a premium customer?', /premium/i],
    ['support', 'maya', 'elevenlabs_customer_support', 'did we send a technician?', /technician/i],
    ['support', 'maya', 'elevenlabs_customer_support', 'what firmware fix did we try', /firmware/i],
    ['sales', 'daniel', 'elevenlabs_sales_agent', "what's his budget?", /\$18,000/],
    ['sales', 'daniel', 'elevenlabs_sales_agent', 'when does he need it installed?', /3 months?/],
    ['sales', 'daniel', 'elevenlabs_sales_agent', 'what is he interested in buying', /solar/i],
    ['sales', 'daniel', 'elevenlabs_sales_agent', 'what objections did he raise?', /payback/i],
    ['sales', 'daniel', 'elevenlabs_sales_agent', 'who makes the decision on financing', /wife/i],
  ])('%s caller (%s, %s): %j finds %s in the top 3', async (_role, caller, agentType, question, expected) => {
    const answers = await ask(caller, question, agentType);
    expect(answers.some((a) => expected.test(a))).toBe(true);
  });

  it("never returns another caller's memories", async () => {
    expect(await ask('daniel', 'router wifi technician firmware premium email', 'elevenlabs_sales_agent', 10)).toEqual(
      expect.not.arrayContaining([expect.stringMatching(/router|firmware/i)]),
    );
    expect(await ask('stranger', 'budget router', 'elevenlabs_sales_agent')).toEqual([]);
  });
});
