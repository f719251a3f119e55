import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixtureJson } from '@agentic-memory/fixtures';
import type { AgentMap, AgentType, AgentTypes, CallRecord, MetadataValue, Turn } from '../src';
import {
  AgentMapSchema,
  buildProfileSnapshot,
  buildStartContent,
  type Clock,
  contextFromSnapshot,
  type IngestContext,
  type Memory,
  memoriesFromCall,
  type ProfileSnapshot,
  parseAgentTypes,
  type SnapshotContext,
} from '../src';

const ROOT = join(__dirname, '..', '..', '..');

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

export function repoAgentTypes(): AgentTypes {
  return parseAgentTypes(readJson(join(ROOT, 'config', 'agent-types.json')));
}

/** The agent map of a committed environment (the domain part; the rest of the file is the config package's). */
export function repoAgentMap(name = 'local'): AgentMap {
  return AgentMapSchema.parse((readJson(join(ROOT, 'config', 'environments', `${name}.json`)) as { agent_map: unknown }).agent_map);
}

export function agentType(name: string): AgentType {
  const config = repoAgentTypes()[name];
  if (!config) throw new Error(`no agent type ${name}`);
  return config;
}

type Fixture = {
  data: {
    conversation_id: string;
    agent_id: string;
    transcript: { role: string; message: string | null; time_in_call_secs: number }[];
    metadata: {
      start_time_unix_secs: number;
      call_duration_secs: number;
      phone_call?: { external_number?: string; agent_number?: string; direction?: string };
    };
    analysis: {
      transcript_summary: string;
      data_collection_results: Record<string, { value: MetadataValue }>;
      evaluation_criteria_results: Record<string, { result: string; rationale: string }>;
    };
  };
};

/**
 * Test-only reading of an ElevenLabs post-call fixture into a CallRecord (the real adapter lives in
 * provider-adapters); memory-core's tests need realistic calls, not the platform parsing.
 */
export function callFromFixture(file: string): CallRecord {
  const { data } = fixtureJson(`elevenlabs/${file}`) as Fixture;
  const turns: Turn[] = data.transcript
    .filter((t) => t.message)
    .map((t) => ({ speaker: t.role === 'user' ? 'caller' : 'agent', text: t.message as string, offsetSecs: t.time_in_call_secs }));
  const start = data.metadata.start_time_unix_secs * 1000;
  return {
    provider: 'elevenlabs',
    conversationId: data.conversation_id,
    callerNumber: data.metadata.phone_call?.external_number ?? null,
    agentId: data.agent_id,
    agentNumber: data.metadata.phone_call?.agent_number ?? null,
    direction: data.metadata.phone_call?.direction === 'inbound' ? 'inbound' : 'unknown',
    turns,
    summary: data.analysis.transcript_summary,
    dataCollection: Object.fromEntries(Object.entries(data.analysis.data_collection_results).map(([k, v]) => [k, v.value])),
    evaluation: Object.fromEntries(
      Object.entries(data.analysis.evaluation_criteria_results).map(([k, v]) => [k, { result: v.result, rationale: v.rationale }]),
    ),
    durationSecs: data.metadata.call_duration_secs,
    startedAt: new Date(start).toISOString(),
    endedAt: new Date(start + data.metadata.call_duration_secs * 1000).toISOString(),
  };
}

export function caller(text: string): Turn {
  return { speaker: 'caller', text, offsetSecs: null };
}

export function agent(text: string): Turn {
  return { speaker: 'agent', text, offsetSecs: null };
}

/** A minimal call with the given turns. */
export function call(turns: Turn[], extra: Partial<CallRecord> = {}): CallRecord {
  return {
    provider: 'elevenlabs',
    conversationId: 'conv_test',
    callerNumber: '+15550100123',
    agentId: 'agent_test',
    agentNumber: null,
    direction: 'inbound',
    turns,
    summary: null,
    dataCollection: {},
    evaluation: {},
    durationSecs: 60,
    startedAt: '2026-10-14T15:00:00.000Z',
    endedAt: '2026-10-14T15:01:00.000Z',
    ...extra,
  };
}

/** The memories one call leaves: the caller's words and the platform's summary, on a given day (10:00–10:05 UTC). */
export function memoriesOfCall(
  context: IngestContext,
  conversationId: string,
  day: string,
  said: string,
  summary: string,
): ReturnType<typeof memoriesFromCall>['memories'] {
  return memoriesFromCall(
    call([caller(said)], { conversationId, summary, startedAt: `${day}T10:00:00Z`, endedAt: `${day}T10:05:00Z` }),
    context,
  ).memories;
}

/**
 * What the call start says for a caller with these memories, as the worker's snapshot would give it
 * (`wording`: the helpers the worker injects — `cut`, `addressForms`); the snapshot too.
 */
export function startReplyOf(
  memories: readonly Memory[],
  agentTypeName: string,
  clock: Clock,
  wording: Pick<SnapshotContext, 'cut' | 'addressForms'> = {},
): { snapshot: ProfileSnapshot; reply: string } {
  const type = agentType(agentTypeName);
  const snapshot = buildProfileSnapshot(memories, { ...wording, callerKey: 'k', agentTypeName, agentType: type, clock });
  return { snapshot, reply: JSON.stringify(buildStartContent(contextFromSnapshot(snapshot, clock.now()), type, clock.now())) };
}
