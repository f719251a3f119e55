import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROVIDERS, type Provider } from '@agentic-memory/memory-core';
import { hostile, type Json, pathsOf, setAt } from '@agentic-memory/provider-adapters/testing/hostile-json';
import fc from 'fast-check';
import { startLocalRuntime } from '../src';
import { greetedByName, killNineMidIngestion, postCall } from './fault-support';
import { credentialHeaders, post, postCallBody, secretNameFor } from './platform-client';
import { RuntimeProcess } from './runtime-process';
import { useLocalRuntime } from './runtime-support';

/**
 * Faults on the embedded backends (disk queue, disk blobs, SQLite): kill -9 mid-ingestion, poison
 * calls ahead of a caller's next valid call, forget-me seen by another instance's cache.
 */

describe('kill -9 mid-ingestion (pnpm start, embedded)', () => {
  let dataDir: string;
  let runtime: RuntimeProcess;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'am-kill9-'));
    runtime = await RuntimeProcess.start({ DATA_DIR: dataDir });
  }, 90_000);
  afterAll(async () => {
    await runtime?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('loses no acknowledged call: every caller is greeted by name within 60 s of the restart', async () => {
    const report = await killNineMidIngestion(runtime, 80, 60_000);
    process.stdout.write(
      `kill -9 (embedded): ${report.acked} acked, ${report.greetedAtKill}+ ingested and ${report.outstandingAtKill} outstanding at the kill, restart ${report.restartMs} ms, all greeted ${Math.max(...report.greetedAfterMs)} ms after the restart\n`,
    );
    expect(report.acked).toBe(80);
    expect(report.outstandingAtKill).toBeGreaterThan(0);
    expect(report.lost).toEqual([]);
    expect(Math.max(...report.greetedAfterMs)).toBeLessThanOrEqual(60_000);
  }, 240_000);
});

/** Calls that carry the poison of the black-box run, and hostile values in other fields, per platform. */
function poisonBodies(caller: string): { provider: Provider; body: Buffer }[] {
  const out: { provider: Provider; body: Buffer }[] = [];
  const reproducers: Record<Provider, [readonly (string | number)[], Json][]> = {
    elevenlabs: [
      [['data', 'metadata', 'start_time_unix_secs'], 1792000000000000000],
      [['data', 'metadata', 'call_duration_secs'], 1e308],
      [['data', 'transcript', 1, 'role'], { nested: 'object' }],
      [['event_timestamp'], -1e308],
    ],
    vapi: [
      [['message', 'endedAt'], -1e308],
      [['message', 'startedAt'], '2099-01-01T00:00:00Z'],
      [['message', 'artifact', 'messages', 0, 'role'], { role: 'user' }],
    ],
    retell: [
      [['call', 'end_timestamp'], 2 ** 63],
      [['call', 'duration_ms'], 1e308],
      [['call', 'transcript_object', 0, 'role'], ['agent']],
    ],
    generic: [
      [['duration'], 1e308],
      [['created_at'], 'not a date'],
      [['messages', 0, 'role'], { x: 1 }],
    ],
  };
  PROVIDERS.forEach((provider, p) => {
    const base = JSON.parse(postCallBody(provider, { caller, conversationId: `poison_${provider}` }).toString()) as Json;
    for (const [i, [path, value]] of reproducers[provider].entries()) {
      const body = setAt(setAt(base, idPath(provider), `poison_${provider}_${i}`), [...path], value);
      out.push({ provider, body: Buffer.from(JSON.stringify(body)) });
    }
    // And hostile values anywhere else the platform's payload has a field.
    const paths = pathsOf(base).filter((path) => !isCallerOrId(provider, path));
    fc.sample(fc.tuple(fc.nat(), hostile, fc.nat(), hostile), { numRuns: 8, seed: 41 + p }).forEach(([a, va, b, vb], j) => {
      let body = setAt(base, idPath(provider), `poison_${provider}_h${j}`);
      body = setAt(body, paths[a % paths.length] ?? [], va);
      body = setAt(body, paths[b % paths.length] ?? [], vb);
      out.push({ provider, body: Buffer.from(JSON.stringify(body)) });
    });
  });
  return out;
}

function idPath(provider: Provider): string[] {
  return { elevenlabs: ['data', 'conversation_id'], vapi: ['message', 'call', 'id'], retell: ['call', 'call_id'], generic: ['call_id'] }[
    provider
  ];
}

