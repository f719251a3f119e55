/**
 * The esbuild options every function is bundled with — by CDK's NodejsFunction and by the bench,
 * so measured bundles are the deployed ones. Pure data.
 */
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
   * taken from the Lambda runtime's copy.
   */
  external: [] as string[],
  /** Workspace-relative path of the stand-in for axios (see unused-axios.ts); resolve it before use. */
  axiosStub: 'packages/functions/kit/src/unused-axios.ts',
  /** ESM bundles still meet CommonJS dependencies that call require(). */
  banner: "import { createRequire as __amCreateRequire } from 'module'; const require = __amCreateRequire(import.meta.url);",
} as const;

/** Workspace-relative entry of each Lambda role. */
export const FUNCTION_ENTRIES = {
  'conversation-start': 'packages/functions/conversation-start/src/index.ts',
  'memory-search': 'packages/functions/memory-search/src/index.ts',
  'webhook-intake': 'packages/functions/webhook-intake/src/index.ts',
  'ingest-worker': 'packages/functions/ingest-worker/src/index.ts',
  insights: 'packages/functions/insights/src/index.ts',
  'cost-report': 'packages/functions/cost-report/src/index.ts',
} as const;

export type BundledRole = keyof typeof FUNCTION_ENTRIES;
