import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@agentic-memory/config';
import { BlobKeys } from '@agentic-memory/function-kit';
import { callerKey, FixedClock, type ProfileSnapshot, parseAgentTypes, seedAgentType } from '@agentic-memory/memory-core';
import { signElevenLabs } from '@agentic-memory/provider-adapters';
import { DiskBlobStore, SqliteMemoryStore } from '@agentic-memory/provider-adapters/embedded';
import { Mem0ContractServer } from '@agentic-memory/provider-adapters/testing/mem0';
import { type LocalRuntime, startLocalRuntime } from '../src';
import { backfillSnapshots } from '../src/migration/backfill';
import { formatConfigJson, lineDiff, upsertTopLevelEntry } from '../src/migration/config-json';
/**
 * A seed-style Mem0 project (user ids = phone numbers, facts Mem0 inferred, the seed's metadata)
 * migrated end to end: config generated from the seed's environment, snapshots backfilled
 * (interrupted and resumed), then the seed's own ElevenLabs URLs greet a migrated caller by name
 * without a Mem0 call.
 */
import { MEM0_KEY, migrate, SEED_AGENT, seedMemory } from './migration-support';
import { ROOT } from './run-script';

describe('config JSON as the formatter lays it out', () => {
  it('reproduces every committed environment file byte for byte', () => {
    for (const name of ['local', 'dev', 'staging', 'prod']) {
      const text = readFileSync(join(ROOT, 'config', 'environments', `${name}.json`), 'utf8');
      expect(formatConfigJson(JSON.parse(text))).toBe(text);
    }
  });

  it('sets one entry and leaves every other byte alone (2.0 stays 2.0)', () => {
    const text = readFileSync(join(ROOT, 'config', 'agent-types.json'), 'utf8');
    const after = upsertTopLevelEntry(text, 'x_type', { a: [1, 2], b: { c: 'd' } });
    expect(after.startsWith(text.replace(/\n}\n$/, ''))).toBe(true);
    expect(JSON.parse(after).x_type).toEqual({ a: [1, 2], b: { c: 'd' } });
    expect(upsertTopLevelEntry(after, 'x_type', { a: [3] })).toBe(`${text.replace(/\n}\n$/, '')},\n  "x_type": {\n    "a": [3]\n  }\n}\n`);
    expect(lineDiff('a\nb\nc\n', 'a\nB\nc\n', 'f')).toBe('--- f\n+++ f (migrated)\n@@ line 1 @@\n a\n-b\n+B\n c');
    expect(lineDiff('same\n', 'same\n', 'f')).toBe('');
  });
});

