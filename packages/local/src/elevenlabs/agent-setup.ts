/**
 * `pnpm elevenlabs setup|verify`: what an ElevenLabs agent needs for memory, read through the
 * PlatformApi port, compared with what its agent type asks for, and (setup) changed with as few
 * write requests as possible — none when nothing differs. Secrets are referenced, never printed:
 * the workspace key lives in an ElevenLabs workspace secret whose name carries a fingerprint of the
 * key (so verify can tell it holds the current one), the HMAC secret ElevenLabs issues goes
 * straight to where the runtime reads it.
 */
import { createHash } from 'node:crypto';
import {
  type AgentChanges,
  type AgentType,
  DATA_COLLECTION_KEYS,
  type DataCollectionItem,
  type ExtractField,
  type InitiationWebhookSettings,
  isWebhookTool,
  type PlatformAgent,
  type PlatformApi,
  type PlatformHeaderValue,
  type PlatformWebhook,
  type PlatformWebhookTool,
  type PlatformWebhookToolConfig,
  type PlatformWorkspaceSettings,
} from '@agentic-memory/memory-core';

/** The conversation-start, memory-search and post-call paths this product serves for ElevenLabs. */
export const ELEVENLABS_PATHS = {
  conversationStart: ['/client-data', '/v1/elevenlabs/conversation-start'],
  memorySearch: ['/retrieve', '/v1/elevenlabs/memory-search'],
  postCall: ['/post-call', '/v1/elevenlabs/webhook'],
} as const;

export const MEMORY_TOOL_NAME = 'agentic_memory_search';
export const MEMORY_TOOL_DESCRIPTION =
  'Searches what we remember about this caller from earlier calls (their name, preferences, past issues, what was agreed). ' +
  'Call it when the caller refers to a previous conversation, asks what you know about them, or when an earlier detail would help; ' +
  'pass a short question as query. The caller is identified automatically.';
const QUERY_DESCRIPTION = 'What to look up in the caller’s memory, as a short question (e.g. "what did we agree about the refund?")';
const MEMORY_CONTEXT_BLOCK = '\n\nWhat you remember about this caller (from earlier calls):\n{{memory_context}}';

/** Descriptions for the Data Collection items: ElevenLabs' own model fills them from each transcript. */
export const FIELD_DESCRIPTIONS: Readonly<Record<ExtractField, string>> = {
  name: "The caller's full name, as they said it. Empty if they did not give it.",
  preferences: 'Preferences the caller stated (products, times, ways of working), in a short phrase.',
  account_status: "The caller's account status or plan (e.g. active, suspended, premium), if mentioned.",
  contact_preference: 'How the caller prefers to be contacted (email, phone, text), if stated.',
  issue_type: 'The kind of issue the caller called about (billing, technical, account, delivery…), in one or two words.',
  issue_category: 'The category of the technical issue (connectivity, hardware, software, account…), in one or two words.',
  escalation_level: 'Whether the issue was escalated and to what level (none, supervisor, tier 2…).',
  technical_skill: "The caller's technical skill as shown in the call (beginner, intermediate, expert).",
  resolution: 'How the issue was resolved, or that it was not, in one sentence.',
  resolution_steps: 'The troubleshooting steps taken during the call, in order, briefly.',
  technical_details: 'Technical details the caller gave: device, model, operating system, error codes.',
  satisfaction: 'How satisfied the caller seemed at the end (satisfied, neutral, dissatisfied).',
  budget: "The caller's budget, with the amount and currency (e.g. $18,000), if discussed.",
  timeline: 'When the caller wants to buy or start (e.g. within 3 months), if discussed.',
  interests: 'Products or services the caller showed interest in.',
  objections: 'Objections or concerns the caller raised.',
  decision_maker: 'Who makes the buying decision (the caller, their manager…), if said.',
  company: 'The company or organisation the caller works for, if said.',
  address: "The caller's own street address (the newest one if it changed during the call), with town and postcode if said.",
  account_number: "The caller's account, membership, customer, policy or booking number, exactly as given (e.g. FH-204-3381).",
};

