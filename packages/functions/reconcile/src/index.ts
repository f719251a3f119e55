/**
 * Lambda entry of the reconcile role (hourly schedule). Init: the role's configuration (validated
 * at build time, with its per-run bounds), the environment's secret, the blob store and the ingest
 * queue through the AWS SDK. The ElevenLabs API key is read from the environment's secret at each
 * run, so the function starts (and says what is missing) before the key is set.
 * `AGENTIC_MEMORY_BASE_URL` (set by the CDK app) is this deployment's URL: an agent's post-call
 * webhook must point there for the agent to be reconciled; `ELEVENLABS_API_URL` overrides the
 * API's base URL.
 */
import { configureObservability, systemClock } from '@agentic-memory/function-kit';
import { sdkBlobStore, sdkEnvironmentSecrets, sdkIngestQueue } from '@agentic-memory/function-kit/sdk-ports';
import { ElevenLabsSdkPlatformApi } from '@agentic-memory/provider-adapters/elevenlabs-api';
import roleConfig from '@agentic-memory/role-config';
import { createReconcileHandler, type ReconcileReport, type ReconcileRequest } from './reconcile-handler';

configureObservability('reconcile', roleConfig.environment.name);
const secrets = await sdkEnvironmentSecrets(process.env, systemClock);
const deps = {
  clock: systemClock,
  ...roleConfig,
  secrets,
  blobStore: sdkBlobStore(process.env),
  queue: sdkIngestQueue(process.env),
};

export const handler = async (event: ReconcileRequest & Record<string, unknown>): Promise<ReconcileReport> => {
  const apiKey = await secrets.get('ELEVENLABS_API_KEY');
  if (!apiKey) throw new Error('ELEVENLABS_API_KEY is not set in the environment secret: reconciliation cannot read conversations');
  const api = new ElevenLabsSdkPlatformApi({ apiKey, baseUrl: process.env.ELEVENLABS_API_URL || undefined });
  const reconcile = createReconcileHandler(deps, api, { baseUrl: process.env.AGENTIC_MEMORY_BASE_URL || null });
  const report = await reconcile({
    ...(Array.isArray(event?.agentIds) ? { agentIds: event.agentIds.map(String) } : {}),
    ...(event?.allAgents === true ? { allAgents: true } : {}),
    ...(typeof event?.since === 'string' ? { since: event.since } : {}),
  });
  const failed = report.agents.filter((a) => a.error !== null);
  // A failed run shows in the function's Errors metric (and is retried per the schedule's policy).
  if (failed.length > 0) throw new Error(`reconciliation failed for ${failed.map((a) => `${a.agentId}: ${a.error}`).join('; ')}`);
  return report;
};
