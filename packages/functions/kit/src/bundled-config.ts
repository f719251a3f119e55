import { type AgentTypes, type Environment, parseAgentTypes, parseEnvironment } from '@agentic-memory/memory-core';
import agentTypesJson from '../../../../config/agent-types.json';
import devJson from '../../../../config/environments/dev.json';
import localJson from '../../../../config/environments/local.json';
import prodJson from '../../../../config/environments/prod.json';
import stagingJson from '../../../../config/environments/staging.json';

const ENVIRONMENTS: Readonly<Record<string, unknown>> = { local: localJson, dev: devJson, staging: stagingJson, prod: prodJson };

/** The configuration bundled into every function at build time: no fetch on a cold start. */
export function bundledConfig(environmentName: string): { agentTypes: AgentTypes; environment: Environment } {
  const raw = ENVIRONMENTS[environmentName];
  if (raw === undefined) throw new Error(`unknown environment "${environmentName}" (bundled: ${Object.keys(ENVIRONMENTS).join(', ')})`);
  const agentTypes = parseAgentTypes(agentTypesJson);
  return { agentTypes, environment: parseEnvironment(raw, agentTypes, `config/environments/${environmentName}.json`) };
}
