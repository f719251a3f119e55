import { readFixture } from '@agentic-memory/fixtures';
import { seedCall } from '@agentic-memory/fn-ingest-worker';
import {
  fakePort,
  fixtureCall,
  type TestDependencies,
  testContext,
  testDependencies,
  testHttpEvent,
  WORKSPACE_HEADERS,
} from '@agentic-memory/function-kit/testing';
import { FixedClock } from '@agentic-memory/memory-core';
import { createMemorySearchHandler } from '../src/memory-search-handler';

const NOW = Date.parse('2026-10-20T09:00:00Z');
const KEY = WORKSPACE_HEADERS;
type Answer = { count: number; result: string; memories: { text: string; type: string; date: string }[]; error?: string };

describe('memory-search (ElevenLabs) through the Middy stack', () => {
  let deps: TestDependencies;
  beforeEach(async () => {
    deps = testDependencies({ clock: new FixedClock(NOW) });
    await seedCall(deps, 'elevenlabs_customer_support', fixtureCall('post-call-transcription.json'));
    await seedCall(deps, 'elevenlabs_sales_agent', fixtureCall('post-call-transcription-sales.json'));
  });
  afterEach(() => deps.dispose());

  async function search(body: object | string, headers: Record<string, string> = KEY, handler = createMemorySearchHandler(deps)) {
    const res = await handler(
      testHttpEvent({ path: '/retrieve', body: typeof body === 'string' ? body : JSON.stringify(body), headers }),
      testContext('memory-search'),
    );
    return { status: res.statusCode, answer: JSON.parse(res.body ?? '{}') as Answer };
  }

  it('401 without the workspace key', async () => {
    expect((await search({ query: 'x' }, {})).status).toBe(401);
  });

  it('finds the caller’s last issue from the flat fixture body', async () => {
    const { status, answer } = await search(JSON.parse(readFixture('elevenlabs/server-tool-request.json')));
    expect(status).toBe(200);
    expect(answer.memories[0]?.text).toMatch(/router/i);
    expect(answer.result).not.toContain('\n');
  });

  it('reads the wrapped body and the X-Caller-Id header', async () => {
    const wrapped = JSON.parse(readFixture('elevenlabs/server-tool-request-wrapped.json'));
    expect((await search(wrapped)).answer.memories[0]?.text).toMatch(/router/i);
    const viaHeader = await search(
      { query: 'budget' },
      { ...KEY, 'x-caller-id': '+15550100777', 'x-agent-type': 'elevenlabs_sales_agent' },
    );
    expect(viaHeader.answer.memories.some((m) => m.text.includes('$18,000'))).toBe(true);
  });

  it("never returns another caller's memories", async () => {
    const { answer } = await search({ query: 'router wifi firmware technician premium email' }, { ...KEY, 'x-caller-id': '+15550100777' });
    expect(answer.memories.some((m) => /router|firmware|Maya/i.test(m.text))).toBe(false);
    const stranger = await search({ query: 'router' }, { ...KEY, 'x-caller-id': '+15550100999' });
    expect(stranger.answer).toMatchObject({ count: 0, memories: [] });
  });

  it('400 when no caller is named — never a guess', async () => {
    expect(await search({ query: 'router' })).toEqual({ status: 400, answer: { error: 'missing_caller' } });
    expect((await search({ query: 'router' }, { ...KEY, 'x-caller-id': '{{system__caller_id}}' })).status).toBe(400);
  });

  it('degrades to an empty result (200) when the store fails or the body is unreadable', async () => {
    const failing = { ...deps, memoryStore: fakePort(deps.memoryStore, { search: async () => Promise.reject(new Error('down')) }) };
    const res = await search({ query: 'router', user_id: '+15550100123' }, KEY, createMemorySearchHandler(failing));
    expect(res).toMatchObject({ status: 200, answer: { count: 0, memories: [] } });
    expect((await search('{broken')).status).toBe(200);
  });
});
