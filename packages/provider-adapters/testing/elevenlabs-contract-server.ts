/**
 * A loopback HTTP server speaking the ElevenLabs API for the endpoints Agentic Memory uses: agents
 * get/update, the workspace Conversational-AI settings, workspace tools, secrets and webhooks,
 * conversations list (cursor paging, oldest/newest first, start-time filter) and get. Every request
 * body and every response body is checked with the official SDK's own serialization schemas
 * (`@elevenlabs/elevenlabs-js/serialization`, strict: unknown keys fail), so the server cannot
 * drift from the API the SDK was generated from: a request the real API would refuse is answered
 * 422, a response the SDK would not parse is a recorded contract violation (tests assert none).
 * Faults can be injected (429 with `Retry-After`, 5xx, 401) and every request is logged with its
 * method, so tests can count writes. A protocol peer for tests and local runs, never deployed.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as serialization from '@elevenlabs/elevenlabs-js/serialization';
import { JsonLoopbackServer } from './json-loopback-server';

type Json = Record<string, unknown>;

interface SchemaLike {
  parse(
    raw: unknown,
    opts?: Record<string, unknown>,
  ): { ok: true; value: unknown } | { ok: false; errors: { path: string[]; message: string }[] };
  json(
    parsed: unknown,
    opts?: Record<string, unknown>,
  ): { ok: true; value: unknown } | { ok: false; errors: { path: string[]; message: string }[] };
}

const STRICT = { unrecognizedObjectKeys: 'fail', allowUnrecognizedUnionMembers: false, allowUnrecognizedEnumValues: false };

export interface ElevenLabsRecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
  /** Raw request text: tests search it for secrets that must never be sent. */
  readonly text: string;
}

interface Fault {
  status: number;
  remaining: number;
  retryAfterSecs: number | null;
  match?: (req: ElevenLabsRecordedRequest) => boolean;
}

interface StoredWebhook {
  wire: Json;
  secret: string;
  retryEnabled: boolean;
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly detail: unknown,
  ) {
    super(typeof detail === 'string' ? detail : JSON.stringify(detail));
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** PATCH semantics of the API: objects merged key by key, everything else (arrays included) replaced. */
export function deepMerge(target: Json, patch: Json): Json {
  const out: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] = isObject(value) && isObject(out[key]) ? deepMerge(out[key] as Json, value) : value;
  }
  return out;
}

function describe(errors: readonly { path: string[]; message: string }[]): string {
  return errors
    .slice(0, 5)
    .map((e) => `${e.path.join('.') || '(root)'}: ${e.message}`)
    .join('; ');
}

export class ElevenLabsContractServer extends JsonLoopbackServer {
  readonly requests: ElevenLabsRecordedRequest[] = [];
  /** Responses the SDK's schemas reject: a bug in this server (tests assert the list stays empty). */
  readonly contractViolations: string[] = [];
  readonly agents = new Map<string, Json>();
  readonly tools = new Map<string, Json>();
  readonly webhooks = new Map<string, StoredWebhook>();
  readonly secrets = new Map<string, { name: string; value: string }>();
  readonly conversations = new Map<string, Json>();
  settings: Json = {};
  private readonly faults: Fault[] = [];

