import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { QueueLambda } from '@agentic-memory/function-kit';
import { apiGatewayEvent } from '@agentic-memory/function-kit';
import { FixedClock, type ReceivedMessage } from '@agentic-memory/memory-core';
import { DiskQueue } from '@agentic-memory/provider-adapters/embedded';
import { ensureLocalSecrets, QueuePoller } from '../src';

const ROOT = join(__dirname, '..', '..', '..');

describe('pnpm demo', () => {
  it('starts a runtime when none answers, ingests the fixture and prints a greeting with the caller’s name', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'am-demo-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'packages', 'local', 'src', 'demo.ts')], {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, PORT: '1', POWERTOOLS_LOG_LEVEL: 'SILENT' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('First message: Hello Maya Okafor!');
      expect(run.stdout).toMatch(/\[\d{4}-\d{2}-\d{2} issue\] Issue \(connectivity\)/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 70_000);
});

describe('API Gateway event shape', () => {
  const base = { method: 'POST', path: '/post-call', query: '', sourceIp: '127.0.0.1', routeKey: 'POST /post-call', now: 0 };

  it('passes JSON as text and lowercases headers', () => {
    const event = apiGatewayEvent({
      ...base,
      headers: { 'Content-Type': 'application/json', 'ElevenLabs-Signature': 't=1,v0=x' },
      body: Buffer.from('{"a":"é"}'),
    });
    expect(event).toMatchObject({
      body: '{"a":"é"}',
      isBase64Encoded: false,
      headers: { 'content-type': 'application/json', 'elevenlabs-signature': 't=1,v0=x' },
    });
  });

  it('base64-encodes binary bodies and text that is not valid UTF-8', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x41]);
    for (const type of ['application/octet-stream', 'application/json']) {
      const event = apiGatewayEvent({ ...base, headers: { 'content-type': type }, body: bytes });
      expect(event.isBase64Encoded).toBe(true);
      expect(Buffer.from(event.body ?? '', 'base64').equals(bytes)).toBe(true);
    }
  });
});

describe('QueuePoller (Lambda event source semantics)', () => {
  it('deletes what the handler processed and leaves reported failures for redelivery', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'am-poller-'));
    const clock = new FixedClock(Date.parse('2026-11-01T00:00:00Z'));
    const queue = new DiskQueue({ path: join(dir, 'q.db'), clock, maxReceives: 3, visibilityTimeoutMs: 60_000, pollIntervalMs: 5 });
    try {
      await queue.send({ body: 'ok', groupId: 'a', deduplicationId: '1' });
      await queue.send({ body: 'fail', groupId: 'b', deduplicationId: '2' });
      const seen: ReceivedMessage[] = [];
      const handler = (async (event: { Records: { messageId: string; body: string; attributes: { MessageGroupId: string } }[] }) => {
        for (const r of event.Records) seen.push({ body: r.body } as ReceivedMessage);
        return { batchItemFailures: event.Records.filter((r) => r.body === 'fail').map((r) => ({ itemIdentifier: r.messageId })) };
      }) as unknown as QueueLambda;
      const poller = new QueuePoller({
        queue,
        handler,
        queueName: 'q.fifo',
        batchSize: 10,
        visibilityTimeoutMs: 60_000,
        timeoutMs: 1000,
        waitMs: 20,
      });
      poller.start();
      while (poller.processedBatches < 1) await new Promise((r) => setTimeout(r, 10));
      await poller.stop();
      expect(seen.map((m) => m.body).sort()).toEqual(['fail', 'ok']);
      expect(queue.depth()).toMatchObject({ live: 1, inFlight: 1 });
      clock.advance(60_001);
      expect((await queue.receive({ max: 10 })).map((m) => [m.body, m.receiveCount])).toEqual([['fail', 2]]);
    } finally {
      queue.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('ensureLocalSecrets', () => {
  it('generates once, keeps the file, and lets the environment win', () => {
    const dir = mkdtempSync(join(tmpdir(), 'am-secrets-'));
    try {
      const first = ensureLocalSecrets(dir, {});
      expect(Object.values(first.sources).every((s) => s === 'generated')).toBe(true);
      const second = ensureLocalSecrets(dir, { ELEVENLABS_HMAC_KEY: 'pasted' });
      expect(second.values.ELEVENLABS_HMAC_KEY).toBe('pasted');
      expect(second.sources.ELEVENLABS_HMAC_KEY).toBe('environment');
      expect(second.values.ELEVENLABS_WORKSPACE_KEY).toBe(first.values.ELEVENLABS_WORKSPACE_KEY);
      expect(second.sources.ELEVENLABS_WORKSPACE_KEY).toBe('file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
