import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bundleInputs } from '@agentic-memory/function-kit/bundle-inputs';
import { FUNCTION_BUNDLING, functionEntry } from '@agentic-memory/function-kit/contracts';
import type { FunctionRole, RoleConfig } from '@agentic-memory/memory-core';
import { build, type Metafile } from 'esbuild';

export interface BundleResult {
  readonly role: FunctionRole;
  readonly file: string;
  readonly bytes: number;
  readonly metafile: Metafile;
}

/**
 * Bundles a role's Lambda entry as the CDK app does — the kit's esbuild options, module aliases,
 * the role configuration and build switches — into `outDir/<role>.mjs`. `stubAxios: false` keeps
 * mem0ai's real axios, to measure what the stub saves.
 */
export async function bundleFunction(
  workspaceRoot: string,
  role: FunctionRole,
  outDir: string,
  config: RoleConfig,
  options: { stubAxios?: boolean } = {},
): Promise<BundleResult> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${role}${options.stubAxios === false ? '.with-axios' : ''}.mjs`);
  const inputs = bundleInputs(workspaceRoot, config);
  const { axios: _axios, ...withoutAxiosStub } = inputs.alias;
  const result = await build({
    absWorkingDir: workspaceRoot,
    entryPoints: [join(workspaceRoot, functionEntry(role))],
    outfile: file,
    bundle: true,
    // The CDK app passes the same FUNCTION_BUNDLING to NodejsFunction (infra BundledFunction).
    ...FUNCTION_BUNDLING,
    mainFields: [...FUNCTION_BUNDLING.mainFields],
    external: [...FUNCTION_BUNDLING.external],
    banner: { js: FUNCTION_BUNDLING.banner },
    alias: options.stubAxios === false ? withoutAxiosStub : { ...inputs.alias },
    define: { ...inputs.define },
    metafile: true,
    logLevel: 'silent',
  });
  const bytes =
    Object.entries(result.metafile?.outputs ?? {}).find(([path]) => file.endsWith(path.replace(/^.*?(?=[^/]+\.mjs$)/, '')))?.[1].bytes ?? 0;
  return { role, file, bytes, metafile: result.metafile as Metafile };
}
