import {
  API_GATEWAY_EVENT_ENVELOPE_BYTES,
  API_GATEWAY_REQUEST_HEAD_LIMIT_BYTES,
  base64Length,
  LAMBDA_SYNC_EVENT_LIMIT_BYTES,
  MAX_LAMBDA_BODY_BYTES,
} from '@agentic-memory/config';
import { apiGatewayEvent } from '../src/lambda-shapes';

/**
 * The worst event API Gateway can hand Lambda for a request: the largest request head it accepts
 * (10,240 bytes) made of characters JSON must escape, a binary body (base64), and the head's path
 * and query in every place the event repeats them.
 */
function worstEvent(bodyBytes: number): string {
  const phone = '%22'.repeat(200);
  const path = `/v1/users/${phone}/insights`;
  const query = `q=${'%22'.repeat(300)}`;
  const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
  let used = `GET ${path}?${query} HTTP/1.1\r\n`.length + 'content-type: application/octet-stream\r\n'.length;
  for (let i = 0; ; i += 1) {
    const name = `x-h${i}`;
    const room = API_GATEWAY_REQUEST_HEAD_LIMIT_BYTES - used - name.length - 4;
    const value = '"\\'.repeat(Math.max(0, Math.min(50, Math.floor(room / 2))));
    if (value.length === 0) break;
    headers[name] = value;
    used += name.length + 2 + value.length + 2;
  }
  const event = apiGatewayEvent({
    method: 'GET',
    path,
    query,
    headers,
    body: Buffer.alloc(bodyBytes, 0xff),
    sourceIp: '203.0.113.10',
    routeKey: 'GET /v1/users/{phone}/insights',
    pathParameters: { phone },
    now: Date.UTC(2026, 0, 1),
  });
  // API Gateway also passes the query parsed: repeat it as it would.
  return JSON.stringify({ ...event, queryStringParameters: { q: '"'.repeat(300) } });
}

describe('MAX_LAMBDA_BODY_BYTES', () => {
  it('is the largest body whose base64 event, with the envelope allowance, fits Lambda’s 6 MiB request limit', () => {
    expect(base64Length(MAX_LAMBDA_BODY_BYTES) + API_GATEWAY_EVENT_ENVELOPE_BYTES).toBeLessThanOrEqual(LAMBDA_SYNC_EVENT_LIMIT_BYTES);
    expect(base64Length(MAX_LAMBDA_BODY_BYTES + 1) + API_GATEWAY_EVENT_ENVELOPE_BYTES).toBeGreaterThan(LAMBDA_SYNC_EVENT_LIMIT_BYTES);
    expect(MAX_LAMBDA_BODY_BYTES).toBe(4_669_440);
  });

  it('leaves room for the worst request head API Gateway accepts, built as a real event', () => {
    const event = worstEvent(MAX_LAMBDA_BODY_BYTES);
    const parsed = JSON.parse(event) as { isBase64Encoded: boolean; body: string };
    expect(parsed.isBase64Encoded).toBe(true);
    expect(parsed.body.length).toBe(base64Length(MAX_LAMBDA_BODY_BYTES));
    expect(Buffer.byteLength(event)).toBeLessThanOrEqual(LAMBDA_SYNC_EVENT_LIMIT_BYTES);
    const envelope = Buffer.byteLength(event) - parsed.body.length;
    expect(envelope).toBeLessThanOrEqual(API_GATEWAY_EVENT_ENVELOPE_BYTES);
    // The allowance is not slack: the head really takes a good part of it.
    expect(envelope).toBeGreaterThan(API_GATEWAY_REQUEST_HEAD_LIMIT_BYTES * 1.5);
  });

  it('the old 5.5 MB limit did not fit once base64-encoded', () => {
    expect(Buffer.byteLength(worstEvent(5_500_000))).toBeGreaterThan(LAMBDA_SYNC_EVENT_LIMIT_BYTES);
  });
});
