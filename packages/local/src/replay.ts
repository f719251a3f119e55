import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { percentile } from '@agentic-memory/memory-core';
import { signElevenLabs, signRetell, signVapi } from '@agentic-memory/provider-adapters';

export type ReplayProvider = 'elevenlabs' | 'vapi' | 'retell' | 'generic';

export const REPLAY_PROVIDERS: readonly ReplayProvider[] = ['elevenlabs', 'vapi', 'retell', 'generic'];

/** The secret each platform signs (or authenticates) with. */
export const REPLAY_SECRET_NAMES: Readonly<Record<ReplayProvider, string>> = {
  elevenlabs: 'ELEVENLABS_HMAC_KEY',
  vapi: 'VAPI_SECRET',
  retell: 'RETELL_API_KEY',
  generic: 'GENERIC_API_KEY',
};

export interface ReplayOptions {
  readonly baseUrl: string;
  readonly provider: ReplayProvider;
  /** Path on the base URL; default: the provider's post-call webhook. */
  readonly path?: string;
  /** The platform's signing secret (ElevenLabs: the webhook's HMAC secret; Vapi: the HMAC credential; Retell: the webhook API key; generic: the API key). */
  readonly secret: string;
  /** Extra request headers (e.g. `X-Workspace-Key` when replaying to /client-data). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly concurrency?: number;
  /** Clock for signature timestamps. */
  readonly now?: () => number;
}

export interface ReplayResult {
  readonly file: string;
  readonly status: number;
  readonly ms: number;
  readonly bytes: number;
  readonly body: string;
}

const DEFAULT_PATHS: Readonly<Record<ReplayProvider, string>> = {
  elevenlabs: '/v1/elevenlabs/webhook',
  vapi: '/v1/vapi/webhook',
  retell: '/v1/retell/webhook',
  generic: '/v1/generic/webhook',
};

/** The signature header(s) a platform would send for this exact body. */
export function signatureHeaders(provider: ReplayProvider, body: Uint8Array, secret: string, nowMs: number): Record<string, string> {
  switch (provider) {
    case 'elevenlabs':
      return { 'ElevenLabs-Signature': signElevenLabs(body, secret, Math.floor(nowMs / 1000)) };
    case 'vapi':
      return signVapi(body, secret, nowMs);
    case 'retell':
      return { 'x-retell-signature': signRetell(body, secret, nowMs) };
    case 'generic':
      return { 'X-API-Key': secret };
  }
}

/** The payload files a path names: the file itself, or every `.json` file in the folder, sorted. */
export function payloadFiles(path: string): string[] {
  if (statSync(path).isDirectory()) {
    return readdirSync(path)
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((f) => join(path, f));
  }
  return [path];
}

/** Sends one payload, byte for byte, signed now. */
export async function replayFile(file: string, options: ReplayOptions): Promise<ReplayResult> {
  const body = readFileSync(file);
  const url = new URL(options.path ?? DEFAULT_PATHS[options.provider], options.baseUrl).toString();
  const headers = {
    'content-type': 'application/json',
    ...signatureHeaders(options.provider, body, options.secret, (options.now ?? Date.now)()),
    ...options.headers,
  };
  const started = performance.now();
  try {
    const res = await fetch(url, { method: 'POST', body, headers });
    const text = await res.text();
    return { file, status: res.status, ms: performance.now() - started, bytes: body.byteLength, body: text.slice(0, 500) };
  } catch (error) {
    return { file, status: 0, ms: performance.now() - started, bytes: body.byteLength, body: (error as Error).message };
  }
}

/** Sends every file with bounded concurrency, reporting progress after each. */
export async function replayAll(
  files: readonly string[],
  options: ReplayOptions,
  onProgress?: (done: number, total: number, last: ReplayResult) => void,
): Promise<ReplayResult[]> {
  const results: ReplayResult[] = new Array(files.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const result = await replayFile(files[i] as string, options);
      results[i] = result;
      done += 1;
      onProgress?.(done, files.length, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, files.length)) }, worker));
  return results;
}

/** Counts per status and latency percentiles (null when nothing was sent). */
export function summarise(results: readonly ReplayResult[]): {
  statuses: Record<string, number>;
  p50: number | null;
  p95: number | null;
  max: number | null;
} {
  const statuses: Record<string, number> = {};
  for (const r of results) statuses[String(r.status)] = (statuses[String(r.status)] ?? 0) + 1;
  const ms = results.map((r) => r.ms);
  return { statuses, p50: percentile(ms, 50), p95: percentile(ms, 95), max: percentile(ms, 100) };
}
