import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { CoreDependencies } from './dependencies';
import { HttpError, type HttpEvent, type HttpResult, header, json } from './http';
import { REJECTION_REASONS } from './metric-catalogue';
import { emit, emitSingle, ensureMetricContext, logger, publishMetrics, runInvocation } from './observability';
import { providerForPath } from './routes';

export type AuthOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'unauthorized' | 'invalid_signature'; readonly reason: string };

export interface HttpRoleOptions {
  readonly role: string;
  readonly deps: CoreDependencies;
  /** Checks the credential on the raw request (header or HMAC over the raw body). */
  authenticate(event: HttpEvent, deps: CoreDependencies): Promise<AuthOutcome>;
  /** Reply for an unexpected failure past authentication (degrade, or 5xx so the platform retries). */
  onUnexpectedError(error: unknown, event: HttpEvent): HttpResult;
  /** False for roles that take no body. */
  readonly parseJson?: boolean;
  /**
   * Which HTTP errors reach the caller as they are (default: all). Roles that must never fail a
   * call past authentication pass only 401 (and their own explicit refusals) and degrade the rest.
   */
  readonly passThrough?: (error: HttpError) => boolean;
}

export type HttpRoleHandler = (event: HttpEvent, context: Context, options: { signal: AbortSignal }) => Promise<HttpResult>;
export type HttpLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

/** At most one secret refresh per minute per container, so bad credentials cannot flood the secret store. */
const REFRESH_INTERVAL_MS = 60_000;
const lastRefresh = new WeakMap<CoreDependencies, number>();
function refreshAllowed(deps: CoreDependencies): boolean {
  const now = deps.clock.now();
  const last = lastRefresh.get(deps);
  if (last !== undefined && now - last < REFRESH_INTERVAL_MS) return false;
  lastRefresh.set(deps, now);
  return true;
}

/** Header names lowercased (API Gateway v2 already does; other callers may not). */
function normaliseHeaders(event: APIGatewayProxyEventV2): void {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers[name.toLowerCase()] = value;
  event.headers = headers;
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return true; // absent: try to parse, a bad body still gets 400
  const type = value.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * The checks of every HTTP role, in the architecture's order, on the raw request:
 * authentication → 401; body over MAX_BODY_BYTES → 413; content type → 415; malformed JSON → 400.
 * The raw body is captured (base64-decoded when API Gateway says so) before anything parses it.
 */
function requestGuards(options: HttpRoleOptions): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> {
  return {
    before: async (request) => {
      const event = request.event as HttpEvent;
      normaliseHeaders(event);
      event.rawBody =
        event.body === undefined || event.body === null
          ? Buffer.alloc(0)
          : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
      let outcome = await options.authenticate(event, options.deps);
      if (!outcome.ok && refreshAllowed(options.deps)) {
        // The secret may have been rotated since it was cached: fetch once more, check once more.
        await options.deps.secrets.refresh();
        outcome = await options.authenticate(event, options.deps);
      }
      if (!outcome.ok) throw new HttpError(401, outcome.code, outcome.reason);
      if (event.rawBody.byteLength > options.deps.environment.limits.max_body_bytes) throw new HttpError(413, 'payload_too_large');
      if (options.parseJson === false) return;
      if (!isJsonContentType(header(event, 'content-type'))) throw new HttpError(415, 'unsupported_media_type');
      try {
        event.jsonBody = JSON.parse(event.rawBody.toString('utf8'));
      } catch {
        throw new HttpError(400, 'malformed_body', 'body is not JSON');
      }
    },
  };
}

/**
 * Latency, rejections and failures, recorded while the request's log keys and metric context are
 * still in place (this runs before Powertools flushes), and errors mapped to explicit statuses
 * with a short JSON body — never a stack trace or a secret.
 */
function outcome(options: HttpRoleOptions): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> {
  let started = 0;
  const passThrough = options.passThrough ?? (() => true);
  return {
    before: () => {
      started = performance.now();
    },
    after: (request) => {
      ensureMetricContext(providerForPath(request.event.rawPath));
      emit('ResponseLatency', performance.now() - started);
    },
    onError: (request) => {
      ensureMetricContext(providerForPath(request.event.rawPath));
      const error = request.error;
      const route = request.event.routeKey;
      const refused = error instanceof HttpError && error.statusCode < 500;
      if (refused) logger.warn('request rejected', { status: error.statusCode, code: error.code, detail: error.detail, route });
      else logger.error('unexpected failure', { error: error as Error, route });
      request.response =
        error instanceof HttpError && passThrough(error)
          ? json(error.statusCode, { error: error.code })
          : options.onUnexpectedError(error, request.event as HttpEvent);
      // Counted as rejected only when a 4xx was sent (call start answers bad input with a degraded 200).
      const status = request.response.statusCode ?? 200;
      if (refused && status >= 400 && status < 500) {
        const reason = (REJECTION_REASONS as readonly string[]).includes(error.code) ? error.code : 'other';
        emitSingle('RejectedWebhook', 1, null, providerForPath(request.event.rawPath), { reason });
      }
      emit('ResponseLatency', performance.now() - started);
    },
  };
}

/**
 * The kit's Middy stack for HTTP roles: Powertools' logger context, then `outcome` (latency,
 * rejections, error mapping, and the invocation's metrics published at the end), then the request
 * guards. Each invocation runs with its own metrics.
 */
export function createHttpHandler(options: HttpRoleOptions, handler: HttpRoleHandler): HttpLambda {
  const stack: MiddyfiedHandler<APIGatewayProxyEventV2, HttpResult, Error, Context> = middy<
    APIGatewayProxyEventV2,
    HttpResult,
    Error,
    Context
  >(handler as never)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(outcome(options))
    .use(requestGuards(options));
  // Published whatever the outcome: Middy runs no `after` once `onError` has answered, and the
  // rejected and degraded replies are exactly the ones the dashboard must not lose.
  return (event, context) =>
    runInvocation(options.deps.environment.name, options.role, async () => {
      try {
        return await stack(event, context);
      } finally {
        publishMetrics();
      }
    });
}