  constructor(
    readonly apiKey = 'xi-contract-test-key',
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  /** The next `times` requests (matching `match`) fail with `status`; 429 and 503 carry `Retry-After` when given. */
  fail(status: number, times = 1, options: { retryAfterSecs?: number; match?: (req: ElevenLabsRecordedRequest) => boolean } = {}): void {
    this.faults.push({ status, remaining: times, retryAfterSecs: options.retryAfterSecs ?? null, match: options.match });
  }

  /** Requests that change something (POST, PATCH, PUT, DELETE). */
  writes(): ElevenLabsRecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  /** An agent as the dashboard creates it: a prompt, no tools, no webhooks, no overrides. */
  addAgent(agentId: string, options: { name?: string; prompt?: string; firstMessage?: string } = {}): Json {
    const at = Math.floor(this.now() / 1000);
    const agent: Json = {
      agent_id: agentId,
      name: options.name ?? 'Support agent',
      conversation_config: {
        agent: {
          first_message: options.firstMessage ?? 'Hello! How can I help you today?',
          language: 'en',
          prompt: { prompt: options.prompt ?? 'You are a friendly support agent.', tool_ids: [] },
        },
      },
      metadata: { created_at_unix_secs: at, updated_at_unix_secs: at },
      platform_settings: {},
      tags: [],
    };
    this.check(serialization.GetAgentResponseModel as unknown as SchemaLike, agent, 'seeded agent');
    this.agents.set(agentId, agent);
    return agent;
  }

  /** Patches a stored agent directly (a test's way to shape a seed-era agent). */
  patchAgent(agentId: string, patch: Json): void {
    const agent = this.agents.get(agentId);
    if (!agent) throw new Error(`no agent ${agentId}`);
    const merged = deepMerge(agent, patch);
    this.check(serialization.GetAgentResponseModel as unknown as SchemaLike, merged, 'patched agent');
    this.agents.set(agentId, merged);
  }

  /** Stores a webhook tool as the dashboard would (wire `tool_config`), returns its id. */
  addTool(toolConfig: Json): string {
    const id = `tool_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
    const tool = this.toolResponse(id, toolConfig);
    this.check(serialization.ToolResponseModel as unknown as SchemaLike, tool, 'seeded tool');
    this.tools.set(id, tool);
    return id;
  }

  addSecret(name: string, value: string): string {
    const id = `sec_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
    this.secrets.set(id, { name, value });
    return id;
  }

  /** A workspace webhook as the dashboard creates it (HMAC), returns its id and secret. */
  addWebhook(
    name: string,
    url: string,
    state: { autoDisabled?: boolean; disabled?: boolean; lastFailureStatus?: number } = {},
  ): {
    id: string;
    secret: string;
  } {
    const id = randomUUID().replace(/-/g, '').slice(0, 28);
    const secret = `wsec_${randomBytes(32).toString('hex')}`;
    const wire: Json = {
      name,
      webhook_id: id,
      webhook_url: url,
      is_disabled: state.disabled ?? false,
      is_auto_disabled: state.autoDisabled ?? false,
      created_at_unix: Math.floor(this.now() / 1000),
      auth_type: 'hmac',
      ...(state.lastFailureStatus
        ? { most_recent_failure_error_code: state.lastFailureStatus, most_recent_failure_timestamp: Math.floor(this.now() / 1000) }
        : {}),
    };
    this.webhooks.set(id, { wire, secret, retryEnabled: false });
    return { id, secret };
  }

  /**
   * A conversation in the API's wire form (the post-call webhook's `data`), normalised through the
   * SDK's schema: fields the schema does not know are dropped, so what the server returns is
   * exactly what the API contract allows.
   */
  addConversation(wire: Json): Json {
    const schema = serialization.GetConversationResponseModel as unknown as SchemaLike;
    // The API added `has_auxiliary_audio` in 2026; older payloads (the shared fixtures) predate it.
    const parsed = schema.parse(
      { has_auxiliary_audio: false, ...wire },
      { unrecognizedObjectKeys: 'strip', allowUnrecognizedEnumValues: false },
    );
    if (!parsed.ok) throw new Error(`conversation does not match the API schema: ${describe(parsed.errors)}`);
    const normalised = schema.json(parsed.value, { unrecognizedObjectKeys: 'strip' });
    if (!normalised.ok) throw new Error(`conversation does not serialise: ${describe(normalised.errors)}`);
    const value = normalised.value as Json;
    this.conversations.set(String(value.conversation_id), value);
    return value;
  }

  private toolResponse(id: string, toolConfig: Json): Json {
    return {
      id,
      tool_config: toolConfig,
      access_info: { is_creator: true, creator_name: 'Contract Test', creator_email: 'contract@example.invalid', role: 'admin' },
      usage_stats: { total_calls: 0, avg_latency_secs: 0 },
    };
  }

  /** Validates a body against an SDK schema; throws 422 with the API's error shape. */
  private requestBody(schema: unknown, body: unknown, what: string): Json {
    const result = (schema as SchemaLike).parse(body, STRICT);
    if (!result.ok) throw new HttpFailure(422, [{ loc: ['body'], msg: `${what}: ${describe(result.errors)}`, type: 'value_error' }]);
    return body as Json;
  }

  private check(schema: SchemaLike, value: unknown, what: string): void {
    const result = schema.parse(value, STRICT);
    if (!result.ok) {
      const violation = `${what}: ${describe(result.errors)}`;
      this.contractViolations.push(violation);
      throw new HttpFailure(500, `contract violation (server bug): ${violation}`);
    }
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const read = await this.readJson(req, res, 'http://elevenlabs');
    if (!read) return;
    const { url, text, body } = read;
    const recorded: ElevenLabsRecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      text,
    };
    this.requests.push(recorded);
    const fault = this.faults.find((f) => f.remaining > 0 && (!f.match || f.match(recorded)));
    if (fault) {
      fault.remaining -= 1;
      const headers: Record<string, string> = fault.retryAfterSecs !== null ? { 'retry-after': String(fault.retryAfterSecs) } : {};
      const detail =
        fault.status === 429
          ? { status: 'too_many_concurrent_requests', message: 'Too many requests' }
          : fault.status === 401
            ? { status: 'invalid_api_key', message: 'Invalid API key' }
            : { status: 'internal_error', message: `server error ${fault.status}` };
      return this.reply(res, fault.status, { detail }, headers);
    }
    if (req.headers['xi-api-key'] !== this.apiKey) {
      return this.reply(res, 401, { detail: { status: 'invalid_api_key', message: 'Invalid API key' } });
    }
    try {
      const [status, payload] = this.route(recorded);
      return this.reply(res, status, payload);
    } catch (error) {
      if (error instanceof HttpFailure) return this.reply(res, error.status, { detail: error.detail });
      return this.reply(res, 500, { detail: (error as Error).message });
    }
  }

