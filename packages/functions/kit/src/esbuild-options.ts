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
  /** The Lambda runtime provides the AWS SDK v3. */
  external: ['@aws-sdk/*'],
  /** ESM bundles still meet CommonJS dependencies that call require(). */
  banner: "import { createRequire as __amCreateRequire } from 'module'; const require = __amCreateRequire(import.meta.url);",
} as const;
