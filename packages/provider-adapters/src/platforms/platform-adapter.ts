import type { AgentType, CallerContext, CallRecord, Provider, SearchAnswer, SecretName, StartContent } from '@agentic-memory/memory-core';

/** The request as every adapter sees it: lowercased headers and the exact bytes that were sent. */
export interface PlatformRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Uint8Array;
  /** The parsed JSON body. */
  readonly body: unknown;
}

export type AuthOutcome =
  | { readonly ok: true }
  | { readonly ok: false; readonly code: 'unauthorized' | 'invalid_signature'; readonly reason: string };

export type SecretLookup = (name: SecretName) => Promise<string | null>;

export type HttpRoleName = 'conversation-start' | 'memory-search' | 'webhook-intake';

/** What a call-start webhook tells us. */
export interface CallStart {
  readonly callerNumber: string | null;
  /** Ids that select an agent type in the agent map (agent, assistant, phone-number id, dialled number), most specific first. */
  readonly platformIds: readonly (string | null)[];
}

/** What the intake needs from a post-call webhook, before anything is ingested. */
export interface PostCallEnvelope {
  /** The event type as sent (unknown ones are stored, counted and answered 200). */
  readonly event: string;
  /** Becomes memories (e.g. ElevenLabs post_call_transcription, Vapi end-of-call-report, Retell call_analyzed). */
  readonly ingest: boolean;
  readonly conversationId: string;
  readonly callerNumber: string | null;
  readonly platformIds: readonly (string | null)[];
  /** Unix milliseconds of the platform event, when it says. */
  readonly eventTime: number | null;
  /** Audio bytes to keep (ElevenLabs post_call_audio), when the event carries them. */
  readonly audio?: Uint8Array;
  /** A failure the platform reports about the call itself (counted). */
  readonly failure?: boolean;
}

/** One memory question from the agent's LLM. */
export interface ToolCall {
  readonly query: string;
  /** From the platform (header or call object), never from the LLM's arguments. */
  readonly callerNumber: string | null;
  /** The platform's id of this tool call, echoed in the answer when it wants one. */
  readonly toolCallId: string | null;
  /** The tool's (function's) name, echoed where the platform's result type requires it (Vapi). */
  readonly name?: string | null;
  /**
   * Ids of the agent the call belongs to, from the signed body (Vapi assistant / phone number,
   * Retell agent), most specific first: they select the agent type like at call start.
   * ElevenLabs tool calls carry none (the tool sends `X-Agent-Id: {{system__agent_id}}`).
   */
  readonly platformIds?: readonly (string | null)[];
}

export interface ToolAnswer {
  readonly call: ToolCall;
  /** Null when the call could not be answered (e.g. no caller): the adapter reports it as the platform expects. */
  readonly answer: SearchAnswer | null;
  readonly error?: string;
}

/** Field mappings of the agent type (dot paths, first match wins), for platforms configured by mapping. */
export type FieldMappings = Readonly<Record<string, readonly string[]>>;

/**
 * Everything platform-specific, behind one interface: adding a platform touches only its adapter,
 * its routes and its configuration.
 */
export interface PlatformAdapter {
  readonly provider: Provider;
  /** Checks the credential of a request to one of the platform's routes, on the raw body. */
  authenticate(role: HttpRoleName, request: PlatformRequest, secret: SecretLookup, nowMs: number): Promise<AuthOutcome>;
  /** Reads a call-start webhook (throws PayloadError when it cannot). */
  parseCallStart(body: unknown, mappings: FieldMappings): CallStart;
  /** The platform's call-start reply for this agent type and caller. */
  formatCallStart(
    content: StartContent,
    context: CallerContext,
    agentType: AgentType,
    extra: { userId: string | null; platformAgentId: string | null },
  ): unknown;
  /** Reads a post-call webhook for the intake (throws PayloadError when it cannot). */
  parsePostCall(body: unknown, mappings: FieldMappings): PostCallEnvelope;
  /** The standardised call record of an ingested event's raw payload. */
  callRecord(body: unknown, mappings: FieldMappings): CallRecord;
  /** Reads a tool request: one or more questions (throws PayloadError when it cannot). */
  parseToolCalls(request: PlatformRequest, callerParameter: string): ToolCall[];
  /** The platform's tool reply: status and body. */
  formatToolAnswers(answers: readonly ToolAnswer[]): { readonly statusCode: number; readonly body: unknown };
}
