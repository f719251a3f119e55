/**
 * The local dashboard (`pnpm start` only; AWS has CloudWatch and the IAM-authorised admin API):
 * one static page and its assets from this package, uPlot from its npm package, and two local JSON
 * routes — the live metrics of the last hour and the configuration the inspector's selects need.
 * The page itself holds nothing: every datum comes from a route that checks `X-Admin-Key`.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findWorkspaceRoot } from '@agentic-memory/config';
import { adminAuthenticator, type HttpEvent } from '@agentic-memory/function-kit';
import { PROVIDERS } from '@agentic-memory/memory-core';
import type { LocalDependencies } from '../local-backends';
import type { MetricsTimeline } from './metrics-timeline';

/** Where the page may load from and send to: itself only. Nothing inline, nothing framed. */
export const DASHBOARD_CSP = "default-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': DASHBOARD_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** The page's assets by URL name: file and content type (nothing else is served). */
function assetTable(): Map<string, { readonly file: string; readonly type: string }> {
  const pageDir = join(findWorkspaceRoot(), 'packages', 'local', 'dashboard');
  const uplotDir = join(dirname(createRequire(join(pageDir, '..', 'package.json')).resolve('uplot/package.json')), 'dist');
  return new Map([
    ['index.html', { file: join(pageDir, 'index.html'), type: 'text/html; charset=utf-8' }],
    ['dashboard.js', { file: join(pageDir, 'dashboard.js'), type: 'text/javascript; charset=utf-8' }],
    ['dashboard.css', { file: join(pageDir, 'dashboard.css'), type: 'text/css; charset=utf-8' }],
    ['uPlot.iife.min.js', { file: join(uplotDir, 'uPlot.iife.min.js'), type: 'text/javascript; charset=utf-8' }],
    ['uPlot.min.css', { file: join(uplotDir, 'uPlot.min.css'), type: 'text/css; charset=utf-8' }],
  ]);
}

export interface DashboardOptions {
  readonly timeline: MetricsTimeline;
  /** How often the queue's depth is sampled into the timeline (ms); 0: only when the page polls. @default 10000 */
  readonly queueSampleMs?: number;
}

export interface Dashboard {
  /** Serves `/dashboard…` requests; false for any other path. */
  handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  close(): void;
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, ...extra });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, body: unknown) =>
  send(res, status, JSON.stringify(body), 'application/json; charset=utf-8');

export function createDashboard(deps: LocalDependencies, options: DashboardOptions): Dashboard {
  const { timeline } = options;
  const assets = assetTable();
  // Read once: the files are small and never change while the runtime runs.
  const cache = new Map<string, Buffer>();
  const asset = (name: string): Buffer | null => {
    const entry = assets.get(name);
    if (!entry) return null;
    let body = cache.get(name);
    if (!body) {
      body = readFileSync(entry.file);
      cache.set(name, body);
    }
    return body;
  };
  const authenticate = adminAuthenticator('key');
  const admitted = async (req: IncomingMessage) => {
    const key = req.headers['x-admin-key'];
    const event = { headers: typeof key === 'string' ? { 'x-admin-key': key } : {} } as unknown as HttpEvent;
    return (await authenticate(event, deps)).ok;
  };
  const sampleQueue = async () => {
    try {
      timeline.recordQueue(await deps.queueDepth());
    } catch {
      // The queue's backend is unreachable: the chart shows a gap for this minute.
    }
  };
  const sampleEvery = options.queueSampleMs ?? 10_000;
  const timer = sampleEvery > 0 ? setInterval(sampleQueue, sampleEvery) : null;
  timer?.unref();
  void sampleQueue();

  const config = () => ({
    platforms: PROVIDERS,
    agent_types: Object.entries(deps.agentTypes).map(([name, t]) => ({ name, platform: t.provider })),
    memory_spaces: deps.environment.memory_spaces,
    environment: deps.environment.name,
  });

  return {
    async handle(req, res, url) {
      const path = url.pathname;
      if (path !== '/dashboard' && !path.startsWith('/dashboard/')) return false;
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, { error: 'method_not_allowed' });
        return true;
      }
      if (path === '/dashboard' || path === '/dashboard/') {
        send(res, 200, asset('index.html') as Buffer, 'text/html; charset=utf-8');
        return true;
      }
      if (path.startsWith('/dashboard/assets/')) {
        const name = path.slice('/dashboard/assets/'.length);
        const body = asset(name);
        if (!body) sendJson(res, 404, { error: 'not_found' });
        else send(res, 200, body, assets.get(name)?.type ?? 'application/octet-stream');
        return true;
      }
      if (path === '/dashboard/api/live' || path === '/dashboard/api/config') {
        if (!(await admitted(req))) {
          sendJson(res, 401, { error: 'unauthorized' });
          return true;
        }
        if (path === '/dashboard/api/config') sendJson(res, 200, config());
        else {
          await sampleQueue();
          sendJson(res, 200, timeline.snapshot());
        }
        return true;
      }
      sendJson(res, 404, { error: 'not_found' });
      return true;
    },
    close() {
      if (timer) clearInterval(timer);
    },
  };
}
