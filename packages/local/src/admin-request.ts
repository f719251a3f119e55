/**
 * A signed request to the admin API of a deployment. On AWS the admin routes are IAM-authorised:
 * API Gateway admits a request signed with SigV4 (service `execute-api`) by an identity allowed
 * `execute-api:Invoke` on the route (the stack's `AdminInvokePolicyArn` output). Locally the same
 * routes take `X-Admin-Key`. The signer is the lightweight one the functions use.
 */
import { type AwsCredentials, sha256Hex, signSigV4 } from '@agentic-memory/provider-adapters/aws-lite';

/** The region of an API Gateway URL (`https://<id>.execute-api.<region>.amazonaws.com`), or null. */
export function regionOfApiUrl(url: string): string | null {
  return /\.execute-api\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/.exec(new URL(url).hostname)?.[1] ?? null;
}

export interface AdminRequest {
  readonly method: 'GET' | 'DELETE';
  /** The API's base URL (the stack's `ApiUrl` output, or the local runtime's). */
  readonly baseUrl: string;
  /** Path and query, phone numbers URL-encoded (`/v1/users/%2B15550100123/insights`). */
  readonly path: string;
}

/** The headers of the request: SigV4 with the given credentials (AWS), or `X-Admin-Key` (local runtime). */
export function adminRequestHeaders(
  request: AdminRequest,
  auth: { readonly credentials: AwsCredentials; readonly region: string; readonly now: Date } | { readonly adminKey: string },
): Record<string, string> {
  if ('adminKey' in auth) return { 'x-admin-key': auth.adminKey };
  return signSigV4(
    { method: request.method, url: adminUrl(request), headers: {}, payloadHash: sha256Hex('') },
    { credentials: auth.credentials, region: auth.region, service: 'execute-api', now: auth.now },
  );
}

/** The full URL of an admin path under the base URL (which may carry a stage path). */
export function adminUrl(request: AdminRequest): URL {
  const base = request.baseUrl.replace(/\/+$/, '');
  return new URL(`${base}${request.path.startsWith('/') ? '' : '/'}${request.path}`);
}
