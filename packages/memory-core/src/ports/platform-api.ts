/**
 * What the product needs from a voice platform's management API (today ElevenLabs): read and
 * configure an agent for memory (`pnpm elevenlabs setup|verify`) and list the conversations whose
 * post-call webhook never arrived (reconciliation). Types only: the implementation lives in
 * provider-adapters (the platform's official SDK), tests point it at a loopback contract server.
 */

/** A request-header value as the platform stores it: never the secret itself, only where it lives. */
export type PlatformHeaderValue =
  | { readonly kind: 'literal'; readonly value: string }
  /** A workspace secret (ElevenLabs secret store), by id. */
  | { readonly kind: 'secret'; readonly secretId: string }
  /** A dynamic variable evaluated per call, e.g. `system__caller_id`. */
  | { readonly kind: 'dynamic_variable'; readonly name: string }
  /** Anything else the platform supports (environment-variable locators…), kept as it is. */
  | { readonly kind: 'other' };

export type PlatformParameterType = 'string' | 'boolean' | 'integer' | 'number';

/** One body parameter of a webhook tool: filled by the LLM (description) or bound to a dynamic variable. */
export interface PlatformToolParameter {
  readonly type: PlatformParameterType;
  readonly description?: string;
  readonly dynamicVariable?: string;
}

/** A webhook (server) tool: the platform calls `url` mid-call when the LLM decides to. */
export interface PlatformWebhookTool {
  /** The workspace tool id. */
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, PlatformHeaderValue>>;
  readonly bodyParameters: Readonly<Record<string, PlatformToolParameter>>;
  readonly requiredBodyParameters: readonly string[];
  readonly responseTimeoutSecs: number | null;
}

export type PlatformWebhookToolConfig = Omit<PlatformWebhookTool, 'id'>;

/** A tool of the agent that is not a webhook tool (client, system, MCP…): listed, never changed. */
export interface PlatformOtherTool {
  readonly id: string;
  readonly name: string;
  readonly type: string;
}

/** A Data Collection item: the platform's own model fills it from the transcript after each call. */
export interface DataCollectionItem {
  readonly type: PlatformParameterType;
  readonly description: string;
}

export interface InitiationWebhookSettings {
  readonly url: string;
  readonly headers: Readonly<Record<string, PlatformHeaderValue>>;
}

/** The agent's own settings that memory depends on. */
export interface PlatformAgent {
  readonly agentId: string;
  readonly name: string;
  readonly prompt: string;
  readonly firstMessage: string;
  /** Declared dynamic variables and their placeholder values. */
  readonly dynamicVariables: Readonly<Record<string, string | number | boolean>>;
  readonly toolIds: readonly string[];
  /** Which conversation-initiation fields the agent lets a webhook set. */
  readonly overrides: {
    readonly initiationWebhook: boolean;
    readonly firstMessage: boolean;
    readonly prompt: boolean;
  };
  /** The agent's own (per-agent) conversation-initiation webhook, or null when it uses the workspace's. */
  readonly initiationWebhook: InitiationWebhookSettings | null;
  /** The agent's own post-call webhook (a workspace webhook id) and events, or null for the workspace's. */
  readonly postCallWebhook: { readonly webhookId: string; readonly events: readonly string[] } | null;
  readonly dataCollection: Readonly<Record<string, DataCollectionItem>>;
}

/** What to change on an agent; absent fields stay as they are. Maps and lists are whole (not merged). */
export interface AgentChanges {
  readonly prompt?: string;
  readonly dynamicVariables?: Readonly<Record<string, string | number | boolean>>;
  readonly toolIds?: readonly string[];
  readonly overrides?: Partial<PlatformAgent['overrides']>;
  readonly initiationWebhook?: InitiationWebhookSettings;
  readonly postCallWebhook?: { readonly webhookId: string; readonly events: readonly string[] };
  readonly dataCollection?: Readonly<Record<string, DataCollectionItem>>;
}

