/**
 * How every function is bundled — by the CDK app (NodejsFunction, local esbuild) and, through the
 * synthesised assets, measured by the bench: the deployed bundle is the measured one. Pure data.
 */
import type { RoleConfig, RoleDefinition } from '@agentic-memory/memory-core';

export const FUNCTION_BUNDLING = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  sourcemap: false,
  treeShaking: true,
  mainFields: ['module', 'main'],
  /**
   * Nothing external: the AWS SDK clients are bundled (pinned versions, tree-shaken) rather than
   * taken from the Lambda runtime's copy, so the measured bundle is what runs.
   */
  external: [] as string[],
  /** ESM bundles still meet CommonJS dependencies that call require(). */
  banner: "import { createRequire as __amCreateRequire } from 'module'; const require = __amCreateRequire(import.meta.url);",
} as const;

/**
 * Modules replaced in every Lambda bundle (workspace-relative targets; resolve them before use):
 * - `axios`: mem0ai 3.x imports it but calls fetch (see unused-axios.ts);
 * - `@aws-sdk/credential-provider-node`: in Lambda the runtime puts the role's credentials in the
 *   environment, so the SDK's default chain (SSO, INI files, STS web identity, their nested
 *   clients) never runs: the environment provider alone (see lambda-credentials.ts). Local runs
 *   are not bundled and keep the full chain.
 * - `node:http`/`node:https` (and their bare names): a one-line CommonJS module returning
 *   `process.getBuiltinModule(…)`. Importing either builtin as ESM builds its namespace by reading
 *   every export, and node:http's lazy `WebSocket`/`fetch` getters then load undici: 60–150 ms of a
 *   cold start measured on Node 24 (against 5–15 ms for the module itself), paid by call start
 *   because `@middy/util` imports `STATUS_CODES`. esbuild's CommonJS interop reads properties
 *   when used, never all of them.
 * - `node:crypto` (and `crypto`): the same one-line module — as ESM, its namespace reads the lazy
 *   `webcrypto`/`subtle` getters and loads WebCrypto, which no function uses.
 * - `@agentic-memory/role-config`: the role's configuration, validated at build time (a JSON file
 *   written by the build; see `roleConfigFile`).
 */
export const BUNDLE_ALIASES = {
  axios: 'packages/functions/kit/src/unused-axios.ts',
  '@aws-sdk/credential-provider-node': 'packages/functions/kit/src/lambda-credentials.ts',
  'node:http': 'packages/functions/kit/src/builtins/http.cjs',
  http: 'packages/functions/kit/src/builtins/http.cjs',
  'node:https': 'packages/functions/kit/src/builtins/https.cjs',
  https: 'packages/functions/kit/src/builtins/https.cjs',
  'node:crypto': 'packages/functions/kit/src/builtins/crypto.cjs',
  crypto: 'packages/functions/kit/src/builtins/crypto.cjs',
} as const;

/** The module name the bundled configuration is imported under (aliased to a JSON file at build time). */
export const ROLE_CONFIG_MODULE = '@agentic-memory/role-config';

/**
 * Build-time switches (esbuild `define`, literal values only): code behind a false switch is
 * dropped from the bundle.
 */
export const BUILD_SWITCHES = {
  /** Some agent type reads the memory store when a caller has no snapshot: call start carries the store client. */
  readsStoreOnSnapshotMiss: '__AGENTIC_MEMORY_READS_STORE_ON_MISS__',
} as const;

/** The `define` map of a role's bundle for its configuration. */
export function buildDefines(config: RoleConfig): Record<string, string> {
  const readsStore = Object.values(config.agentTypes).some((t) => t.on_snapshot_miss === 'query_store');
  return { [BUILD_SWITCHES.readsStoreOnSnapshotMiss]: String(readsStore) };
}

/** Workspace-relative entry of a Lambda role: its own, or `packages/functions/<role>/src/index.ts`. */
export function functionEntry(role: string, definition?: Pick<RoleDefinition, 'entry'>): string {
  return definition?.entry ?? `packages/functions/${role}/src/index.ts`;
}
