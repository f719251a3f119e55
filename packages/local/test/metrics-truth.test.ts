import { readFileSync } from 'node:fs';
import { fixturePath } from '@agentic-memory/fixtures';
import {
  captureMetrics,
  DETAILED_DIMENSIONS,
  METRIC_NAMESPACE,
  METRICS,
  type MetricName,
  REJECTION_REASONS,
  ROLLUP_DIMENSIONS,
} from '@agentic-memory/function-kit';
import { waitForQueueDrain } from '@agentic-memory/function-kit/testing';
import { replayFile, signatureHeaders } from '../src';
import { useLocalRuntime } from './runtime-support';

/** Every metric the handlers really emit (their EMF lines) matches the catalogue: name, unit, dimension sets, bounded values. */

interface Emf {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

describe('the EMF the handlers emit matches the metric catalogue', () => {
  const lines: string[] = [];
  const local = useLocalRuntime();

  beforeAll(async () => {
    captureMetrics((line) => lines.push(line));
    const { runtime } = local;
    const s = runtime.secrets?.values ?? {};
    const el = (f: string) =>
      replayFile(fixturePath(`elevenlabs/${f}`), {
        baseUrl: runtime.url,
        provider: 'elevenlabs',
        secret: s.ELEVENLABS_HMAC_KEY as string,
      });
    await el('post-call-transcription.json');
    await el('post-call-audio.json');
    await el('call-initiation-failure.json');
    await replayFile(fixturePath('retell/call-started.json'), {
      baseUrl: runtime.url,
      provider: 'retell',
      secret: s.RETELL_API_KEY as string,
    });
    await replayFile(fixturePath('vapi/end-of-call-report.json'), {
      baseUrl: runtime.url,
      provider: 'vapi',
      secret: s.VAPI_SECRET as string,
    });
    const webCall = Buffer.from(
      JSON.stringify({
        type: 'post_call_transcription',
        event_timestamp: 1,
        data: { conversation_id: 'conv_web_metrics', transcript: [] },
      }),
    );
    await fetch(`${runtime.url}/post-call`, {
      method: 'POST',
      body: webCall,
      headers: {
        'content-type': 'application/json',
        ...signatureHeaders('elevenlabs', webCall, s.ELEVENLABS_HMAC_KEY as string, Date.now()),
      },
    });
    await waitForQueueDrain(() => runtime.deps.queueDepth());
    const ws = { 'content-type': 'application/json', 'x-workspace-key': s.ELEVENLABS_WORKSPACE_KEY as string };
    const request = readFileSync(fixturePath('elevenlabs/conversation-initiation-request.json'));
    await fetch(`${runtime.url}/client-data`, { method: 'POST', headers: ws, body: request });
    await fetch(`${runtime.url}/client-data`, { method: 'POST', headers: ws, body: request });
    await fetch(`${runtime.url}/client-data`, {
      method: 'POST',
      headers: { ...ws, 'x-agent-type': 'nonexistent' },
      body: JSON.stringify({ caller_id: '+15550100999' }),
    });
    await fetch(`${runtime.url}/retrieve`, {
      method: 'POST',
      headers: { ...ws, 'x-caller-id': '+15550100123' },
      body: JSON.stringify({ query: 'router' }),
    });
    await fetch(`${runtime.url}/retrieve`, { method: 'POST', headers: ws, body: JSON.stringify({ query: 'router' }) });
    await fetch(`${runtime.url}/client-data`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: request });
    // Malformed JSON at call start: a degraded 200, never a failed call.
    await fetch(`${runtime.url}/client-data`, { method: 'POST', headers: ws, body: '{"caller_id": ' });
    await fetch(`${runtime.url}/post-call`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'elevenlabs-signature': 't=1,v0=00' },
      body: '{}',
    });
    await fetch(`${runtime.url}/v1/users/%2B15550100123/insights`, { headers: { 'x-admin-key': s.ADMIN_API_KEY as string } });
    await fetch(`${runtime.url}/v1/users/%2B15550100123`, { method: 'DELETE', headers: { 'x-admin-key': s.ADMIN_API_KEY as string } });
  }, 60_000);

  const blobs = () => lines.map((l) => JSON.parse(l) as Emf);

  it('emits only catalogued metrics, with their catalogued units, in the AgenticMemory namespace', () => {
    expect(lines.length).toBeGreaterThan(10);
    for (const emf of blobs()) {
      for (const directive of emf._aws.CloudWatchMetrics) {
        expect(directive.Namespace).toBe(METRIC_NAMESPACE);
        for (const m of directive.Metrics) {
          expect(Object.keys(METRICS)).toContain(m.Name);
          expect(m.Unit).toBe(METRICS[m.Name as MetricName].unit);
        }
      }
    }
  });

  it('uses exactly the detailed set (plus a declared extra dimension) and the {environment, role} rollup', () => {
    for (const emf of blobs()) {
      for (const directive of emf._aws.CloudWatchMetrics) {
        const extra = directive.Metrics.map((m) => (METRICS[m.Name as MetricName] as { extraDimension?: string }).extraDimension).find(
          Boolean,
        );
        const detailed = [...DETAILED_DIMENSIONS, ...(extra ? [extra] : [])].sort();
        expect(directive.Dimensions.map((d) => [...d].sort())).toEqual([detailed, [...ROLLUP_DIMENSIONS].sort()]);
      }
    }
  });

  it('keeps dimension values bounded: known roles, agent types, providers, reasons — never a caller or conversation', () => {
    const roles = new Set<string>(Object.values(METRICS).flatMap((m) => m.roles));
    for (const emf of blobs()) {
      expect(emf.service).toBe('agentic-memory');
      expect(emf.environment).toBe('local');
      expect(roles.has(emf.role as string)).toBe(true);
      expect(['none', ...Object.keys(local.runtime.deps.agentTypes)]).toContain(emf.agent_type);
      expect(['none', 'elevenlabs', 'vapi', 'retell', 'generic']).toContain(emf.provider);
      if ('reason' in emf) expect(REJECTION_REASONS).toContain(emf.reason);
      for (const name of [...DETAILED_DIMENSIONS, 'reason']) expect(String(emf[name] ?? '')).not.toMatch(/[0-9a-f]{32}|\d{7}|conv_/);
    }
  });

  it('emits each metric only from the roles the catalogue names', () => {
    for (const emf of blobs()) {
      for (const m of emf._aws.CloudWatchMetrics[0]?.Metrics ?? []) expect(METRICS[m.Name as MetricName].roles).toContain(emf.role);
    }
  });

  it('covered the call path, ingestion and the admin API in this run', () => {
    const seen = new Set(blobs().flatMap((e) => e._aws.CloudWatchMetrics.flatMap((d) => d.Metrics.map((m) => m.Name))));
    for (const name of [
      'ResponseLatency',
      'SnapshotHit',
      'SnapshotMiss',
      'CacheHit',
      'CacheMiss',
      'RejectedWebhook',
      'AudioStored',
      'InitiationFailure',
      'EventQueued',
      'MemoriesWritten',
      'IngestLag',
      'MemoryStoreLatency',
      'CallWithoutCaller',
      'AgentTypeFallback',
      'CallerErased',
      'RecordsReceived',
      'DegradedReply',
      'IgnoredEvent',
    ]) {
      expect(seen).toContain(name);
    }
  });

  it('publishes the metrics of every answered request, rejected and degraded ones included', () => {
    const callStart = blobs().filter((e) => e.role === 'conversation-start');
    const latencies = callStart.flatMap((e) => ('ResponseLatency' in e ? [e.ResponseLatency].flat() : []));
    // Five POSTs to /client-data: two served, an agent-type fallback, a 401, a degraded 200.
    expect(latencies.length).toBe(5);
    const rejected = callStart.filter((e) => 'RejectedWebhook' in e);
    expect(rejected.map((e) => e.reason)).toEqual(['unauthorized']);
    expect(callStart.some((e) => 'DegradedReply' in e)).toBe(true);
  });
});
