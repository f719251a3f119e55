/**
 * The PlatformApi port on the official ElevenLabs SDK (`@elevenlabs/elevenlabs-js`): agents,
 * workspace Conversational-AI settings, workspace tools, secrets and webhooks, conversations. The
 * SDK speaks camelCase and retries 408/429/5xx itself (honouring `Retry-After`); this adapter maps
 * its types to the port's and its errors to PlatformApiError. Only the CLI and the reconcile role
 * import it (a separate package entry), never the call-path bundles.
 */

import {
  type AgentChanges,
  type ConversationDetail,
  type ConversationPage,
  type ConversationSummary,
  type DataCollectionItem,
  type InitiationWebhookSettings,
  type ListConversationsQuery,
  type PlatformAgent,
  type PlatformApi,
  PlatformApiError,
  type PlatformHeaderValue,
  type PlatformOtherTool,
  type PlatformParameterType,
  type PlatformSecret,
  type PlatformToolParameter,
  type PlatformWebhook,
  type PlatformWebhookTool,
  type PlatformWebhookToolConfig,
  type PlatformWorkspaceSettings,
  type WorkspaceSettingsChanges,
} from '@agentic-memory/memory-core';
import { type ElevenLabs, ElevenLabsClient, ElevenLabsError, ElevenLabsTimeoutError } from '@elevenlabs/elevenlabs-js';
import * as serialization from '@elevenlabs/elevenlabs-js/serialization';

export const ELEVENLABS_API_URL = 'https://api.elevenlabs.io';

export interface ElevenLabsSdkOptions {
  readonly apiKey: string;
  /** The API's base URL (`ELEVENLABS_API_URL`): the public API by default, a contract server in tests. */
  readonly baseUrl?: string;
  /** Retries of 408/429/5xx by the SDK (which waits `Retry-After` when the API sends it). Default 3. */
  readonly maxRetries?: number;
  /** Per request. Default 30 s. */
  readonly timeoutSeconds?: number;
}

type SdkHeader =
  | string
  | ElevenLabs.ConvAiSecretLocator
  | ElevenLabs.ConvAiDynamicVariable
  | ElevenLabs.ConvAiEnvVarLocator
  | Record<string, unknown>;

function fromSdkHeader(value: SdkHeader): PlatformHeaderValue {
  if (typeof value === 'string') return { kind: 'literal', value };
  if ('secretId' in value && typeof value.secretId === 'string') return { kind: 'secret', secretId: value.secretId };
  if ('variableName' in value && typeof value.variableName === 'string') return { kind: 'dynamic_variable', name: value.variableName };
  return { kind: 'other' };
}

function fromSdkHeaders(headers: Readonly<Record<string, SdkHeader | undefined>> | undefined): Record<string, PlatformHeaderValue> {
  const out: Record<string, PlatformHeaderValue> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name] = fromSdkHeader(value);
  return out;
}

/** Tool headers: literals, secrets and dynamic variables. */
function toSdkToolHeaders(
  headers: Readonly<Record<string, PlatformHeaderValue>>,
): Record<string, ElevenLabs.WebhookToolApiSchemaConfigInputRequestHeadersValue> {
  const out: Record<string, ElevenLabs.WebhookToolApiSchemaConfigInputRequestHeadersValue> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value.kind === 'literal') out[name] = value.value;
    else if (value.kind === 'secret') out[name] = { secretId: value.secretId };
    else if (value.kind === 'dynamic_variable') out[name] = { variableName: value.name };
    else throw new PlatformApiError('invalid', `header ${name}: only literal, secret and dynamic-variable values can be written`);
  }
  return out;
}

/** Initiation-webhook headers: literals and secrets only (the API's type). */
function toSdkInitiationWebhook(webhook: InitiationWebhookSettings): ElevenLabs.ConversationInitiationClientDataWebhook {
  const requestHeaders: Record<string, ElevenLabs.ConversationInitiationClientDataWebhookRequestHeadersValue> = {};
  for (const [name, value] of Object.entries(webhook.headers)) {
    if (value.kind === 'literal') requestHeaders[name] = value.value;
    else if (value.kind === 'secret') requestHeaders[name] = { secretId: value.secretId };
    else throw new PlatformApiError('invalid', `initiation webhook header ${name}: only literal and secret values are allowed`);
  }
  return { url: webhook.url, requestHeaders };
}

