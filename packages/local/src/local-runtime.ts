import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { loadConfig } from '@agentic-memory/config';
import { createConversationStartHandler } from '@agentic-memory/fn-conversation-start';
import { createIngestWorkerHandler } from '@agentic-memory/fn-ingest-worker';
import { createInsightsHandler } from '@agentic-memory/fn-insights';
import { createMemorySearchHandler } from '@agentic-memory/fn-memory-search';
import { createWebhookIntakeHandler } from '@agentic-memory/fn-webhook-intake';
import {
  apiGatewayEvent,
  authenticatorFor,
  configureObservability,
  enableConcurrentInvocations,
  type HttpLambda,
  lambdaContext,
  logger,
  ROUTES,
  type RouteDefinition,
  routeFor,
} from '@agentic-memory/function-kit';
import { type Clock, isFunctionRole } from '@agentic-memory/memory-core';
import { secretsEqual } from '@agentic-memory/provider-adapters';
import { createDashboard, type Dashboard, type DashboardOptions } from './dashboard/dashboard-server';
import { createLocalDependencies, type LocalBackendOptions, type LocalDependencies } from './local-backends';
import { type LocalSecrets, localSecretsUnlessManaged } from './local-secrets';
import { QueuePoller } from './queue-poller';

/** API Gateway's own payload limit; larger requests never reach a handler. */
const HARD_BODY_LIMIT = 10 * 1024 * 1024;
export const INGEST_QUEUE_NAME = 'agentic-memory-ingest.fifo';
/** The timeout of a role the environment file has no settings for (one added by a test). */
const DEFAULT_TIMEOUT_S = 10;

/** The HTTP roles and how the local runtime builds each one's handler from its ports. */
export type HttpHandlerFactories = Readonly<Partial<Record<string, (deps: LocalDependencies) => HttpLambda>>>;

export const HTTP_HANDLERS: HttpHandlerFactories = {
  'conversation-start': (deps) => createConversationStartHandler(deps),
  'memory-search': (deps) => createMemorySearchHandler(deps),
  'webhook-intake': (deps) => createWebhookIntakeHandler(deps),
  insights: (deps) => createInsightsHandler(deps),
};

export interface RuntimeOptions {
  readonly dataDir: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly clock?: Clock;
  /** Worker loops (each takes one batch at a time; groups never overlap). */
  readonly pollers?: number;
  readonly maxBodyBytes?: number;
  /** False to start without the ingest worker (call `startWorkers()` later). */
  readonly startWorkers?: boolean;
  /** Configuration from another folder than `config/` (see `AGENTIC_MEMORY_CONFIG_DIR`). */
  readonly config?: LocalBackendOptions['config'];
  /** The routes served (default: the route table every deployment serves). */
  readonly routes?: readonly RouteDefinition<string>[];
  /** Handler factories per HTTP role (default: the product's roles). */
  readonly handlers?: HttpHandlerFactories;
  /** Serve the dashboard at `/dashboard` from this timeline (`pnpm start` does; absent: no dashboard). */
  readonly dashboard?: DashboardOptions;
}

/**
 * `AGENTIC_MEMORY_CONFIG_DIR`: the agent types and `environments/<AGENTIC_MEMORY_ENV>.json` read
 * and validated from another folder than the bundled `config/` (a migrated copy, say); unset,
 * undefined. Throws ConfigValidationError naming the field of a bad value.
 */
export async function configFromEnvironment(env: Readonly<Record<string, string | undefined>>): Promise<RuntimeOptions['config']> {
  if (!env.AGENTIC_MEMORY_CONFIG_DIR) return undefined;
  return loadConfig(env.AGENTIC_MEMORY_ENV ?? 'local', resolve(env.AGENTIC_MEMORY_CONFIG_DIR));
}

export interface LocalRuntime {
  readonly url: string;
  /** The generated/local secrets, or null when they come from Secrets Manager. */
  readonly secrets: LocalSecrets | null;
  readonly deps: LocalDependencies;
  /** The routes this runtime serves. */
  readonly routes: readonly RouteDefinition<string>[];
  /** Starts the ingest worker loops if they were not started with the runtime. */
  startWorkers(): void;
  /** Stops serving and polling, then closes the stores; resolves with the queue's final depth. */
  stop(): Promise<{ readonly queue: { live: number; inFlight: number; dead: number } | null }>;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > HARD_BODY_LIMIT) {
        resolve(null);
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Headers that carry a signature over the body: present, they cannot be checked without it. */
const SIGNATURE_HEADERS = ['elevenlabs-signature', 'x-retell-signature', 'x-signature'];

/**
 * For a body over the hard cap (not read): whether the credential is missing or wrong. A secret
 * header is checked as the handler would (over an empty body); a signature header cannot be
 * checked without the body, so its presence is enough to answer 413 instead.
 */
async function credentialRefused(
  route: RouteDefinition<string>,
  headers: IncomingMessage['headers'],
  deps: LocalDependencies,
): Promise<boolean> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (typeof value === 'string') flat[name.toLowerCase()] = value;
  if (route.audience === 'admin') {
    const expected = await deps.secrets.get('ADMIN_API_KEY');
    return !expected || !secretsEqual(flat['x-admin-key'], expected);
  }
  if (SIGNATURE_HEADERS.some((name) => flat[name])) return false;
  const role = route.role === 'conversation-start' || route.role === 'memory-search' ? route.role : 'webhook-intake';
  const event = {
    ...apiGatewayEvent({
      method: route.method,
      path: route.path,
      query: '',
      headers: flat,
      body: Buffer.alloc(0),
      sourceIp: '',
      routeKey: '',
      now: 0,
    }),
    rawBody: Buffer.alloc(0),
  };
  return !(await authenticatorFor(role)(event, deps)).ok;
}

