import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath } from '@agentic-memory/fixtures';
import { waitForQueueDrain } from '@agentic-memory/function-kit/testing';
import { callerKey } from '@agentic-memory/memory-core';
import { type LocalRuntime, replayFile, startLocalRuntime } from '../src';

/** The admin API over HTTP on the local runtime. */
const MAYA = '+15550100123';
const DANIEL = '+15550100777';

describe('admin API', () => {
  let runtime: LocalRuntime;
  let dataDir: string;
  const admin = () => ({ 'x-admin-key': runtime.secrets?.values.ADMIN_API_KEY as string });
  const workspace = () => ({
    'x-workspace-key': runtime.secrets?.values.ELEVENLABS_WORKSPACE_KEY as string,
    'content-type': 'application/json',
  });

  async function start(options: { startWorkers?: boolean } = {}) {
    dataDir = mkdtempSync(join(tmpdir(), 'am-admin-'));
    runtime = await startLocalRuntime({ dataDir, port: 0, env: { POWERTOOLS_LOG_LEVEL: 'SILENT' }, ...options });
  }
  async function stop() {
    await runtime.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  async function ingest(...fixtures: string[]) {
    for (const f of fixtures) {
      const r = await replayFile(fixturePath(`elevenlabs/${f}`), {
        baseUrl: runtime.url,
        provider: 'elevenlabs',
        secret: runtime.secrets?.values.ELEVENLABS_HMAC_KEY as string,
      });
      expect(r.status).toBe(200);
    }
    await drained();
  }
  const drained = () => waitForQueueDrain(() => runtime.deps.queueDepth());
  const get = async (path: string, headers: Record<string, string> = admin()) => {
    const res = await fetch(`${runtime.url}${path}`, { headers });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  describe('insights and analytics', () => {
    beforeAll(async () => {
      await start();
      await ingest('post-call-transcription.json', 'post-call-transcription-long.json', 'post-call-transcription-sales.json');
    }, 60_000);
    afterAll(stop);

    it('401 without the admin key, on every route', async () => {
      expect((await get(`/v1/users/${encodeURIComponent(MAYA)}/insights`, {})).status).toBe(401);
      expect((await get('/v1/agents/elevenlabs_customer_support/analytics', { 'x-admin-key': 'nope' })).status).toBe(401);
      expect((await fetch(`${runtime.url}/v1/users/${encodeURIComponent(MAYA)}`, { method: 'DELETE' })).status).toBe(401);
    });

    it('gives a caller’s insights from their memories, keyed, with the number masked', async () => {
      const { status, json } = await get(`/v1/users/${encodeURIComponent(MAYA)}/insights`);
      expect(status).toBe(200);
      expect(json).toMatchObject({
        caller: '***0123',
        caller_key: callerKey(runtime.secrets?.values.CALLER_ID_PEPPER as string, MAYA),
        conversations: 2,
        agent_types: ['elevenlabs_customer_support'],
      });
      expect(json.total_memories).toBeGreaterThan(10);
      expect(json.memory_types).toMatchObject({ factual: expect.any(Number), issue: expect.any(Number) });
      expect((json.top_topics as { topic: string }[]).map((t) => t.topic)).toContain('technical');
      expect(JSON.stringify(json)).not.toContain('5550100123');
    });

    it('answers 400 for a path parameter that is not URL-encoded correctly, on every route', async () => {
      for (const path of ['/v1/agents/%ZZ/analytics', '/v1/users/%E0%A4%A/insights']) {
        expect(await get(path)).toEqual({ status: 400, json: { error: 'malformed_path' } });
      }
      const res = await fetch(`${runtime.url}/v1/users/%2B1%ZZ`, { method: 'DELETE', headers: admin() });
      expect({ status: res.status, json: await res.json() }).toEqual({ status: 400, json: { error: 'malformed_path' } });
      // Authentication still comes first.
      expect((await get('/v1/agents/%ZZ/analytics', {})).status).toBe(401);
    });

    it('rejects a path that is not a phone number', async () => {
      expect(await get('/v1/users/not-a-number/insights')).toMatchObject({ status: 400, json: { error: 'invalid_phone' } });
    });

    it('computes real analytics over a period from the per-conversation records', async () => {
      const support = await get('/v1/agents/elevenlabs_customer_support/analytics?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z');
      expect(support.status).toBe(200);
      expect(support.json).toMatchObject({
        agent_type: 'elevenlabs_customer_support',
        conversations: 2,
        callers: 1,
        returning_caller_rate: 0.5,
      });
      expect((support.json.extracted_fields as { field: string }[]).map((f) => f.field)).toEqual(
        expect.arrayContaining(['name', 'contact_preference']),
      );
      const sales = await get('/v1/agents/elevenlabs_sales_agent/analytics?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z');
      expect(sales.json).toMatchObject({ conversations: 1, callers: 1, returning_caller_rate: 0 });
      expect((sales.json.extracted_fields as { field: string }[]).map((f) => f.field)).toEqual(
        expect.arrayContaining(['budget', 'timeline']),
      );
      const empty = await get('/v1/agents/elevenlabs_sales_agent/analytics?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z');
      expect(empty.json).toMatchObject({ conversations: 0, callers: 0, memories_per_caller: 0 });
      expect((await get('/v1/agents/nobody/analytics')).status).toBe(404);
      for (const query of ['?from=garbage', '?to=garbage', '?to=%ZZ', '?to=+275760-09-13T00:00:00Z', '?from=-271821-04-20T00:00:00Z']) {
        expect({ query, status: (await get(`/v1/agents/elevenlabs_sales_agent/analytics${query}`)).status }).toEqual({
          query,
          status: 400,
        });
      }
    });
  });

  describe('forget-me', () => {
    beforeEach(() => start());
    afterEach(stop);

    it('erases the caller everywhere; the next call start is a stranger and search finds nothing', async () => {
      await ingest('post-call-transcription.json', 'post-call-transcription-sales.json');
      const res = await fetch(`${runtime.url}/v1/users/${encodeURIComponent(MAYA)}`, { method: 'DELETE', headers: admin() });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { deleted: Record<string, number> };
      expect(body.deleted).toMatchObject({ rawPayloads: 1, markers: 1, snapshots: 1, analyticsRecords: 1, conversations: 1 });
      expect(body.deleted.memories).toBeGreaterThan(5);
      const start = await fetch(`${runtime.url}/client-data`, {
        method: 'POST',
        headers: workspace(),
        body: readFileSync(fixturePath('elevenlabs/conversation-initiation-request.json')),
      });
      expect(((await start.json()) as { dynamic_variables: Record<string, unknown> }).dynamic_variables).toMatchObject({
        returning_caller: 'no',
        caller_name: '',
      });
      const search = await fetch(`${runtime.url}/retrieve`, {
        method: 'POST',
        headers: { ...workspace(), 'x-caller-id': MAYA },
        body: JSON.stringify({ query: 'router wifi' }),
      });
      expect(await search.json()).toMatchObject({ count: 0 });
      const key = callerKey(runtime.secrets?.values.CALLER_ID_PEPPER as string, MAYA);
      const left = await runtime.deps.blobStore.list('');
      expect(left.filter((k) => k.includes(key) && !k.startsWith('tombstones/'))).toEqual([]);
      expect(left.filter((k) => k.includes('conv_01kfix0support'))).toEqual([]);
      // Daniel is untouched.
      expect(
        (await runtime.deps.memoryStore.list(callerKey(runtime.secrets?.values.CALLER_ID_PEPPER as string, DANIEL))).memories.length,
      ).toBeGreaterThan(0);
    });

    it('erases events that were stored but never ingested (Retell call_started), from their intake index', async () => {
      const stored = await replayFile(fixturePath('retell/call-started.json'), {
        baseUrl: runtime.url,
        provider: 'retell',
        secret: runtime.secrets?.values.RETELL_API_KEY as string,
      });
      expect(JSON.parse(stored.body)).toEqual({ status: 'stored' });
      expect((await runtime.deps.blobStore.list('raw/retell/')).length).toBe(1);
      const res = await fetch(`${runtime.url}/v1/users/${encodeURIComponent('+15550100888')}`, { method: 'DELETE', headers: admin() });
      expect(((await res.json()) as { deleted: Record<string, number> }).deleted).toMatchObject({ rawPayloads: 1, conversations: 0 });
      const left = await runtime.deps.blobStore.list('');
      expect(left.filter((k) => !k.startsWith('tombstones/'))).toEqual([]);
    });

    it('a forget-me racing a queued call for the same caller leaves nothing behind', async () => {
      await stop();
      await start({ startWorkers: false });
      const intake = await replayFile(fixturePath('elevenlabs/post-call-transcription.json'), {
        baseUrl: runtime.url,
        provider: 'elevenlabs',
        secret: runtime.secrets?.values.ELEVENLABS_HMAC_KEY as string,
      });
      expect(JSON.parse(intake.body)).toEqual({ status: 'queued' });
      const res = await fetch(`${runtime.url}/v1/users/${encodeURIComponent(MAYA)}`, { method: 'DELETE', headers: admin() });
      expect(res.status).toBe(200);
      runtime.startWorkers();
      await drained();
      const key = callerKey(runtime.secrets?.values.CALLER_ID_PEPPER as string, MAYA);
      expect((await runtime.deps.memoryStore.list(key)).memories).toEqual([]);
      const left = await runtime.deps.blobStore.list('');
      expect(left.filter((k) => !k.startsWith('tombstones/') && !k.startsWith('done/'))).toEqual([]);
      // A call that started before the erasure but is delivered after it (a retried webhook) is
      // dropped: the tombstone is compared with the call's start, not with when it arrived.
      await ingest('post-call-transcription-long.json');
      expect((await runtime.deps.memoryStore.list(key)).memories).toEqual([]);
      // A new call from the same number, started after the erasure, is remembered again.
      const later = JSON.parse(readFileSync(fixturePath('elevenlabs/post-call-transcription-long.json'), 'utf8'));
      later.data.conversation_id = 'conv_after_erasure';
      later.data.metadata.start_time_unix_secs = Math.floor(Date.now() / 1000) + 1;
      const file = join(dataDir, 'after-erasure.json');
      writeFileSync(file, JSON.stringify(later));
      const r = await replayFile(file, {
        baseUrl: runtime.url,
        provider: 'elevenlabs',
        secret: runtime.secrets?.values.ELEVENLABS_HMAC_KEY as string,
      });
      expect(r.status).toBe(200);
      await drained();
      expect((await runtime.deps.memoryStore.list(key)).memories.length).toBeGreaterThan(0);
    });
  });
});