function fromSdkInitiationWebhook(
  webhook: ElevenLabs.ConversationInitiationClientDataWebhook | undefined,
): InitiationWebhookSettings | null {
  if (!webhook?.url) return null;
  return { url: webhook.url, headers: fromSdkHeaders(webhook.requestHeaders as Record<string, SdkHeader>) };
}

function fromSdkPostCall(webhooks: ElevenLabs.ConvAiWebhooks | undefined): PlatformAgent['postCallWebhook'] {
  if (!webhooks?.postCallWebhookId) return null;
  return { webhookId: webhooks.postCallWebhookId, events: [...(webhooks.events ?? [])] };
}

function parameterType(type: unknown): PlatformParameterType {
  return type === 'boolean' || type === 'integer' || type === 'number' ? type : 'string';
}

function scalar(value: unknown): string | number | boolean | null {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
}

function fromSdkTool(response: ElevenLabs.ToolResponseModel): PlatformWebhookTool | PlatformOtherTool {
  const config = response.toolConfig;
  const name = 'name' in config && typeof config.name === 'string' ? config.name : response.id;
  if (config.type !== 'webhook') return { id: response.id, name, type: config.type };
  const schema = config.apiSchema;
  const bodyParameters: Record<string, PlatformToolParameter> = {};
  for (const [param, property] of Object.entries(schema.requestBodySchema?.properties ?? {})) {
    const p = property as ElevenLabs.LiteralJsonSchemaProperty;
    bodyParameters[param] = {
      type: parameterType(p.type),
      ...(p.description ? { description: p.description } : {}),
      ...(p.dynamicVariable ? { dynamicVariable: p.dynamicVariable } : {}),
    };
  }
  return {
    id: response.id,
    name: config.name,
    description: config.description,
    url: schema.url,
    method: schema.method ?? 'GET',
    headers: fromSdkHeaders(schema.requestHeaders as Record<string, SdkHeader>),
    bodyParameters,
    requiredBodyParameters: [...(schema.requestBodySchema?.required ?? [])],
    responseTimeoutSecs: config.responseTimeoutSecs ?? null,
  };
}

function toSdkTool(config: PlatformWebhookToolConfig): ElevenLabs.ToolRequestModel {
  const properties: Record<string, ElevenLabs.LiteralJsonSchemaProperty> = {};
  for (const [name, p] of Object.entries(config.bodyParameters)) {
    properties[name] = {
      type: p.type,
      ...(p.description !== undefined ? { description: p.description } : {}),
      ...(p.dynamicVariable !== undefined ? { dynamicVariable: p.dynamicVariable } : {}),
    };
  }
  const method = config.method.toUpperCase() as ElevenLabs.WebhookToolApiSchemaConfigInputMethod;
  return {
    toolConfig: {
      type: 'webhook',
      name: config.name,
      description: config.description,
      ...(config.responseTimeoutSecs !== null ? { responseTimeoutSecs: config.responseTimeoutSecs } : {}),
      apiSchema: {
        url: config.url,
        method,
        requestHeaders: toSdkToolHeaders(config.headers),
        ...(Object.keys(properties).length > 0
          ? { requestBodySchema: { type: 'object', required: [...config.requiredBodyParameters], properties } }
          : {}),
      },
    },
  };
}

function placeholders(dynamicVariables: unknown): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  if (dynamicVariables === null || typeof dynamicVariables !== 'object') return out;
  // `dynamic_variables` is untyped in the SDK (`unknown`): it stays in wire form (snake_case).
  const map = (dynamicVariables as { dynamic_variable_placeholders?: unknown }).dynamic_variable_placeholders;
  if (map === null || typeof map !== 'object') return out;
  for (const [name, value] of Object.entries(map as Record<string, unknown>)) {
    const v = scalar(value);
    if (v !== null) out[name] = v;
  }
  return out;
}

