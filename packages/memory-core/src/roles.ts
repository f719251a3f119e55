/**
 * The one list of Lambda roles (ARCHITECTURE.md, "Lambda roles"). Everything that names roles —
 * the environment schema's per-role settings, the functions' entries, the CDK app, the local
 * runtime, the bench, the metric catalogue and the dashboard — reads this table. Pure data.
 */
export interface RoleDefinition {
  /** What invokes the role. */
  readonly trigger: 'http' | 'queue' | 'schedule';
  /** On the call's critical path: alias with provisioned concurrency, latency alarms, degrade instead of failing. */
  readonly callPath: boolean;
  /** What it does, for tables and docs. */
  readonly description: string;
  /** Workspace-relative Lambda entry; default `packages/functions/<role>/src/index.ts`. */
  readonly entry?: string;
}

export const ROLES = {
  'conversation-start': {
    trigger: 'http',
    callPath: true,
    description: 'call start: personalised first message, prompt context and dynamic variables',
  },
  'memory-search': { trigger: 'http', callPath: true, description: "mid-call recall for the agent's memory-search tool" },
  'webhook-intake': { trigger: 'http', callPath: false, description: 'post-call webhooks: verify, store raw, queue, 200' },
  'ingest-worker': { trigger: 'queue', callPath: false, description: 'turns a finished call into memories and a profile snapshot' },
  insights: { trigger: 'http', callPath: false, description: 'admin API: caller insights, agent analytics, forget-me' },
  'cost-report': { trigger: 'schedule', callPath: false, description: 'daily cost per call from Cost Explorer and CloudWatch' },
  reconcile: {
    trigger: 'schedule',
    callPath: false,
    description: 'hourly: ElevenLabs conversations whose post-call webhook never arrived, fed to the intake path',
  },
} as const satisfies Readonly<Record<string, RoleDefinition>>;

export type FunctionRole = keyof typeof ROLES;

export const FUNCTION_ROLES = Object.keys(ROLES) as FunctionRole[];

/** The roles a schedule invokes (the CDK app gives each one a schedule). */
export type ScheduledRole = { [K in FunctionRole]: (typeof ROLES)[K]['trigger'] extends 'schedule' ? K : never }[FunctionRole];

export function isFunctionRole(value: string): value is FunctionRole {
  return Object.hasOwn(ROLES, value);
}

/** Roles of a trigger, or on the call path, in table order. */
export function rolesWhere(predicate: (role: RoleDefinition, name: FunctionRole) => boolean): FunctionRole[] {
  return FUNCTION_ROLES.filter((name) => predicate(ROLES[name], name));
}
