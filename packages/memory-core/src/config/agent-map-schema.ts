import type { input as ZodInput, output as ZodOutput } from 'zod';
import { partialRecord as zPartialRecord, record as zRecord, strictObject as zStrictObject, string as zString } from 'zod';
import { PROVIDERS } from '../domain/call-record';
import type { AgentTypes } from './agent-type-schema';
import type { ConfigProblem } from './config-validation';
import { enumOf, message, nonEmptyString } from './schema-helpers';

const agentTypeName = zString(message('expected an agent type name')).min(1, message('expected an agent type name'));

const providerMap = zStrictObject({
  /** Agent type when the platform id is not in `ids`. */
  default: agentTypeName.optional(),
  /** Platform agent / assistant / phone-number id → agent type. */
  ids: zRecord(nonEmptyString(), agentTypeName).default({}),
  /**
   * Platform id (phone-number id, dialled number) → the platform's own agent to run the call
   * (Vapi `assistantId`, Retell `override_agent_id`).
   */
  platform_agents: zRecord(nonEmptyString(), nonEmptyString()).default({}),
  /** The platform agent when `platform_agents` has no entry (Vapi needs one to answer assistant-request). */
  default_platform_agent: nonEmptyString().optional(),
});

/** Which agent type serves a call (the domain part of an environment's configuration). */
export const AgentMapSchema = zStrictObject({
  /** Used when neither a header, the map nor the provider's default decides. */
  default_agent_type: agentTypeName,
  providers: zPartialRecord(enumOf(PROVIDERS, 'provider'), providerMap).default({}),
});

export type AgentMapInput = ZodInput<typeof AgentMapSchema>;
export type AgentMap = ZodOutput<typeof AgentMapSchema>;

/** The agent map's references checked against the agent types (paths relative to the environment file). */
export function agentMapProblems(map: AgentMap, agentTypes: AgentTypes): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const known = (name: string) => Object.hasOwn(agentTypes, name);
  if (!known(map.default_agent_type)) {
    problems.push({ path: 'agent_map.default_agent_type', problem: `unknown agent type "${map.default_agent_type}"` });
  }
  for (const [provider, entry] of Object.entries(map.providers)) {
    if (!entry) continue;
    if (entry.default !== undefined && !known(entry.default)) {
      problems.push({ path: `agent_map.providers.${provider}.default`, problem: `unknown agent type "${entry.default}"` });
    }
    for (const [id, name] of Object.entries(entry.ids)) {
      if (!known(name)) problems.push({ path: `agent_map.providers.${provider}.ids.${id}`, problem: `unknown agent type "${name}"` });
      else if (agentTypes[name]?.provider !== provider) {
        problems.push({
          path: `agent_map.providers.${provider}.ids.${id}`,
          problem: `agent type "${name}" is for provider ${agentTypes[name]?.provider}, not ${provider}`,
        });
      }
    }
  }
  const vapi = map.providers.vapi;
  if (vapi && vapi.default_platform_agent === undefined) {
    problems.push({
      path: 'agent_map.providers.vapi.default_platform_agent',
      problem: 'required: an assistant-request must name the assistant that takes the call',
    });
  }
  return problems;
}