function fromSdkAgent(agent: ElevenLabs.GetAgentResponseModel): PlatformAgent {
  const config = agent.conversationConfig.agent;
  const platform = agent.platformSettings;
  const dataCollection: Record<string, DataCollectionItem> = {};
  for (const [id, item] of Object.entries(platform?.dataCollection ?? {})) {
    dataCollection[id] = { type: parameterType(item.type), description: item.description ?? '' };
  }
  const agentOverrides = platform?.overrides?.conversationConfigOverride?.agent;
  return {
    agentId: agent.agentId,
    name: agent.name,
    prompt: config?.prompt?.prompt ?? '',
    firstMessage: config?.firstMessage ?? '',
    dynamicVariables: placeholders(config?.dynamicVariables),
    toolIds: [...(config?.prompt?.toolIds ?? [])],
    overrides: {
      initiationWebhook: platform?.overrides?.enableConversationInitiationClientDataFromWebhook === true,
      firstMessage: agentOverrides?.firstMessage === true,
      prompt: agentOverrides?.prompt?.prompt === true,
    },
    initiationWebhook: fromSdkInitiationWebhook(platform?.workspaceOverrides?.conversationInitiationClientDataWebhook),
    postCallWebhook: fromSdkPostCall(platform?.workspaceOverrides?.webhooks),
    dataCollection,
  };
}

function toSdkWebhooks(postCall: { readonly webhookId: string; readonly events: readonly string[] }): ElevenLabs.ConvAiWebhooks {
  return { postCallWebhookId: postCall.webhookId, events: postCall.events as ElevenLabs.WebhookEventType[] };
}

function toSdkAgentUpdate(changes: AgentChanges): ElevenLabs.conversationalAi.UpdateAgentRequest {
  const agent: ElevenLabs.AgentConfig = {};
  if (changes.prompt !== undefined || changes.toolIds !== undefined) {
    agent.prompt = {
      ...(changes.prompt !== undefined ? { prompt: changes.prompt } : {}),
      ...(changes.toolIds !== undefined ? { toolIds: [...changes.toolIds] } : {}),
    };
  }
  if (changes.dynamicVariables !== undefined) agent.dynamicVariables = { dynamic_variable_placeholders: { ...changes.dynamicVariables } };
  const platform: ElevenLabs.AgentPlatformSettingsRequestModel = {};
  if (changes.overrides) {
    const o = changes.overrides;
    platform.overrides = {
      ...(o.initiationWebhook !== undefined ? { enableConversationInitiationClientDataFromWebhook: o.initiationWebhook } : {}),
      ...(o.firstMessage !== undefined || o.prompt !== undefined
        ? {
            conversationConfigOverride: {
              agent: {
                ...(o.firstMessage !== undefined ? { firstMessage: o.firstMessage } : {}),
                ...(o.prompt !== undefined ? { prompt: { prompt: o.prompt } } : {}),
              },
            },
          }
        : {}),
    };
  }
  if (changes.initiationWebhook || changes.postCallWebhook) {
    platform.workspaceOverrides = {
      ...(changes.initiationWebhook ? { conversationInitiationClientDataWebhook: toSdkInitiationWebhook(changes.initiationWebhook) } : {}),
      ...(changes.postCallWebhook ? { webhooks: toSdkWebhooks(changes.postCallWebhook) } : {}),
    };
  }
  if (changes.dataCollection) {
    platform.dataCollection = Object.fromEntries(
      Object.entries(changes.dataCollection).map(([id, item]) => [id, { type: item.type, description: item.description }]),
    );
  }
  return {
    ...(Object.keys(agent).length > 0 ? { conversationConfig: { agent } } : {}),
    ...(Object.keys(platform).length > 0 ? { platformSettings: platform } : {}),
  };
}