  private respond(schema: unknown, value: Json, what: string): [number, Json] {
    this.check(schema as SchemaLike, value, what);
    return [200, value];
  }

  /** The agent or tool a `(GET|PATCH) …/<id>` path names, or the 404 ElevenLabs answers. */
  private existing(store: Map<string, Json>, path: RegExpMatchArray, kind: 'Agent' | 'Tool'): [string, Json] {
    const id = decodeURIComponent(path[2] ?? '');
    const found = store.get(id);
    if (!found) throw new HttpFailure(404, { status: `${kind.toLowerCase()}_not_found`, message: `${kind} ${id} not found` });
    return [id, found];
  }

  private route(r: ElevenLabsRecordedRequest): [number, unknown] {
    const s = serialization;
    const key = `${r.method} ${r.path}`;

    const agentPath = key.match(/^(GET|PATCH) \/v1\/convai\/agents\/([^/]+)$/);
    if (agentPath) {
      const [agentId, agent] = this.existing(this.agents, agentPath, 'Agent');
      if (agentPath[1] === 'PATCH') {
        const patch = this.requestBody(s.conversationalAi.UpdateAgentRequest, r.body ?? {}, 'update agent');
        const merged = deepMerge(agent, patch);
        (merged.metadata as Json).updated_at_unix_secs = Math.floor(this.now() / 1000);
        this.check(s.GetAgentResponseModel as unknown as SchemaLike, merged, 'agent after update');
        this.agents.set(agentId, merged);
        return this.respond(s.GetAgentResponseModel, merged, 'update agent response');
      }
      return this.respond(s.GetAgentResponseModel, agent, 'get agent response');
    }

    if (key === 'GET /v1/convai/settings') return this.respond(s.GetConvAiSettingsResponseModel, this.settings, 'get settings response');
    if (key === 'PATCH /v1/convai/settings') {
      const patch = this.requestBody(s.conversationalAi.PatchConvAiSettingsRequest, r.body ?? {}, 'update settings');
      this.settings = deepMerge(this.settings, patch);
      return this.respond(s.GetConvAiSettingsResponseModel, this.settings, 'update settings response');
    }

    if (key === 'POST /v1/convai/tools') {
      const request = this.requestBody(s.ToolRequestModel, r.body, 'create tool');
      const id = `tool_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
      const tool = this.toolResponse(id, request.tool_config as Json);
      this.check(s.ToolResponseModel as unknown as SchemaLike, tool, 'created tool');
      this.tools.set(id, tool);
      return this.respond(s.ToolResponseModel, tool, 'create tool response');
    }
    const toolPath = key.match(/^(GET|PATCH) \/v1\/convai\/tools\/([^/]+)$/);
    if (toolPath) {
      const [toolId, tool] = this.existing(this.tools, toolPath, 'Tool');
      if (toolPath[1] === 'PATCH') {
        const request = this.requestBody(s.ToolRequestModel, r.body, 'update tool');
        const updated = this.toolResponse(toolId, request.tool_config as Json);
        this.check(s.ToolResponseModel as unknown as SchemaLike, updated, 'updated tool');
        this.tools.set(toolId, updated);
        return this.respond(s.ToolResponseModel, updated, 'update tool response');
      }
      return this.respond(s.ToolResponseModel, tool, 'get tool response');
    }

    if (key === 'GET /v1/convai/secrets') {
      const pageSize = Math.min(Number(r.query.get('page_size') ?? 100) || 100, 100);
      const all = [...this.secrets.entries()];
      const start = Number(r.query.get('cursor') ?? 0) || 0;
      const page = all.slice(start, start + pageSize);
      const body: Json = {
        secrets: page.map(([id, secret]) => ({
          type: 'stored',
          secret_id: id,
          name: secret.name,
          used_by: { tools: [], agents: [], others: [] },
        })),
        ...(start + pageSize < all.length ? { next_cursor: String(start + pageSize) } : {}),
      };
      return this.respond(s.GetWorkspaceSecretsResponseModel, body, 'list secrets response');
    }
    if (key === 'POST /v1/convai/secrets') {
      // The SDK adds the literal discriminant `type: "new"` outside the request schema.
      const { type, ...rest } = (r.body ?? {}) as Json;
      if (type !== 'new') throw new HttpFailure(422, [{ loc: ['body', 'type'], msg: 'expected "new"', type: 'value_error' }]);
      const request = this.requestBody(s.conversationalAi.PostWorkspaceSecretRequest, rest, 'create secret');
      if ([...this.secrets.values()].some((x) => x.name === request.name)) {
        throw new HttpFailure(400, { status: 'secret_name_taken', message: `A secret named ${String(request.name)} exists` });
      }
      const id = this.addSecret(String(request.name), String(request.value));
      return this.respond(
        s.PostWorkspaceSecretResponseModel,
        { type: 'stored', secret_id: id, name: request.name },
        'create secret response',
      );
    }

    if (key === 'GET /v1/workspace/webhooks') {
      const body = { webhooks: [...this.webhooks.values()].map((w) => w.wire) };
      return this.respond(s.WorkspaceWebhookListResponseModel, body, 'list webhooks response');
    }
    if (key === 'POST /v1/workspace/webhooks') {
      const request = this.requestBody(s.BodyCreateWorkspaceWebhookV1WorkspaceWebhooksPost, r.body, 'create webhook');
      const settings = request.settings as Json;
      const { id, secret } = this.addWebhook(String(settings.name), String(settings.webhook_url));
      return this.respond(s.WorkspaceCreateWebhookResponseModel, { webhook_id: id, webhook_secret: secret }, 'create webhook response');
    }
    const webhookPath = key.match(/^PATCH \/v1\/workspace\/webhooks\/([^/]+)$/);
    if (webhookPath) {
      const webhookId = decodeURIComponent(webhookPath[1] ?? '');
      const stored = this.webhooks.get(webhookId);
      if (!stored) throw new HttpFailure(404, { status: 'webhook_not_found', message: `Webhook ${webhookId} not found` });
      const request = this.requestBody(s.BodyUpdateWorkspaceWebhookV1WorkspaceWebhooksWebhookIdPatch, r.body, 'update webhook');
      stored.wire = { ...stored.wire, name: request.name, is_disabled: request.is_disabled };
      if (request.is_disabled === false) stored.wire.is_auto_disabled = false;
      if (typeof request.retry_enabled === 'boolean') stored.retryEnabled = request.retry_enabled;
      return this.respond(s.PatchWorkspaceWebhookResponseModel, { status: 'ok' }, 'update webhook response');
    }

    if (key === 'GET /v1/convai/conversations') return this.listConversations(r.query);
    const conversationPath = key.match(/^GET \/v1\/convai\/conversations\/([^/]+)$/);
    if (conversationPath) {
      const id = decodeURIComponent(conversationPath[1] ?? '');
      const conversation = this.conversations.get(id);
      if (!conversation) throw new HttpFailure(404, { status: 'conversation_not_found', message: `Conversation ${id} not found` });
      return this.respond(s.GetConversationResponseModel, conversation, 'get conversation response');
    }
    throw new HttpFailure(404, 'Not Found');
  }

  private listConversations(query: URLSearchParams): [number, Json] {
    const pageSize = Number(query.get('page_size') ?? 30);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      throw new HttpFailure(422, [{ loc: ['query', 'page_size'], msg: 'must be 1 to 100', type: 'value_error' }]);
    }
    const agentId = query.get('agent_id');
    const after = query.get('call_start_after_unix');
    const before = query.get('call_start_before_unix');
    const ascending = query.get('sort_direction') === 'asc';
    const start = (c: Json) => Number((c.metadata as Json).start_time_unix_secs);
    const matching = [...this.conversations.values()]
      .filter((c) => !agentId || c.agent_id === agentId)
      .filter((c) => after === null || start(c) > Number(after))
      .filter((c) => before === null || start(c) < Number(before))
      .sort(
        (a, b) =>
          (ascending ? start(a) - start(b) : start(b) - start(a)) || String(a.conversation_id).localeCompare(String(b.conversation_id)),
      );
    const cursor = query.get('cursor');
    let offset = 0;
    if (cursor) {
      const decoded = Number(
        Buffer.from(cursor, 'base64url')
          .toString('utf8')
          .replace(/^offset:/, ''),
      );
      if (!Number.isInteger(decoded) || decoded < 0) throw new HttpFailure(400, { status: 'invalid_cursor', message: 'Invalid cursor' });
      offset = decoded;
    }
    const page = matching.slice(offset, offset + pageSize);
    const hasMore = offset + pageSize < matching.length;
    const body: Json = {
      conversations: page.map((c) => {
        const metadata = c.metadata as Json;
        const analysis = (c.analysis ?? {}) as Json;
        return {
          agent_id: c.agent_id,
          conversation_id: c.conversation_id,
          start_time_unix_secs: metadata.start_time_unix_secs,
          call_duration_secs: metadata.call_duration_secs,
          message_count: Array.isArray(c.transcript) ? c.transcript.length : 0,
          status: c.status,
          call_successful: analysis.call_successful ?? 'unknown',
          ...(typeof analysis.transcript_summary === 'string' ? { transcript_summary: analysis.transcript_summary } : {}),
        };
      }),
      has_more: hasMore,
      ...(hasMore ? { next_cursor: Buffer.from(`offset:${offset + pageSize}`, 'utf8').toString('base64url') } : {}),
    };
    return this.respond(serialization.GetConversationsPageResponseModel, body, 'list conversations response');
  }
}