export interface SetupContext {
  readonly api: PlatformApi;
  readonly agentId: string;
  readonly agentTypeName: string;
  readonly agentType: AgentType;
  /** Public base URL of this deployment (no trailing slash). Null in verify without --base-url. */
  readonly baseUrl: string | null;
  /** The workspace key the runtime checks; null when not set anywhere. */
  readonly workspaceKey: string | null;
  /** The HMAC secret the runtime verifies post-call webhooks with; null when not set. */
  readonly hmacKey: string | null;
  /** Also configure the workspace-wide settings (initiation webhook and post-call webhook). */
  readonly workspace: boolean;
  /** Name of the environment (webhook display name). */
  readonly environmentName: string;
}

/** Workspace secret name for a workspace key: a fingerprint, never the key. */
export function workspaceSecretName(workspaceKey: string): string {
  return `agentic_memory_workspace_key_${createHash('sha256').update(workspaceKey).digest('hex').slice(0, 12)}`;
}

/** An HMAC key generated by `pnpm start` (not issued by ElevenLabs): a post-call webhook can never be signed with it. */
export function isLocallyGeneratedHmacKey(key: string | null): boolean {
  return key === null || key.startsWith('am_hmac_');
}

/** The agent type's memory-search path (the versioned one when it declares none). */
function memorySearchPath(agentType: AgentType): string {
  return agentType.webhooks.memory_search?.endpoint ?? '/v1/elevenlabs/memory-search';
}