function summary(c: {
  conversationId: string;
  agentId: string;
  startTimeUnixSecs: number;
  callDurationSecs: number;
  status: string;
}): ConversationSummary {
  return {
    conversationId: c.conversationId,
    agentId: c.agentId,
    startTimeUnixSecs: c.startTimeUnixSecs,
    durationSecs: c.callDurationSecs,
    status: c.status,
  };
}

/** The SDK's errors in the port's terms; the API key never appears in a message. */
export function toPlatformApiError(error: unknown, what: string): PlatformApiError {
  if (error instanceof PlatformApiError) return error;
  if (error instanceof ElevenLabsTimeoutError) return new PlatformApiError('timeout', `${what}: timed out`, null, { cause: error });
  if (error instanceof ElevenLabsError) {
    const status = error.statusCode ?? null;
    const kind =
      status === 401 || status === 403
        ? 'unauthorized'
        : status === 404
          ? 'not_found'
          : status === 429
            ? 'rate_limited'
            : status !== null && status >= 500
              ? 'unavailable'
              : status === 400 || status === 422
                ? 'invalid'
                : 'unknown';
    const detail = (error.body as { detail?: unknown } | undefined)?.detail;
    const reason = typeof detail === 'string' ? detail : detail ? JSON.stringify(detail).slice(0, 300) : `HTTP ${status ?? '?'}`;
    return new PlatformApiError(kind, `${what}: ${reason}`, status, { cause: error });
  }
  return new PlatformApiError('unknown', `${what}: ${(error as Error).message}`, null, { cause: error });
}

export class ElevenLabsSdkPlatformApi implements PlatformApi {
  private readonly client: ElevenLabsClient;

