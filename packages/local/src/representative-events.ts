/**
 * One representative invocation per role, as its trigger would send it: the platform's request
 * (signed or keyed with the given secrets), the SQS event of a queued call, the schedule's event.
 * Used to run the synthesised bundles (pre-deploy check, bench cold starts).
 */
import { readFixture, readFixtureBytes } from '@agentic-memory/fixtures';
import { apiGatewayEvent, BlobKeys, routePattern, sqsEvent } from '@agentic-memory/function-kit';
import type { FunctionRole } from '@agentic-memory/memory-core';
import { signElevenLabs } from '@agentic-memory/provider-adapters';

export const REPRESENTATIVE_CALLER = '+15550100123';
const CALL = 'elevenlabs/post-call-transcription.json';

function http(method: string, path: string, routePath: string, body: Buffer, headers: Record<string, string>, now: number) {
  return apiGatewayEvent({
    method,
    path,
    query: '',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    sourceIp: '203.0.113.10',
    routeKey: `${method} ${routePath}`,
    // As API Gateway sets them: the route's `{name}` segments of the (still encoded) path.
    pathParameters: { ...routePattern(routePath).exec(path)?.groups },
    now,
  });
}

/** A raw post-call payload the worker's event points at: put it in the bucket before invoking the worker. */
export function workerPayload(conversationId: string): { key: string; body: Buffer } {
  const body = JSON.parse(readFixture(CALL)) as { data: { conversation_id: string } };
  body.data.conversation_id = conversationId;
  return { key: BlobKeys.raw('elevenlabs', 'post_call_transcription', conversationId), body: Buffer.from(JSON.stringify(body)) };
}

export function representativeEvent(
  role: FunctionRole,
  secrets: Readonly<Record<string, string | undefined>>,
  options: { now?: number; conversationId?: string } = {},
): unknown {
  const now = options.now ?? Date.now();
  const workspaceKey = { 'x-workspace-key': secrets.ELEVENLABS_WORKSPACE_KEY ?? '' };
  switch (role) {
    case 'conversation-start':
      return http(
        'POST',
        '/client-data',
        '/client-data',
        readFixtureBytes('elevenlabs/conversation-initiation-request.json'),
        workspaceKey,
        now,
      );
    case 'memory-search':
      return http(
        'POST',
        '/retrieve',
        '/retrieve',
        readFixtureBytes('elevenlabs/server-tool-request.json'),
        { ...workspaceKey, 'x-caller-id': REPRESENTATIVE_CALLER },
        now,
      );
    case 'webhook-intake': {
      const body = readFixtureBytes(CALL);
      const key = secrets.ELEVENLABS_HMAC_KEY;
      return http(
        'POST',
        '/post-call',
        '/post-call',
        body,
        key ? { 'elevenlabs-signature': signElevenLabs(body, key, Math.floor(now / 1000)) } : {},
        now,
      );
    }
    case 'ingest-worker': {
      const conversationId = options.conversationId ?? `conv_check_${now}`;
      const message = {
        provider: 'elevenlabs',
        event: 'post_call_transcription',
        conversationId,
        blobKey: workerPayload(conversationId).key,
        receivedAt: new Date(now).toISOString(),
      };
      return sqsEvent(
        [
          {
            messageId: conversationId,
            receiptHandle: 'check',
            body: JSON.stringify(message),
            groupId: `conv:${conversationId}`,
            deduplicationId: `elevenlabs:post_call_transcription:${conversationId}`,
            receiveCount: 1,
            sentAt: now,
          },
        ],
        'agentic-memory-ingest.fifo',
        now,
      );
    }
    case 'insights': {
      const event = http(
        'GET',
        `/v1/users/${encodeURIComponent(REPRESENTATIVE_CALLER)}/insights`,
        '/v1/users/{phone}/insights',
        Buffer.alloc(0),
        { 'x-admin-key': secrets.ADMIN_API_KEY ?? '' },
        now,
      );
      // On AWS the route is IAM-authorised: API Gateway passes the verified caller along.
      return {
        ...event,
        pathParameters: { phone: encodeURIComponent(REPRESENTATIVE_CALLER) },
        requestContext: {
          ...event.requestContext,
          authorizer: { iam: { accountId: '000000000000', userArn: 'arn:aws:iam::000000000000:user/operator', callerId: 'AIDACHECK' } },
        },
      };
    }
    case 'cost-report':
      return { date: new Date(now - 86_400_000).toISOString().slice(0, 10) };
    case 'reconcile':
      // The hourly schedule's event: no field the handler reads (the map's agents, since their watermarks).
      return { source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {}, time: new Date(now).toISOString() };
  }
}