/** Workspace-wide settings (every agent that does not override them). */
export interface PlatformWorkspaceSettings {
  readonly initiationWebhook: InitiationWebhookSettings | null;
  readonly postCallWebhook: { readonly webhookId: string; readonly events: readonly string[] } | null;
}

export interface WorkspaceSettingsChanges {
  readonly initiationWebhook?: InitiationWebhookSettings;
  readonly postCallWebhook?: { readonly webhookId: string; readonly events: readonly string[] };
}

/** A workspace webhook (post-call deliveries go to one). */
export interface PlatformWebhook {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly authType: string;
  /** Disabled by a person. */
  readonly disabled: boolean;
  /** Disabled by the platform after repeated failed deliveries. */
  readonly autoDisabled: boolean;
  readonly lastFailureStatus: number | null;
  /** Unix seconds. */
  readonly lastFailureAt: number | null;
}

/** A workspace secret: its value is never readable back. */
export interface PlatformSecret {
  readonly id: string;
  readonly name: string;
}

export type ConversationStatus = 'initiated' | 'in-progress' | 'processing' | 'done' | 'failed' | (string & {});

export interface ConversationSummary {
  readonly conversationId: string;
  readonly agentId: string;
  /** Unix seconds. */
  readonly startTimeUnixSecs: number;
  readonly durationSecs: number;
  readonly status: ConversationStatus;
}

export interface ConversationPage {
  readonly conversations: readonly ConversationSummary[];
  /** Opaque cursor of the next page, or null at the end. */
  readonly nextCursor: string | null;
}

/** One conversation as the post-call webhook would have carried it. */
export interface ConversationDetail extends ConversationSummary {
  /** The conversation object in the platform's wire format (the post-call webhook's `data`). */
  readonly wire: Readonly<Record<string, unknown>>;
}

export interface ListConversationsQuery {
  readonly agentId: string;
  /** Only conversations that started at or after this instant (Unix seconds). */
  readonly startedAfterUnixSecs?: number;
  /** Oldest first (the reconciler's watermark order). */
  readonly order: 'oldest_first' | 'newest_first';
  readonly cursor?: string | null;
  readonly pageSize: number;
}

/** Failures of the platform API, in our terms (whatever the SDK throws). */
export type PlatformApiErrorKind = 'unauthorized' | 'not_found' | 'rate_limited' | 'unavailable' | 'timeout' | 'invalid' | 'unknown';

export class PlatformApiError extends Error {
  constructor(
    readonly kind: PlatformApiErrorKind,
    message: string,
    readonly status: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PlatformApiError';
  }
}

/** The ElevenLabs management API as the product uses it. */
export interface PlatformApi {
  getAgent(agentId: string): Promise<PlatformAgent>;
  updateAgent(agentId: string, changes: AgentChanges): Promise<void>;
  getWorkspaceSettings(): Promise<PlatformWorkspaceSettings>;
  updateWorkspaceSettings(changes: WorkspaceSettingsChanges): Promise<void>;
  getTool(toolId: string): Promise<PlatformWebhookTool | PlatformOtherTool>;
  createWebhookTool(config: PlatformWebhookToolConfig): Promise<PlatformWebhookTool>;
  updateWebhookTool(toolId: string, config: PlatformWebhookToolConfig): Promise<void>;
  listWebhooks(): Promise<readonly PlatformWebhook[]>;
  /** Creates an HMAC post-call webhook; the secret is returned once, here. */
  createHmacWebhook(name: string, url: string): Promise<{ readonly webhookId: string; readonly secret: string }>;
  updateWebhook(
    webhookId: string,
    changes: { readonly name: string; readonly disabled: boolean; readonly retryEnabled: boolean },
  ): Promise<void>;
  listSecrets(): Promise<readonly PlatformSecret[]>;
  createSecret(name: string, value: string): Promise<PlatformSecret>;
  listConversations(query: ListConversationsQuery): Promise<ConversationPage>;
  getConversation(conversationId: string): Promise<ConversationDetail>;
}

export function isWebhookTool(tool: PlatformWebhookTool | PlatformOtherTool): tool is PlatformWebhookTool {
  return 'url' in tool;
}
