import { readFileSync } from 'node:fs';
import { fixturePath } from '@agentic-memory/fixtures';
import { ROUTES, type RouteDefinition } from '@agentic-memory/function-kit';
import type { Provider, SecretName } from '@agentic-memory/memory-core';
import { signatureHeaders } from '../src';

/**
 * Requests as each platform sends them, for any caller, built from the platform fixtures: the
 * post-call webhook, call start and the memory-search tool, with the platform's own credential
 * (or another's). Used by the cross-platform matrix and the fuzz and fault suites.
 */

type Json = Record<string, unknown>;

/** The secret each platform's routes are authenticated with (ElevenLabs: workspace key on the call path, HMAC on the webhook). */
export function secretNameFor(provider: Provider, role: RouteDefinition['role']): SecretName {
  switch (provider) {
    case 'elevenlabs':
      return role === 'webhook-intake' ? 'ELEVENLABS_HMAC_KEY' : 'ELEVENLABS_WORKSPACE_KEY';
    case 'vapi':
      return 'VAPI_SECRET';
    case 'retell':
      return 'RETELL_API_KEY';
    case 'generic':
      return 'GENERIC_API_KEY';
  }
}

/** The headers that authenticate `body` on a route of `provider` with `secret`. */
export function credentialHeaders(
  provider: Provider,
  role: RouteDefinition['role'],
  body: Uint8Array,
  secret: string,
): Record<string, string> {
  if (provider === 'elevenlabs' && role !== 'webhook-intake') return { 'X-Workspace-Key': secret };
  return signatureHeaders(provider, body, secret, Date.now());
}

function fixture(name: string): Json {
  return JSON.parse(readFileSync(fixturePath(name), 'utf8')) as Json;
}

function at(obj: Json, path: readonly string[]): Json {
  let node: Json = obj;
  for (const key of path) node = node[key] as Json;
  return node;
}

export interface CallSpec {
  readonly caller: string;
  readonly conversationId: string;
  /** When the call started (epoch ms); it ended five minutes later. */
  readonly startedAtMs?: number;
}

/** A post-call webhook body of `provider` for this caller and conversation (the fixture's transcript). */
export function postCallBody(provider: Provider, spec: CallSpec): Buffer {
  const started = spec.startedAtMs ?? Date.now() - 600_000;
  const ended = started + 300_000;
  switch (provider) {
    case 'elevenlabs': {
      const body = fixture('elevenlabs/post-call-transcription.json');
      const data = at(body, ['data']);
      data.conversation_id = spec.conversationId;
      body.event_timestamp = Math.floor(ended / 1000);
      at(data, ['metadata']).start_time_unix_secs = Math.floor(started / 1000);
      at(data, ['metadata', 'phone_call']).external_number = spec.caller;
      const dynamic = at(data, ['conversation_initiation_client_data', 'dynamic_variables']);
      dynamic.system__caller_id = spec.caller;
      dynamic.system__conversation_id = spec.conversationId;
      return Buffer.from(JSON.stringify(body));
    }
    case 'vapi': {
      const body = fixture('vapi/end-of-call-report.json');
      const message = at(body, ['message']);
      message.timestamp = ended;
      const call = at(message, ['call']);
      call.id = spec.conversationId;
      at(call, ['customer']).number = spec.caller;
      if (message.customer) at(message, ['customer']).number = spec.caller;
      message.startedAt = new Date(started).toISOString();
      message.endedAt = new Date(ended).toISOString();
      return Buffer.from(JSON.stringify(body));
    }
    case 'retell': {
      const body = fixture('retell/call-analyzed.json');
      const call = at(body, ['call']);
      call.call_id = spec.conversationId;
      call.from_number = spec.caller;
      call.start_timestamp = started;
      call.end_timestamp = ended;
      return Buffer.from(JSON.stringify(body));
    }
    case 'generic': {
      const body = fixture('generic/webhook.json');
      body.call_id = spec.conversationId;
      body.customer_id = spec.caller;
      body.created_at = new Date(started).toISOString();
      return Buffer.from(JSON.stringify(body));
    }
  }
}

/** A call-start body of `provider` for this caller. */
export function callStartBody(provider: Provider, caller: string): Buffer {
  switch (provider) {
    case 'elevenlabs':
      return Buffer.from(JSON.stringify({ ...fixture('elevenlabs/conversation-initiation-request.json'), caller_id: caller }));
    case 'vapi': {
      const body = fixture('vapi/assistant-request.json');
      const message = at(body, ['message']);
      at(message, ['call', 'customer']).number = caller;
      at(message, ['customer']).number = caller;
      return Buffer.from(JSON.stringify(body));
    }
    case 'retell': {
      const body = fixture('retell/call-inbound.json');
      at(body, ['call_inbound']).from_number = caller;
      return Buffer.from(JSON.stringify(body));
    }
    case 'generic':
      return Buffer.from(JSON.stringify({ ...fixture('generic/conversation-start.json'), user_id: caller }));
  }
}

/** A memory-search request of `provider` asking `query` about this caller: body and the caller header where the platform uses one. */
export function memorySearchRequest(provider: Provider, caller: string, query: string): { body: Buffer; headers: Record<string, string> } {
  switch (provider) {
    case 'elevenlabs':
      return { body: Buffer.from(JSON.stringify({ query })), headers: { 'X-Caller-Id': caller } };
    case 'vapi': {
      const body = fixture('vapi/tool-calls.json');
      const message = at(body, ['message']);
      at(message, ['call', 'customer']).number = caller;
      for (const entry of message.toolCallList as Json[]) at(entry, ['function']).arguments = { query };
      for (const entry of message.toolWithToolCallList as Json[]) at(entry, ['toolCall', 'function']).arguments = { query };
      return { body: Buffer.from(JSON.stringify(body)), headers: {} };
    }
    case 'retell': {
      const body = fixture('retell/function-call.json');
      at(body, ['call']).from_number = caller;
      body.args = { query };
      return { body: Buffer.from(JSON.stringify(body)), headers: {} };
    }
    case 'generic':
      // The generic agent type binds the caller to `user_id` (its webhooks.memory_search.caller_parameter).
      return { body: Buffer.from(JSON.stringify({ query, user_id: caller })), headers: {} };
  }
}

/** Every POST route of a platform (aliases included). */
export function platformRoutes(provider: Provider): readonly RouteDefinition[] {
  return ROUTES.filter((r) => r.audience === provider && r.method === 'POST');
}

export interface Reply {
  readonly status: number;
  readonly text: string;
}

/** POSTs `body` to `url` with the headers given, and reads the reply as text. */
export async function post(url: string, body: Uint8Array, headers: Record<string, string>): Promise<Reply> {
  const res = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
  return { status: res.status, text: await res.text() };
}
