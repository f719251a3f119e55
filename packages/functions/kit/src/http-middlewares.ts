/**
 * The single-purpose request middlewares of the HTTP roles, in the order the architecture fixes:
 * raw body captured (before anything parses it) → authentication (401) → size (413) → path
 * parameters (400, Middy's decoder) → content type (415) → JSON (400). Header names are
 * lower-cased before all of them by Middy's `http-header-normalizer`. What no maintained
 * middleware does is here: the raw-body capture, the signature/secret checks and our own error
 * codes. (`@middy/http-json-body-parser` is not used: it answers 415/422 by itself, with its own
 * bodies, and would parse before the signature is checked.)
 */

import { PayloadError } from '@agentic-memory/provider-adapters';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { CoreDependencies } from './dependencies';
import { HttpError, type HttpEvent, type HttpResult, header } from './http';

type Middleware = MiddlewareObj<APIGatewayProxyEventV2, HttpResult>;

export type AuthOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'unauthorized' | 'invalid_signature'; readonly reason: string };

export type Authenticator = (event: HttpEvent, deps: CoreDependencies) => Promise<AuthOutcome>;

/** The exact bytes the platform sent, base64-decoded when API Gateway says so: signatures cover them. */
export function rawBody(): Middleware {
  return {
    before: (request) => {
      const event = request.event as HttpEvent;
      event.rawBody =
        event.body === undefined || event.body === null
          ? Buffer.alloc(0)
          : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
    },
  };
}

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

/** The credential check on the raw request → 401; a failed check refetches the secret once (it may have been rotated). */
export function authenticate(authenticator: Authenticator, deps: CoreDependencies): Middleware {
  return {
    before: async (request) => {
      const event = request.event as HttpEvent;
      let outcome = await authenticator(event, deps);
      if (!outcome.ok && refreshAllowed(deps)) {
        await deps.secrets.refresh();
        outcome = await authenticator(event, deps);
      }
      if (!outcome.ok) throw new HttpError(401, outcome.code, outcome.reason);
    },
  };
}

/** A body over the environment's limit → 413. */
export function bodyLimit(deps: Pick<CoreDependencies, 'environment'>): Middleware {
  return {
    before: (request) => {
      if ((request.event as HttpEvent).rawBody.byteLength > deps.environment.limits.max_body_bytes)
        throw new HttpError(413, 'payload_too_large');
    },
  };
}

function isJsonContentType(value: string | undefined): boolean {
  if (value === undefined) return true; // absent: try to parse, a bad body still gets 400
  const type = value.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/** Content type → 415, then the body parsed as JSON → 400 (the raw bytes stay on the event). */
export function jsonBody(): Middleware {
  return {
    before: (request) => {
      const event = request.event as HttpEvent;
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
 * Errors in our terms (`{ error: code }` bodies): an adapter's PayloadError is a malformed body;
 * Middy's path decoder throws an http-errors 400 for a malformed `%` sequence.
 */
export function asHttpError(error: unknown): HttpError | null {
  if (error instanceof HttpError) return error;
  // A body the platform's adapter cannot read is the sender's fault, not ours: a refusal, logged as a warning.
  if (error instanceof PayloadError) return new HttpError(400, 'malformed_body', error.reason);
  const e = error as { statusCode?: unknown; expose?: unknown; message?: unknown } | null;
  if (e && e.statusCode === 400 && e.expose === true && e.message === 'Invalid path parameter encoding') {
    return new HttpError(400, 'malformed_path', 'a path parameter is not URL-encoded correctly');
  }
  return null;
}