/**
 * The embedded runtime: the real handlers behind a loopback HTTP server (API Gateway v2 events
 * with raw bodies), the ingest worker fed from the disk queue like Lambda's event source, all on
 * embedded ports under one data folder.
 */
export async function startLocalRuntime(options: RuntimeOptions): Promise<LocalRuntime> {
  // Several invocations at once in one process: each keeps its own log keys and Lambda context.
  const host = enableConcurrentInvocations();
  return host(() => startRuntimeHost(options));
}

async function startRuntimeHost(options: RuntimeOptions): Promise<LocalRuntime> {
  const env = options.env ?? process.env;
  const secrets = localSecretsUnlessManaged(options.dataDir, env);
  const base = await createLocalDependencies({
    env: { ...env, AGENTIC_MEMORY_ENV: env.AGENTIC_MEMORY_ENV ?? 'local' },
    dataDir: options.dataDir,
    clock: options.clock,
    config: options.config,
  });
  const environment =
    options.maxBodyBytes === undefined
      ? base.environment
      : { ...base.environment, limits: { ...base.environment.limits, max_body_bytes: options.maxBodyBytes } };
  const deps: LocalDependencies = { ...base, environment };
  configureObservability('local-runtime', environment.name);

  const routes: readonly RouteDefinition<string>[] = options.routes ?? ROUTES;
  const factories = options.handlers ?? HTTP_HANDLERS;
  const handlers = new Map<string, HttpLambda>();
  for (const role of new Set(routes.map((r) => r.role))) {
    const factory = factories[role];
    if (!factory)
      throw new Error(
        `no handler for role ${role} (routes: ${routes
          .filter((r) => r.role === role)
          .map((r) => r.path)
          .join(', ')})`,
      );
    handlers.set(role, factory(deps));
  }

  const pollers = Array.from(
    { length: Math.max(1, options.pollers ?? Math.min(environment.ingest.max_concurrency, 2)) },
    () =>
      new QueuePoller({
        queue: deps.queue,
        handler: createIngestWorkerHandler(deps),
        queueName: INGEST_QUEUE_NAME,
        batchSize: environment.ingest.batch_size,
        visibilityTimeoutMs: environment.ingest.visibility_timeout_s * 1000,
        timeoutMs: environment.functions['ingest-worker'].timeout_s * 1000,
        onError: (error) => logger.error('worker poll failed', { error: error as Error }),
      }),
  );

  const dashboard: Dashboard | null = options.dashboard ? createDashboard(deps, options.dashboard) : null;

  const server: Server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://local');
      const method = req.method ?? 'GET';
      if (method === 'GET' && url.pathname === '/health') {
        send(res, 200, { status: 'ok', backends: deps.backends, queue: await deps.queueDepth() });
        return;
      }
      if (dashboard && (await dashboard.handle(req, res, url))) return;
      const match = routeFor(url.pathname, method, routes);
      if (!match) {
        const known = routeFor(url.pathname, undefined, routes) !== null;
        send(res, known ? 405 : 404, { error: known ? 'method_not_allowed' : 'not_found' });
        return;
      }
      const { route, params } = match;
      const body = await readBody(req);
      if (body === null) {
        // Never buffered: past the cap, a missing or wrong credential is a 401, as anywhere else.
        const refused = await credentialRefused(route, req.headers, deps);
        send(res, refused ? 401 : 413, { error: refused ? 'unauthorized' : 'payload_too_large' }, { connection: 'close' });
        return;
      }
      const handler = handlers.get(route.role);
      if (!handler) throw new Error(`no handler for ${route.role}`);
      const event = apiGatewayEvent({
        method,
        path: url.pathname,
        query: url.search.replace(/^\?/, ''),
        headers: req.headers,
        body,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        routeKey: `${method} ${route.path}`,
        pathParameters: params,
        now: Date.now(),
      });
      const timeoutS = isFunctionRole(route.role) ? environment.functions[route.role].timeout_s : DEFAULT_TIMEOUT_S;
      const result = await handler(event, lambdaContext(route.role, timeoutS * 1000));
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
      res.writeHead(result.statusCode ?? 200, headers);
      res.end(result.body === undefined ? '' : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8'));
    } catch (error) {
      logger.error('local runtime failed to serve a request', { error: error as Error });
      if (!res.headersSent) send(res, 500, { error: 'internal_error' });
      else res.end();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8787, options.host ?? '127.0.0.1', () => resolve());
  });
  const startWorkers = () => {
    for (const poller of pollers) poller.start();
  };
  if (options.startWorkers !== false) startWorkers();
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  let stopping: ReturnType<LocalRuntime['stop']> | null = null;
  return {
    url: `http://${host}:${address.port}`,
    secrets,
    deps,
    routes,
    startWorkers,
    stop: () => {
      stopping ??= (async () => {
        // In-flight requests finish; no new connections; queued work stays on disk.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        dashboard?.close();
        await Promise.all(pollers.map((p) => p.stop()));
        await closed;
        const queue = await deps.queueDepth().catch(() => null);
        deps.close();
        return { queue };
      })();
      return stopping;
    },
  };
}
