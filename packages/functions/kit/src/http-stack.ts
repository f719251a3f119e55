import type { Provider } from '@agentic-memory/memory-core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj, type MiddyfiedHandler } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpUrlencodePathParser from '@middy/http-urlencode-path-parser';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { authenticatorFor } from './authenticators';
import type { CoreDependencies } from './dependencies';
import { HttpError, type HttpEvent, type HttpResult, json } from './http';
import { type Authenticator, asHttpError, authenticate, bodyLimit, jsonBody, rawBody } from './http-middlewares';
import { REJECTION_REASONS } from './metric-catalogue';
import { emit, emitSingle, ensureMetricContext, logger, publishMetrics, runInvocation } from './observability';
import { providerForPath } from './routes';

export interface HttpRoleOptions {
  readonly role: string;
  readonly deps: CoreDependencies;
  /** Checks the credential on the raw request (header or HMAC over the raw body). */
  readonly authenticate: Authenticator;
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

/**
 * Latency, rejections and failures, recorded while the request's log keys and metric context are
 * still in place (this runs before Powertools flushes), and errors mapped to explicit statuses
 * with a short JSON body — never a stack trace or a secret.
 */
function outcome(options: HttpRoleOptions): MiddlewareObj<APIGatewayProxyEventV2, HttpResult> {
  // Per request: the local runtime serves concurrent requests with one handler.
  const started = new WeakMap<object, number>();
  const elapsed = (event: object) => performance.now() - (started.get(event) ?? performance.now());
  const passThrough = options.passThrough ?? (() => true);
  return {
    before: (request) => {
      started.set(request.event, performance.now());
    },
    after: (request) => {
      ensureMetricContext(providerForPath(request.event.rawPath));
      emit('ResponseLatency', elapsed(request.event));
    },
    onError: (request) => {
      ensureMetricContext(providerForPath(request.event.rawPath));
      const error = asHttpError(request.error) ?? request.error;
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
      emit('ResponseLatency', elapsed(request.event));
    },
  };
}

/**
 * The kit's Middy stack for HTTP roles: Powertools' logger context, then `outcome` (latency,
 * rejections, the degrade policy, the invocation's metrics published at the end), then the
 * request checks in the architecture's order (see http-middlewares.ts). Each invocation runs
 * with its own metrics.
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
    .use(httpHeaderNormalizer())
    .use(rawBody())
    .use(authenticate(options.authenticate, options.deps))
    .use(bodyLimit(options.deps))
    .use(httpUrlencodePathParser());
  if (options.parseJson !== false) stack.use(jsonBody());
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

/** A role on the call's path: the platform of the request, and how to answer when something fails. */
export interface CallPathRoleOptions {
  readonly role: 'conversation-start' | 'memory-search';
  readonly deps: CoreDependencies;
  /** The platform's valid default reply (a new-caller reply, an empty result), served on any failure. */
  degraded(provider: Provider, event: HttpEvent): HttpResult;
}

/**
 * The Middy stack of the call-path roles: the platform's authentication of the role, then — past
 * a 401 — the call never fails because of us: any other error is counted (`DegradedReply`) and
 * answered with the platform's valid default. The handler gets the request's platform.
 */
export function createCallPathHandler(
  options: CallPathRoleOptions,
  handler: (event: HttpEvent, provider: Provider) => Promise<HttpResult>,
): HttpLambda {
  const platformOf = (event: HttpEvent): Provider => providerForPath(event.rawPath) ?? 'elevenlabs';
  return createHttpHandler(
    {
      role: options.role,
      deps: options.deps,
      passThrough: (error) => error.statusCode === 401,
      authenticate: authenticatorFor(options.role),
      onUnexpectedError: (_error, event) => {
        emit('DegradedReply');
        return options.degraded(platformOf(event), event);
      },
    },
    (event) => handler(event, platformOf(event)),
  );
}