function isCallerOrId(provider: Provider, path: readonly (string | number)[]): boolean {
  const joined = path.join('.');
  return (
    joined === idPath(provider).join('.') ||
    /(^|\.)(customer|from_number|customer_id|phone_call|external_number|caller_id|number)(\.|$)/.test(joined)
  );
}

describe('a poison call ahead of the same caller’s next valid call', () => {
  const local = useLocalRuntime();

  it('does not delay it: the caller is greeted by the new name within 30 s of its ack', async () => {
    const secrets = local.runtime.secrets?.values ?? {};
    const caller = '+15550187001';
    let acked = 0;
    for (const { provider, body } of poisonBodies(caller)) {
      const route = `/v1/${provider}/webhook`;
      const reply = await post(
        `${local.runtime.url}${route}`,
        body,
        credentialHeaders(provider, 'webhook-intake', body, secrets[secretNameFor(provider, 'webhook-intake')] as string),
      );
      expect(reply.status).toBeLessThan(500);
      if (reply.status === 200) acked += 1;
    }
    expect(acked).toBeGreaterThan(30);
    // The valid call: the fixture, renamed so that only it can produce this greeting.
    const valid = Buffer.from(
      JSON.stringify(JSON.parse(postCallBody('elevenlabs', { caller, conversationId: 'valid_after_poison' }).toString())).replaceAll(
        'Maya Okafor',
        'Zofia Nowak',
      ),
    );
    expect(await postCall(local.runtime.url, secrets.ELEVENLABS_HMAC_KEY as string, caller, 'valid_after_poison', valid)).toBe(200);
    const ackedAt = Date.now();
    let greetedMs: number | null = null;
    while (Date.now() - ackedAt < 45_000) {
      if (await greetedByName(local.runtime.url, secrets.ELEVENLABS_WORKSPACE_KEY as string, caller, 'Zofia Nowak')) {
        greetedMs = Date.now() - ackedAt;
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const depth = await local.runtime.deps.queueDepth();
    process.stdout.write(
      `poison: ${acked} poison calls acked, valid call greeted ${greetedMs} ms after its ack; dead letters ${depth.dead}\n`,
    );
    expect(greetedMs).not.toBeNull();
    expect(greetedMs as number).toBeLessThanOrEqual(30_000);
  }, 120_000);
});

describe('forget-me seen by a second instance', () => {
  it('the instance that erased stops greeting at once, another within 5 s', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'am-erase-'));
    const env = { POWERTOOLS_LOG_LEVEL: 'SILENT' };
    const a = await startLocalRuntime({ dataDir, port: 0, env });
    const b = await startLocalRuntime({ dataDir, port: 0, env, startWorkers: false });
    try {
      const secrets = a.secrets?.values ?? {};
      const workspace = secrets.ELEVENLABS_WORKSPACE_KEY as string;
      const caller = '+15550187002';
      expect(await postCall(a.url, secrets.ELEVENLABS_HMAC_KEY as string, caller, 'erase_me')).toBe(200);
      const ingested = Date.now();
      while (!(await greetedByName(a.url, workspace, caller))) {
        if (Date.now() - ingested > 30_000) throw new Error('the call was not ingested');
        await new Promise((r) => setTimeout(r, 100));
      }
      // Both instances have the caller cached.
      while (!(await greetedByName(b.url, workspace, caller))) await new Promise((r) => setTimeout(r, 100));
      const erased = await fetch(`${a.url}/v1/users/${encodeURIComponent(caller)}`, {
        method: 'DELETE',
        headers: { 'X-Admin-Key': secrets.ADMIN_API_KEY as string },
      });
      expect(erased.status).toBe(200);
      const erasedAt = Date.now();
      expect(await greetedByName(a.url, workspace, caller)).toBe(false);
      let lastGreetedMs = 0;
      while (Date.now() - erasedAt < 7_000) {
        if (await greetedByName(b.url, workspace, caller)) lastGreetedMs = Date.now() - erasedAt;
        await new Promise((r) => setTimeout(r, 100));
      }
      process.stdout.write(`forget-me: the other instance last greeted the erased caller ${lastGreetedMs} ms after the erasure\n`);
      expect(lastGreetedMs).toBeLessThanOrEqual(5_000);
      expect(await greetedByName(b.url, workspace, caller)).toBe(false);
    } finally {
      await b.stop();
      await a.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