  constructor(options: ElevenLabsSdkOptions) {
    if (!options.apiKey) throw new PlatformApiError('unauthorized', 'ELEVENLABS_API_KEY is not set');
    this.client = new ElevenLabsClient({
      apiKey: options.apiKey,
      baseUrl: (options.baseUrl ?? ELEVENLABS_API_URL).replace(/\/+$/, ''),
      maxRetries: options.maxRetries ?? 3,
      timeoutInSeconds: options.timeoutSeconds ?? 30,
    });
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toPlatformApiError(error, what);
    }
  }

  getAgent(agentId: string): Promise<PlatformAgent> {
    return this.call(`get agent ${agentId}`, async () => fromSdkAgent(await this.client.conversationalAi.agents.get(agentId)));
  }

  async updateAgent(agentId: string, changes: AgentChanges): Promise<void> {
    await this.call(`update agent ${agentId}`, () => this.client.conversationalAi.agents.update(agentId, toSdkAgentUpdate(changes)));
  }

  getWorkspaceSettings(): Promise<PlatformWorkspaceSettings> {
    return this.call('get workspace settings', async () => {
      const settings = await this.client.conversationalAi.settings.get();
      return {
        initiationWebhook: fromSdkInitiationWebhook(settings.conversationInitiationClientDataWebhook),
        postCallWebhook: fromSdkPostCall(settings.webhooks),
      };
    });
  }

  async updateWorkspaceSettings(changes: WorkspaceSettingsChanges): Promise<void> {
    await this.call('update workspace settings', () =>
      this.client.conversationalAi.settings.update({
        ...(changes.initiationWebhook
          ? { conversationInitiationClientDataWebhook: toSdkInitiationWebhook(changes.initiationWebhook) }
          : {}),
        ...(changes.postCallWebhook ? { webhooks: toSdkWebhooks(changes.postCallWebhook) } : {}),
      }),
    );
  }

  getTool(toolId: string): Promise<PlatformWebhookTool | PlatformOtherTool> {
    return this.call(`get tool ${toolId}`, async () => fromSdkTool(await this.client.conversationalAi.tools.get(toolId)));
  }

  createWebhookTool(config: PlatformWebhookToolConfig): Promise<PlatformWebhookTool> {
    return this.call(`create tool ${config.name}`, async () => {
      const created = fromSdkTool(await this.client.conversationalAi.tools.create(toSdkTool(config)));
      if (!('url' in created))
        throw new PlatformApiError('invalid', `create tool ${config.name}: the API answered with a ${created.type} tool`);
      return created;
    });
  }

  async updateWebhookTool(toolId: string, config: PlatformWebhookToolConfig): Promise<void> {
    await this.call(`update tool ${toolId}`, () => this.client.conversationalAi.tools.update(toolId, toSdkTool(config)));
  }

  listWebhooks(): Promise<readonly PlatformWebhook[]> {
    return this.call('list workspace webhooks', async () => {
      const { webhooks } = await this.client.webhooks.list({ includeUsages: false });
      return webhooks.map((w) => ({
        id: w.webhookId,
        name: w.name,
        url: w.webhookUrl,
        authType: w.authType,
        disabled: w.isDisabled,
        autoDisabled: w.isAutoDisabled,
        lastFailureStatus: w.mostRecentFailureErrorCode ?? null,
        lastFailureAt: w.mostRecentFailureTimestamp ?? null,
      }));
    });
  }

  createHmacWebhook(name: string, url: string): Promise<{ webhookId: string; secret: string }> {
    return this.call('create workspace webhook', async () => {
      const created = await this.client.webhooks.create({ settings: { authType: 'hmac', name, webhookUrl: url } });
      if (!created.webhookSecret) throw new PlatformApiError('invalid', 'create workspace webhook: the API returned no HMAC secret');
      return { webhookId: created.webhookId, secret: created.webhookSecret };
    });
  }

  async updateWebhook(webhookId: string, changes: { name: string; disabled: boolean; retryEnabled: boolean }): Promise<void> {
    await this.call(`update workspace webhook ${webhookId}`, () =>
      this.client.webhooks.update(webhookId, { name: changes.name, isDisabled: changes.disabled, retryEnabled: changes.retryEnabled }),
    );
  }

  listSecrets(): Promise<readonly PlatformSecret[]> {
    return this.call('list workspace secrets', async () => {
      const secrets: PlatformSecret[] = [];
      let cursor: string | undefined;
      do {
        const page = await this.client.conversationalAi.secrets.list({ pageSize: 100, ...(cursor ? { cursor } : {}) });
        for (const s of page.secrets) secrets.push({ id: s.secretId, name: s.name });
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return secrets;
    });
  }

  createSecret(name: string, value: string): Promise<PlatformSecret> {
    return this.call(`create workspace secret ${name}`, async () => {
      const created = await this.client.conversationalAi.secrets.create({ name, value });
      return { id: created.secretId, name: created.name };
    });
  }

  listConversations(query: ListConversationsQuery): Promise<ConversationPage> {
    return this.call(`list conversations of ${query.agentId}`, async () => {
      const page = await this.client.conversationalAi.conversations.list({
        agentId: query.agentId,
        pageSize: query.pageSize,
        sortDirection: query.order === 'oldest_first' ? 'asc' : 'desc',
        ...(query.startedAfterUnixSecs !== undefined ? { callStartAfterUnix: query.startedAfterUnixSecs } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
      });
      return { conversations: page.conversations.map(summary), nextCursor: page.hasMore ? (page.nextCursor ?? null) : null };
    });
  }

  getConversation(conversationId: string): Promise<ConversationDetail> {
    return this.call(`get conversation ${conversationId}`, async () => {
      const conversation = await this.client.conversationalAi.conversations.get(conversationId);
      // Back to the wire form the post-call webhook carries, with the SDK's own serializer (fields
      // it does not know yet pass through unchanged).
      const wire = serialization.GetConversationResponseModel.jsonOrThrow(conversation, {
        unrecognizedObjectKeys: 'passthrough',
        allowUnrecognizedUnionMembers: true,
        allowUnrecognizedEnumValues: true,
        skipValidation: true,
      }) as unknown as Record<string, unknown>;
      return {
        ...summary({
          conversationId: conversation.conversationId,
          agentId: conversation.agentId,
          startTimeUnixSecs: conversation.metadata.startTimeUnixSecs,
          callDurationSecs: conversation.metadata.callDurationSecs,
          status: conversation.status,
        }),
        wire,
      };
    });
  }
}
