/**
 * The largest request body the intake can accept on AWS. Lambda refuses a synchronous invocation
 * whose event is over 6 MiB; API Gateway (HTTP API, payload 2.0) puts the body in the event
 * base64-encoded (4 bytes for every 3, rounded up), beside the headers, the path and query (raw and
 * parsed) and the request context. The envelope allowance covers the largest request line and
 * headers API Gateway accepts (10,240 bytes), each of which can appear up to three times in the
 * event (raw path, `requestContext.http.path`, path parameters; raw and parsed query) and double in
 * size when JSON-escaped, plus the fixed request context: 3 × 2 × 10,240 + 4,096 ≤ 64 KiB.
 * A test builds the worst such event with `apiGatewayEvent` and checks both numbers.
 */
export const LAMBDA_SYNC_EVENT_LIMIT_BYTES = 6_291_456;
export const API_GATEWAY_REQUEST_HEAD_LIMIT_BYTES = 10_240;
export const API_GATEWAY_EVENT_ENVELOPE_BYTES = 65_536;

/** Bytes of the base64 encoding of `n` bytes. */
export function base64Length(n: number): number {
  return 4 * Math.ceil(n / 3);
}

/** The largest body whose event (base64 body + envelope allowance) fits Lambda's limit: 4,669,440 bytes. */
export const MAX_LAMBDA_BODY_BYTES = Math.floor((LAMBDA_SYNC_EVENT_LIMIT_BYTES - API_GATEWAY_EVENT_ENVELOPE_BYTES) / 4) * 3;