function pathOf(url: string): string | null {
  try {
    return new URL(url).pathname.replace(/\/+$/, '') || '/';
  } catch {
    return null;
  }
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

/** Whether `url` is `baseUrl` + one of `paths` (any of ours when no base URL is known). */
function pointsAt(url: string | null | undefined, baseUrl: string | null, paths: readonly string[]): boolean {
  if (!url) return false;
  if (baseUrl === null) return (paths as readonly string[]).includes(pathOf(url) ?? '');
  return paths.some((p) => originOf(url) === `${baseUrl}${p}`);
}

function describeHeader(value: PlatformHeaderValue | undefined, secretNames: ReadonlyMap<string, string>): string {
  if (!value) return 'missing';
  if (value.kind === 'secret') return `workspace secret ${secretNames.get(value.secretId) ?? value.secretId}`;
  if (value.kind === 'dynamic_variable') return `{{${value.name}}}`;
  if (value.kind === 'literal') return 'a literal value (not shown)';
  return 'another kind of value';
}

export interface Check {
  readonly label: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** Everything read from the platform once, for both verify and setup. */
export interface AgentState {
  readonly agent: PlatformAgent;
  readonly workspaceSettings: PlatformWorkspaceSettings;
  readonly webhooks: readonly PlatformWebhook[];
  readonly secretNames: ReadonlyMap<string, string>;
  /** The workspace secret holding the current workspace key, if it exists. */
  readonly workspaceSecretId: string | null;
  /** The agent's tool that calls our memory-search path, if any. */
  readonly memoryTool: PlatformWebhookTool | null;
}

export async function readAgentState(ctx: SetupContext): Promise<AgentState> {
  const agent = await ctx.api.getAgent(ctx.agentId);
  const [workspaceSettings, webhooks, secrets] = await Promise.all([
    ctx.api.getWorkspaceSettings(),
    ctx.api.listWebhooks(),
    ctx.api.listSecrets(),
  ]);
  const secretNames = new Map(secrets.map((s) => [s.id, s.name]));
  const wanted = ctx.workspaceKey ? workspaceSecretName(ctx.workspaceKey) : null;
  const workspaceSecretId = secrets.find((s) => s.name === wanted)?.id ?? null;
  let memoryTool: PlatformWebhookTool | null = null;
  for (const toolId of agent.toolIds) {
    const tool = await ctx.api.getTool(toolId);
    if (isWebhookTool(tool) && pointsAt(tool.url, null, ELEVENLABS_PATHS.memorySearch)) {
      memoryTool = tool;
      break;
    }
  }
  return { agent, workspaceSettings, webhooks, secretNames, workspaceSecretId, memoryTool };
}

function dataCollectionMissing(ctx: SetupContext, agent: PlatformAgent): ExtractField[] {
  const have = new Set(Object.keys(agent.dataCollection).map((k) => k.toLowerCase()));
  const extra = ctx.agentType.memory_config.data_collection_keys as Partial<Record<ExtractField, readonly string[]>>;
  return ctx.agentType.memory_config.auto_extract.filter(
    (field) => ![field, ...DATA_COLLECTION_KEYS[field], ...(extra[field] ?? [])].some((k) => have.has(k.toLowerCase())),
  );
}

function needsMemoryContextInPrompt(ctx: SetupContext): boolean {
  return !ctx.agentType.response_config.overrides.prompt && 'memory_context' in ctx.agentType.dynamic_variables;
}

function postCallWebhookOf(state: AgentState, workspace: boolean): PlatformWebhook | null {
  const id = workspace
    ? state.workspaceSettings.postCallWebhook?.webhookId
    : (state.agent.postCallWebhook ?? state.workspaceSettings.postCallWebhook)?.webhookId;
  return state.webhooks.find((w) => w.id === id) ?? null;
}

function initiationHeaderOk(ctx: SetupContext, state: AgentState, webhook: InitiationWebhookSettings | null): boolean {
  const header = webhook?.headers[ctx.agentType.authentication.header];
  return header?.kind === 'secret' && state.workspaceSecretId !== null && header.secretId === state.workspaceSecretId;
}

/** The pass/fail table of `verify` (and what `setup` reports before it changes anything). */
export function checkAgent(ctx: SetupContext, state: AgentState, agentMapped: boolean): Check[] {
  const { agent } = state;
  const t = ctx.agentType;
  const header = t.authentication.header;
  const checks: Check[] = [];
  const initiation = agent.initiationWebhook ?? state.workspaceSettings.initiationWebhook;
  checks.push({
    label: 'conversation-initiation webhook',
    ok: pointsAt(initiation?.url, ctx.baseUrl, ELEVENLABS_PATHS.conversationStart),
    detail: initiation ? `${initiation.url}${agent.initiationWebhook ? '' : ' (workspace setting)'}` : 'not set',
  });
  checks.push({
    label: `initiation webhook sends ${header}`,
    ok: initiationHeaderOk(ctx, state, initiation),
    detail: state.workspaceSecretId
      ? describeHeader(initiation?.headers[header], state.secretNames)
      : `${describeHeader(initiation?.headers[header], state.secretNames)}; no workspace secret holds the current workspace key`,
  });
  checks.push({
    label: 'fetch initiation data (Security tab)',
    ok: agent.overrides.initiationWebhook,
    detail: agent.overrides.initiationWebhook ? 'on' : 'off',
  });
  if (t.response_config.overrides.first_message) {
    checks.push({ label: 'first-message override', ok: agent.overrides.firstMessage, detail: agent.overrides.firstMessage ? 'on' : 'off' });
  }
  if (t.response_config.overrides.prompt) {
    checks.push({ label: 'prompt override', ok: agent.overrides.prompt, detail: agent.overrides.prompt ? 'on' : 'off' });
  }
  if (needsMemoryContextInPrompt(ctx)) {
    const ok = agent.prompt.includes('{{memory_context}}');
    checks.push({
      label: 'prompt uses {{memory_context}}',
      ok,
      detail: ok ? 'yes' : 'the prompt never shows the memory context (no prompt override in this agent type)',
    });
  }
  const missingVariables = Object.keys(t.dynamic_variables).filter((name) => !(name in agent.dynamicVariables));
  checks.push({
    label: 'dynamic variables declared',
    ok: missingVariables.length === 0,
    detail:
      missingVariables.length === 0 ? `${Object.keys(t.dynamic_variables).length} declared` : `missing: ${missingVariables.join(', ')}`,
  });
  const tool = state.memoryTool;
  checks.push({
    label: 'memory-search tool',
    ok: tool !== null && tool.method.toUpperCase() === 'POST' && pointsAt(tool.url, ctx.baseUrl, ELEVENLABS_PATHS.memorySearch),
    detail: tool ? `${tool.name}: ${tool.method.toUpperCase()} ${tool.url}` : 'none of the agent’s tools calls the memory-search path',
  });
  if (tool) {
    const key = tool.headers[header];
    checks.push({
      label: `memory tool sends ${header}`,
      ok: key?.kind === 'secret' && key.secretId === state.workspaceSecretId,
      detail: describeHeader(key, state.secretNames),
    });
    const callerId = tool.headers['X-Caller-Id'];
    checks.push({
      label: 'memory tool sends X-Caller-Id',
      ok: callerId?.kind === 'dynamic_variable' && callerId.name === 'system__caller_id',
      detail: describeHeader(callerId, state.secretNames),
    });
    const agentId = tool.headers['X-Agent-Id'];
    checks.push({
      label: 'memory tool sends X-Agent-Id',
      ok: agentId?.kind === 'dynamic_variable' && agentId.name === 'system__agent_id',
      detail: describeHeader(agentId, state.secretNames),
    });
    checks.push({
      label: 'memory tool has a query parameter',
      ok: 'query' in tool.bodyParameters,
      detail: Object.keys(tool.bodyParameters).join(', ') || 'none',
    });
  }
  const missingFields = dataCollectionMissing(ctx, agent);
  checks.push({
    label: 'data collection items',
    ok: missingFields.length === 0,
    detail: missingFields.length === 0 ? `${t.memory_config.auto_extract.length} fields collected` : `missing: ${missingFields.join(', ')}`,
  });
  const webhook = postCallWebhookOf(state, false);
  const events = (agent.postCallWebhook ?? state.workspaceSettings.postCallWebhook)?.events ?? [];
  checks.push({
    label: 'post-call webhook',
    ok: webhook !== null && pointsAt(webhook.url, ctx.baseUrl, ELEVENLABS_PATHS.postCall) && webhook.authType === 'hmac',
    detail: webhook ? `${webhook.url} (${webhook.authType}${agent.postCallWebhook ? '' : ', workspace setting'})` : 'not set',
  });
  if (webhook) {
    const enabled = !webhook.disabled && !webhook.autoDisabled;
    checks.push({
      label: 'post-call webhook enabled',
      ok: enabled,
      detail: webhook.autoDisabled
        ? `disabled by ElevenLabs after failures${webhook.lastFailureStatus ? ` (last error HTTP ${webhook.lastFailureStatus})` : ''}`
        : webhook.disabled
          ? 'disabled by a person'
          : webhook.lastFailureStatus
            ? `enabled (last failure HTTP ${webhook.lastFailureStatus})`
            : 'enabled',
    });
  }
  checks.push({
    label: 'post-call transcript event',
    ok: events.length === 0 || events.includes('transcript'),
    detail: events.length === 0 ? 'default events' : events.join(', '),
  });
  checks.push({
    label: 'HMAC secret stored',
    ok: !isLocallyGeneratedHmacKey(ctx.hmacKey),
    detail:
      ctx.hmacKey === null
        ? 'ELEVENLABS_HMAC_KEY is not set'
        : isLocallyGeneratedHmacKey(ctx.hmacKey)
          ? 'ELEVENLABS_HMAC_KEY is the one pnpm start generated, not one ElevenLabs issued'
          : 'ELEVENLABS_HMAC_KEY is set',
  });
  checks.push({
    label: 'agent map entry',
    ok: agentMapped,
    detail: agentMapped ? `→ ${ctx.agentTypeName}` : `not mapped to ${ctx.agentTypeName}`,
  });
  return checks;
}

/** One change setup makes, in the order it makes them. */
export interface SetupStep {
  readonly description: string;
  /** Write requests to the platform API this step makes. */
  readonly writes: number;
}

export interface SetupPlan {
  readonly steps: readonly SetupStep[];
  readonly createSecret: boolean;
  /** A new HMAC webhook (the stored secret is missing or was generated locally). */
  readonly createWebhook: boolean;
  /** Re-enable (and turn retries on for) the existing webhook. */
  readonly enableWebhook: PlatformWebhook | null;
  readonly tool: 'create' | 'update' | null;
  readonly agentChanges: boolean;
  readonly workspaceChanges: boolean;
}

function memoryToolConfig(ctx: SetupContext, existing: PlatformWebhookTool | null, secretId: string): PlatformWebhookToolConfig {
  const baseUrl = ctx.baseUrl as string;
  const path = memorySearchPath(ctx.agentType);
  const bodyParameters = { ...(existing?.bodyParameters ?? {}) };
  if (!bodyParameters.query) bodyParameters.query = { type: 'string', description: QUERY_DESCRIPTION };
  const required = existing ? [...new Set([...existing.requiredBodyParameters, 'query'])] : ['query'];
  return {
    name: existing?.name ?? MEMORY_TOOL_NAME,
    description: existing?.description || MEMORY_TOOL_DESCRIPTION,
    url: `${baseUrl}${path}`,
    method: 'POST',
    headers: {
      ...(existing?.headers ?? {}),
      [ctx.agentType.authentication.header]: { kind: 'secret', secretId },
      'X-Caller-Id': { kind: 'dynamic_variable', name: 'system__caller_id' },
      // The agent's id selects its agent type (agent_map), so recall is ranked by that agent type's rules.
      'X-Agent-Id': { kind: 'dynamic_variable', name: 'system__agent_id' },
    },
    bodyParameters,
    requiredBodyParameters: required,
    responseTimeoutSecs: existing?.responseTimeoutSecs ?? 10,
  };
}

function sameTool(a: PlatformWebhookToolConfig, b: PlatformWebhookTool): boolean {
  const norm = (t: PlatformWebhookToolConfig) =>
    JSON.stringify({
      ...t,
      method: t.method.toUpperCase(),
      headers: Object.fromEntries(Object.entries(t.headers).sort(([x], [y]) => x.localeCompare(y))),
      bodyParameters: Object.fromEntries(Object.entries(t.bodyParameters).sort(([x], [y]) => x.localeCompare(y))),
      requiredBodyParameters: [...t.requiredBodyParameters].sort(),
    });
  const { id: _id, ...rest } = b;
  return norm(a) === norm(rest);
}

/**
 * The agent changes setup makes, given the ids it will use (an existing or a newly created secret,
 * webhook and tool). Only what differs from the agent's current settings.
 */
export function agentChangesFor(
  ctx: SetupContext,
  state: AgentState,
  ids: { secretId: string; webhookId: string; toolId: string },
): AgentChanges {
  const { agent } = state;
  const t = ctx.agentType;
  const baseUrl = ctx.baseUrl as string;
  const changes: { -readonly [K in keyof AgentChanges]: AgentChanges[K] } = {};
  const initiation: InitiationWebhookSettings = {
    url: `${baseUrl}${t.webhooks.conversation_initiation.endpoint}`,
    headers: { ...(agent.initiationWebhook?.headers ?? {}), [t.authentication.header]: { kind: 'secret', secretId: ids.secretId } },
  };
  if (JSON.stringify(initiation) !== JSON.stringify(agent.initiationWebhook)) changes.initiationWebhook = initiation;
  const overrides: { initiationWebhook?: boolean; firstMessage?: boolean; prompt?: boolean } = {};
  if (!agent.overrides.initiationWebhook) overrides.initiationWebhook = true;
  if (t.response_config.overrides.first_message && !agent.overrides.firstMessage) overrides.firstMessage = true;
  if (t.response_config.overrides.prompt && !agent.overrides.prompt) overrides.prompt = true;
  if (Object.keys(overrides).length > 0) changes.overrides = overrides;
  if (needsMemoryContextInPrompt(ctx) && !agent.prompt.includes('{{memory_context}}'))
    changes.prompt = `${agent.prompt}${MEMORY_CONTEXT_BLOCK}`;
  const missingVariables = Object.entries(t.dynamic_variables).filter(([name]) => !(name in agent.dynamicVariables));
  if (missingVariables.length > 0) changes.dynamicVariables = { ...agent.dynamicVariables, ...Object.fromEntries(missingVariables) };
  if (!agent.toolIds.includes(ids.toolId)) changes.toolIds = [...agent.toolIds, ids.toolId];
  const missingFields = dataCollectionMissing(ctx, agent);
  if (missingFields.length > 0) {
    const added: Record<string, DataCollectionItem> = {};
    for (const field of missingFields) added[field] = { type: 'string', description: FIELD_DESCRIPTIONS[field] };
    changes.dataCollection = { ...agent.dataCollection, ...added };
  }
  const events = [...new Set([...(agent.postCallWebhook?.events ?? []), 'transcript'])];
  if (agent.postCallWebhook?.webhookId !== ids.webhookId || !(agent.postCallWebhook?.events ?? []).includes('transcript')) {
    changes.postCallWebhook = { webhookId: ids.webhookId, events };
  }
  return changes;
}

/** Which of the agent's webhooks setup keeps: ours, HMAC, and only if the stored secret is ElevenLabs' own. */
export function reusableWebhook(ctx: SetupContext, state: AgentState): PlatformWebhook | null {
  if (isLocallyGeneratedHmacKey(ctx.hmacKey)) return null;
  const candidates = [postCallWebhookOf(state, false), ...state.webhooks].filter(
    (w): w is PlatformWebhook =>
      w !== null && w.authType === 'hmac' && pointsAt(w.url, ctx.baseUrl, [ctx.agentType.webhooks.post_call.endpoint]),
  );
  return candidates[0] ?? null;
}

export function planSetup(
  ctx: SetupContext,
  state: AgentState,
): SetupPlan & { toolConfig: (secretId: string) => PlatformWebhookToolConfig } {
  const steps: SetupStep[] = [];
  const t = ctx.agentType;
  const createSecret = state.workspaceSecretId === null;
  if (createSecret) {
    steps.push({
      description: `+ workspace secret ${workspaceSecretName(ctx.workspaceKey as string)} holding ELEVENLABS_WORKSPACE_KEY (value not shown)`,
      writes: 1,
    });
  }
  const kept = reusableWebhook(ctx, state);
  const createWebhook = kept === null;
  const enableWebhook = kept && (kept.disabled || kept.autoDisabled) ? kept : null;
  if (createWebhook) {
    steps.push({
      description:
        `+ post-call webhook (HMAC) → ${ctx.baseUrl}${t.webhooks.post_call.endpoint}, retries on: ` +
        `${isLocallyGeneratedHmacKey(ctx.hmacKey) ? 'the stored HMAC secret is missing or was generated locally, so a new webhook is created and ' : ''}` +
        'the secret ElevenLabs issues is stored as ELEVENLABS_HMAC_KEY (not shown)',
      writes: 2,
    });
  } else if (enableWebhook) {
    steps.push({
      description: `~ post-call webhook ${enableWebhook.url}: ${enableWebhook.autoDisabled ? 'disabled by ElevenLabs after failures' : 'disabled'} → enabled, retries on`,
      writes: 1,
    });
  }
  const placeholderSecret = state.workspaceSecretId ?? 'new-secret';
  const toolConfig = (secretId: string) => memoryToolConfig(ctx, state.memoryTool, secretId);
  let tool: SetupPlan['tool'] = null;
  if (!state.memoryTool) {
    tool = 'create';
    steps.push({
      description: `+ memory-search tool ${MEMORY_TOOL_NAME}: POST ${ctx.baseUrl}${memorySearchPath(t)} (${t.authentication.header}: workspace secret, X-Caller-Id: {{system__caller_id}}, X-Agent-Id: {{system__agent_id}}, query)`,
      writes: 1,
    });
  } else if (!sameTool(toolConfig(placeholderSecret), state.memoryTool) || createSecret) {
    tool = 'update';
    const wanted = toolConfig(placeholderSecret);
    const what: string[] = [];
    if (wanted.url !== state.memoryTool.url) what.push(`URL ${state.memoryTool.url} → ${wanted.url}`);
    if (state.memoryTool.method.toUpperCase() !== 'POST') what.push(`method ${state.memoryTool.method} → POST`);
    const key = state.memoryTool.headers[t.authentication.header];
    if (key?.kind !== 'secret' || key.secretId !== state.workspaceSecretId)
      what.push(`${t.authentication.header}: ${describeHeader(key, state.secretNames)} → workspace secret`);
    const callerId = state.memoryTool.headers['X-Caller-Id'];
    if (callerId?.kind !== 'dynamic_variable' || callerId.name !== 'system__caller_id')
      what.push(`X-Caller-Id: ${describeHeader(callerId, state.secretNames)} → {{system__caller_id}}`);
    const agentIdHeader = state.memoryTool.headers['X-Agent-Id'];
    if (agentIdHeader?.kind !== 'dynamic_variable' || agentIdHeader.name !== 'system__agent_id')
      what.push(`X-Agent-Id: ${describeHeader(agentIdHeader, state.secretNames)} → {{system__agent_id}}`);
    if (!('query' in state.memoryTool.bodyParameters)) what.push('+ query parameter');
    steps.push({
      description: `~ memory-search tool ${state.memoryTool.name} (fixed in place): ${what.join('; ') || 'settings'}`,
      writes: 1,
    });
  }
  const changes = agentChangesFor(ctx, state, {
    secretId: placeholderSecret,
    webhookId: kept?.id ?? 'new-webhook',
    toolId: state.memoryTool?.id ?? 'new-tool',
  });
  const lines: string[] = [];
  if (changes.initiationWebhook)
    lines.push(
      `conversation-initiation webhook → ${changes.initiationWebhook.url} with ${t.authentication.header} from the workspace secret`,
    );
  if (changes.overrides) {
    const names = {
      initiationWebhook: 'fetch initiation data',
      firstMessage: 'first-message override',
      prompt: 'prompt override',
    } as const;
    lines.push(
      `${Object.keys(changes.overrides)
        .map((k) => names[k as keyof typeof names])
        .join(', ')}: off → on`,
    );
  }
  if (changes.prompt !== undefined) lines.push('prompt: append {{memory_context}} (this agent type sends no prompt override)');
  if (changes.dynamicVariables) {
    const added = Object.keys(changes.dynamicVariables).filter((n) => !(n in state.agent.dynamicVariables));
    lines.push(`dynamic variables: + ${added.join(', ')}`);
  }
  if (changes.toolIds) lines.push('tools: + the memory-search tool');
  if (changes.dataCollection) {
    const added = Object.keys(changes.dataCollection).filter((n) => !(n in state.agent.dataCollection));
    lines.push(`data collection: + ${added.map((f) => `${f} (string)`).join(', ')}`);
  }
  if (changes.postCallWebhook)
    lines.push(
      `post-call webhook of the agent → ${createWebhook ? 'the new webhook' : kept?.url} (events: ${changes.postCallWebhook.events.join(', ')})`,
    );
  const agentChanges = lines.length > 0;
  if (agentChanges)
    steps.push({ description: `~ agent ${ctx.agentId} (its own settings):\n${lines.map((l) => `    - ${l}`).join('\n')}`, writes: 1 });
  let workspaceChanges = false;
  if (ctx.workspace) {
    const ws = state.workspaceSettings;
    const initiationOk =
      pointsAt(ws.initiationWebhook?.url, ctx.baseUrl, ELEVENLABS_PATHS.conversationStart) &&
      initiationHeaderOk(ctx, state, ws.initiationWebhook);
    const postCallOk = !createWebhook && ws.postCallWebhook?.webhookId === kept?.id;
    if (!initiationOk || !postCallOk) {
      workspaceChanges = true;
      steps.push({
        description: `~ workspace settings (every agent without its own):${initiationOk ? '' : ' initiation webhook'}${!initiationOk && !postCallOk ? ',' : ''}${postCallOk ? '' : ' post-call webhook'}`,
        writes: 1,
      });
    }
  }
  return { steps, createSecret, createWebhook, enableWebhook, tool, agentChanges, workspaceChanges, toolConfig };
}

export interface AppliedSetup {
  readonly writes: number;
  /** The secret of a newly created webhook: the caller stores it (never prints it). */
  readonly newHmacSecret: string | null;
}

/** Carries out a plan: secret → webhook → tool → agent → workspace, each only if the plan says so. */
export async function applySetup(ctx: SetupContext, state: AgentState, plan: ReturnType<typeof planSetup>): Promise<AppliedSetup> {
  let writes = 0;
  const api = ctx.api;
  let secretId = state.workspaceSecretId;
  if (plan.createSecret) {
    secretId = (await api.createSecret(workspaceSecretName(ctx.workspaceKey as string), ctx.workspaceKey as string)).id;
    writes += 1;
  }
  if (!secretId) throw new Error('no workspace secret for the workspace key');
  let webhookId = reusableWebhook(ctx, state)?.id ?? null;
  let newHmacSecret: string | null = null;
  const name = `Agentic Memory (${ctx.environmentName})`;
  if (plan.createWebhook) {
    const created = await api.createHmacWebhook(name, `${ctx.baseUrl}${ctx.agentType.webhooks.post_call.endpoint}`);
    webhookId = created.webhookId;
    newHmacSecret = created.secret;
    await api.updateWebhook(created.webhookId, { name, disabled: false, retryEnabled: true });
    writes += 2;
  } else if (plan.enableWebhook) {
    await api.updateWebhook(plan.enableWebhook.id, { name: plan.enableWebhook.name, disabled: false, retryEnabled: true });
    writes += 1;
  }
  if (!webhookId) throw new Error('no post-call webhook');
  let toolId = state.memoryTool?.id ?? null;
  if (plan.tool === 'create') {
    toolId = (await api.createWebhookTool(plan.toolConfig(secretId))).id;
    writes += 1;
  } else if (plan.tool === 'update' && toolId) {
    await api.updateWebhookTool(toolId, plan.toolConfig(secretId));
    writes += 1;
  }
  if (!toolId) throw new Error('no memory-search tool');
  const changes = agentChangesFor(ctx, state, { secretId, webhookId, toolId });
  if (Object.keys(changes).length > 0) {
    await api.updateAgent(ctx.agentId, changes);
    writes += 1;
  }
  if (plan.workspaceChanges) {
    await api.updateWorkspaceSettings({
      initiationWebhook: {
        url: `${ctx.baseUrl}${ctx.agentType.webhooks.conversation_initiation.endpoint}`,
        headers: {
          ...(state.workspaceSettings.initiationWebhook?.headers ?? {}),
          [ctx.agentType.authentication.header]: { kind: 'secret', secretId },
        },
      },
      postCallWebhook: { webhookId, events: [...new Set([...(state.workspaceSettings.postCallWebhook?.events ?? []), 'transcript'])] },
    });
    writes += 1;
  }
  return { writes, newHmacSecret };
}