describe('the backfill on the embedded store', () => {
  it('keeps to its rate, stops on abort with its progress saved, and resumes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'am-backfill-'));
    const clock = new FixedClock(Date.parse('2026-11-26T00:00:00.000Z'));
    const store = new SqliteMemoryStore(join(dir, 'memory.db'), clock);
    const blobStore = new DiskBlobStore(join(dir, 'blobs'));
    for (let i = 0; i < 6; i += 1) {
      await store.add(`+1555010020${i}`, [
        {
          id: `n${i}`,
          text: `Name is ${['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay'][i]} Moss`,
          type: 'factual',
          createdAt: '2026-11-01T00:00:00.000Z',
          expiresAt: null,
          metadata: {},
        },
      ]);
    }
    const agentTypes = parseAgentTypes({ migrated: seedAgentType({ searchLimit: 3, agentIds: [] }) });
    const options = {
      store,
      blobStore,
      pepper: 'pepper-backfill-test',
      agentTypes,
      clock,
      statePath: join(dir, 'state.json'),
      pageSize: 4,
    };
    const controller = new AbortController();
    let seen = 0;
    const first = await backfillSnapshots({
      ...options,
      ratePerSecond: 20,
      signal: controller.signal,
      onProgress: ({ done }) => {
        seen = done;
        if (done === 3) controller.abort();
      },
    });
    expect(first).toMatchObject({ users: 3, snapshots: 3, interrupted: true });
    // 1 user page + 3 memory lists at 20/s: at least 3 intervals of 50 ms.
    expect(first.requests).toBe(4);
    expect(first.elapsedMs).toBeGreaterThanOrEqual(140);
    const second = await backfillSnapshots({ ...options, ratePerSecond: 1000 });
    expect(second).toMatchObject({ users: 6, resumed: 3, snapshots: 3, interrupted: false, requests: 2 + 3 });
    expect(seen).toBe(3);
    const blob = await blobStore.get(BlobKeys.snapshot(callerKey('pepper-backfill-test', '+15550100205'), 'migrated'));
    expect((JSON.parse(Buffer.from(blob?.body ?? '').toString('utf8')) as ProfileSnapshot).fields.name).toBe('Fay Moss');
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('migration from a seed deployment', () => {
  let mem0: Mem0ContractServer;
  let mem0Host: string;
  let work: string;
  let configDir: string;
  let dataDir: string;
  let seedEnvFile: string;
  let runtimeEnv: Record<string, string>;

  beforeAll(async () => {
    mem0 = new Mem0ContractServer(MEM0_KEY);
    mem0Host = await mem0.start();
    const seedMeta = (type: string) => ({ type, timestamp: '2026-01-05T10:00:00', retention_until: '2027-01-05T10:00:00' });
    mem0.memories.push(
      seedMemory('+15550100123', 'Name is Maya Okafor', 40, seedMeta('factual')),
      seedMemory('+15550100123', 'Prefers email over phone calls', 40, seedMeta('factual')),
      seedMemory('+15550100123', 'Has a premium account since 2019', 12, seedMeta('factual')),
      seedMemory('+15550100123', 'Router keeps dropping the connection in the evening', 12, { memory_type: 'semantic' }),
      seedMemory('+15550100456', "User's name is Daniel Reyes", 5, seedMeta('factual')),
      seedMemory('+15550100456', 'Asked about upgrading to fibre', 5, {}),
      seedMemory('+15550100789', 'Asked about the billing date', 3, seedMeta('factual')),
      seedMemory('15550100999', 'Name is Ana Lima', 2, seedMeta('factual')),
      seedMemory('test-user-alice', 'Name is Alice Test', 1, {}),
    );
    work = mkdtempSync(join(tmpdir(), 'am-migrate-'));
    configDir = join(work, 'config');
    cpSync(join(ROOT, 'config'), configDir, { recursive: true });
    dataDir = join(work, 'data');
    seedEnvFile = join(work, 'seed.env');
    writeFileSync(
      seedEnvFile,
      [
        '# the seed Lambda environment',
        'MEM0_SEARCH_LIMIT=4',
        `ELEVENLABS_AGENT_ID=${SEED_AGENT}`,
        'ELEVENLABS_WORKSPACE_KEY=ws-seed-secret-value',
        'ELEVENLABS_HMAC_KEY=hmac-seed-secret-value',
        'MEM0_API_KEY=m0-seed-secret-value',
        'MEM0_PROJECT_ID=proj_seed',
      ].join('\n'),
    );
    runtimeEnv = {
      DATA_DIR: dataDir,
      AGENTIC_MEMORY_CONFIG_DIR: configDir,
      MEMORY_STORE: 'mem0',
      MEM0_HOST: mem0Host,
      MEM0_API_KEY: MEM0_KEY,
      ELEVENLABS_WORKSPACE_KEY: 'ws-seed-secret-value',
      ELEVENLABS_HMAC_KEY: 'hmac-seed-secret-value',
    };
  });

  afterAll(async () => {
    await mem0.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('generates the agent type and the agent map from the seed environment, printing a diff and no secret', async () => {
    const before = readFileSync(join(configDir, 'agent-types.json'), 'utf8');
    const dry = await migrate(['config', '--from', seedEnvFile, '--config-dir', configDir, '--env', 'local', '--dry-run'], {});
    expect(dry.status).toBe(0);
    expect(dry.out).toContain('+  "elevenlabs_migrated": {');
    expect(dry.out).toContain('Dry run: 2 file(s) would change');
    expect(readFileSync(join(configDir, 'agent-types.json'), 'utf8')).toBe(before);

    expect(dry.out).toContain('the ElevenLabs default agent type is "elevenlabs_customer_support"');
    // The stock config maps ElevenLabs to another default: overwriting it takes --force.
    const refused = await migrate(['config', '--from', seedEnvFile, '--config-dir', configDir, '--env', 'local'], {});
    expect(refused.status).toBe(1);
    expect(refused.out).toContain('refusing to overwrite without --force');
    expect(readFileSync(join(configDir, 'agent-types.json'), 'utf8')).toBe(before);

    const run = await migrate(['config', '--from', seedEnvFile, '--config-dir', configDir, '--env', 'local', '--force'], {});
    expect(run.status).toBe(0);
    expect(run.out).toContain('MEM0_SEARCH_LIMIT → memory_config.search_limit 4');
    expect(run.out).toMatch(/\n-\s+"default": "elevenlabs_customer_support",\n\+\s+"default": "elevenlabs_migrated",\n/);
    expect(run.out).toMatch(new RegExp(`\\n\\+\\s+"${SEED_AGENT}": "elevenlabs_migrated"\\n`));
    expect(run.out).toContain('ELEVENLABS_HMAC_KEY is set in the seed deployment: put it in the environment');
    expect(run.out).not.toMatch(/secret-value/);
    const types = JSON.parse(readFileSync(join(configDir, 'agent-types.json'), 'utf8'));
    expect(types.elevenlabs_migrated).toMatchObject({
      provider: 'elevenlabs',
      caller_id_mode: 'raw',
      memory_config: { search_limit: 4 },
      webhooks: { conversation_initiation: { endpoint: '/client-data' }, post_call: { endpoint: '/post-call' } },
    });
    // Only the new entry was added: the rest of the file is byte for byte what it was.
    expect(readFileSync(join(configDir, 'agent-types.json'), 'utf8').startsWith(before.replace(/\n}\n$/, ''))).toBe(true);
    const { agentTypes, environment } = loadConfig('local', configDir);
    expect(agentTypes.elevenlabs_migrated?.caller_id_mode).toBe('raw');
    expect(environment.agent_map.providers.elevenlabs?.ids[SEED_AGENT]).toBe('elevenlabs_migrated');
    expect(environment.agent_map.providers.elevenlabs?.default).toBe('elevenlabs_migrated');
  }, 120_000);

  it('is idempotent, and refuses to overwrite different settings without --force', async () => {
    expect((await migrate(['config', '--from', seedEnvFile, '--config-dir', configDir, '--env', 'local'], {})).out).toContain(
      'already migrated',
    );
    const changed = join(work, 'seed-changed.env');
    writeFileSync(changed, `MEM0_SEARCH_LIMIT=6\nELEVENLABS_AGENT_ID=${SEED_AGENT}\n`);
    const before = readFileSync(join(configDir, 'agent-types.json'), 'utf8');
    const refused = await migrate(['config', '--from', changed, '--config-dir', configDir, '--env', 'local'], {});
    expect(refused.status).toBe(1);
    expect(refused.out).toContain('agent type "elevenlabs_migrated" exists with other settings');
    expect(refused.out).toContain('-      "search_limit": 4,');
    expect(readFileSync(join(configDir, 'agent-types.json'), 'utf8')).toBe(before);
    const forced = await migrate(['config', '--from', changed, '--config-dir', configDir, '--env', 'local', '--force'], {});
    expect(forced.status).toBe(0);
    expect(JSON.parse(readFileSync(join(configDir, 'agent-types.json'), 'utf8')).elevenlabs_migrated.memory_config.search_limit).toBe(6);
    expect((await migrate(['config', '--from', seedEnvFile, '--config-dir', configDir, '--env', 'local', '--force'], {})).status).toBe(0);
  }, 120_000);

  it('rejects bad seed settings naming the variable', async () => {
    const bad = join(work, 'bad.env');
    writeFileSync(bad, 'MEM0_SEARCH_LIMIT=lots\n');
    const run = await migrate(['config', '--from', bad, '--config-dir', configDir, '--env', 'local'], {});
    expect(run.status).toBe(1);
    expect(run.out).toContain('MEM0_SEARCH_LIMIT must be an integer from 1 to 100, got "lots"');
  });

  it('a dry run counts what the backfill would write, and writes nothing', async () => {
    const run = await migrate(['backfill', '--dry-run', '--rate', '500'], runtimeEnv);
    expect(run.status).toBe(0);
    expect(run.out).toContain('5 users (0 done by an earlier run), 8 memories read, would write 4 snapshots');
    expect(run.out).toContain('1 user ids are not phone numbers: left alone');
    expect(run.out).toContain('1 users are stored under numbers not in E.164 form');
    expect(existsSync(join(dataDir, 'blobs', 'snapshots'))).toBe(false);
    expect(existsSync(join(dataDir, 'backfill-local.json'))).toBe(false);
  }, 120_000);

  it('backfills snapshots, survives an interruption and resumes where it stopped', async () => {
    const isList = (userId: string) => (r: { path: string; body: unknown }) =>
      r.path === '/v3/memories/' && (r.body as { filters?: { user_id?: string } })?.filters?.user_id === userId;
    // The third caller's memories fail on every attempt: the run stops with the first two done.
    mem0.fail(500, 3, isList('+15550100789'));
    const first = await migrate(['backfill', '--rate', '500'], runtimeEnv);
    expect(first.status).toBe(1);
    expect(first.out).toContain('Progress is saved: run the same command again to resume');
    const secondRun = await migrate(['backfill', '--rate', '500'], runtimeEnv);
    expect(secondRun.status).toBe(0);
    expect(secondRun.out).toContain('5 users (2 done by an earlier run), 2 memories read, wrote 2 snapshots');
    // Maya's memories were listed once, by the first run only.
    expect(mem0.requests.filter(isList('+15550100123')).length).toBe(2); // the dry run and the first run
    const pepper = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).CALLER_ID_PEPPER as string;
    const blob = await new DiskBlobStore(join(dataDir, 'blobs')).get(
      BlobKeys.snapshot(callerKey(pepper, '+15550100123'), 'elevenlabs_migrated'),
    );
    const snapshot = JSON.parse(Buffer.from(blob?.body ?? '').toString('utf8')) as ProfileSnapshot;
    expect(snapshot.fields).toMatchObject({ name: 'Maya Okafor', preferences: 'email over phone calls' });
    expect(snapshot.memoryCount).toBe(4);
    expect(snapshot.topMemories.map((m) => m.text)).toContain('Name is Maya Okafor');
    expect(readFileSync(join(dataDir, 'backfill-local.json'), 'utf8')).not.toMatch(/555010/);
    expect((await migrate(['backfill', '--rate', '500'], runtimeEnv)).out).toContain(
      '5 users (5 done by an earlier run), 0 memories read, wrote 0',
    );
  }, 120_000);

  describe('then the seed URLs serve the migrated callers', () => {
    let runtime: LocalRuntime;

    beforeAll(async () => {
      runtime = await startLocalRuntime({
        dataDir,
        port: 0,
        env: { ...runtimeEnv, POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_METRICS_DISABLED: 'true' },
        config: loadConfig('local', configDir),
      });
    });

    afterAll(async () => {
      await runtime.stop();
    });

    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${runtime.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Workspace-Key': 'ws-seed-secret-value', ...headers },
        body: JSON.stringify(body),
      });

    it('greets a migrated caller by name at /client-data without a Mem0 call', async () => {
      const before = mem0.requests.length;
      const res = await post('/client-data', { caller_id: '+15550100123', agent_id: SEED_AGENT, called_number: '+15550000000' });
      expect(res.status).toBe(200);
      const reply = (await res.json()) as {
        dynamic_variables: Record<string, unknown>;
        conversation_config_override?: { agent?: { first_message?: string } };
      };
      expect(reply.conversation_config_override?.agent?.first_message).toMatch(/^Hello Maya Okafor!/);
      expect(reply.dynamic_variables).toMatchObject({ caller_name: 'Maya Okafor', returning_caller: 'yes', memory_count: 4 });
      expect(mem0.requests.length).toBe(before);
    });

    it('greets a seed caller the backfill has not reached from Mem0, within the deadline', async () => {
      mem0.memories.push(seedMemory('+15550100777', 'Name is Priya Shah', 1, { type: 'factual' }));
      const res = await post('/client-data', { caller_id: '+15550100777', agent_id: SEED_AGENT });
      const reply = (await res.json()) as { conversation_config_override?: { agent?: { first_message?: string } } };
      expect(reply.conversation_config_override?.agent?.first_message).toMatch(/^Hello Priya Shah!/);
    });

    it('finds the seed memories mid-call at /retrieve, under the phone number in Mem0', async () => {
      const res = await post('/retrieve', { query: 'how does she like to be contacted, email?' }, { 'X-Caller-Id': '+15550100123' });
      expect(res.status).toBe(200);
      expect(JSON.stringify(await res.json())).toContain('Prefers email over phone calls');
      const search = mem0.requests.filter((r) => r.path === '/v3/memories/search/').at(-1);
      expect(JSON.stringify((search?.body as { filters?: unknown } | undefined)?.filters)).toContain('+15550100123');
    });

    it('keeps ingesting at /post-call with the seed HMAC, into the same Mem0 user', async () => {
      const body = JSON.stringify({
        type: 'post_call_transcription',
        event_timestamp: Math.floor(Date.now() / 1000),
        data: {
          agent_id: SEED_AGENT,
          conversation_id: 'conv_after_migration',
          status: 'done',
          transcript: [
            { role: 'agent', message: 'Hello Maya Okafor! How can I help?' },
            { role: 'user', message: 'I would like a callback on Friday about my router.' },
          ],
          metadata: { phone_call: { external_number: '+15550100123' } },
          analysis: { transcript_summary: 'Maya Okafor asked for a callback on Friday about her router.' },
        },
      });
      const res = await fetch(`${runtime.url}/post-call`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'ElevenLabs-Signature': signElevenLabs(body, 'hmac-seed-secret-value', Date.now() / 1000),
        },
        body,
      });
      expect(res.status).toBe(200);
      for (let i = 0; i < 200 && !mem0.memories.some((m) => m.run_id === 'conv_after_migration'); i += 1) {
        await new Promise((r) => setTimeout(r, 25));
      }
      const added = mem0.memories.filter((m) => m.run_id === 'conv_after_migration');
      expect(added.length).toBeGreaterThan(0);
      expect(new Set(added.map((m) => m.user_id))).toEqual(new Set(['+15550100123']));
    });
  });
});
