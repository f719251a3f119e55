import type { Metafile } from 'esbuild';

export interface PackageShare {
  /** npm package name, or the workspace package's folder (`packages/functions/kit`). */
  readonly name: string;
  readonly bytes: number;
}

/** The package a bundled input file belongs to. */
export function packageOf(input: string): string {
  const inModules = input.split('node_modules/').pop() ?? input;
  if (inModules !== input) {
    const parts = inModules.split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? input);
  }
  if (input.startsWith('packages/functions/')) return input.split('/').slice(0, 3).join('/');
  if (input.startsWith('packages/')) return input.split('/').slice(0, 2).join('/');
  return /agentic-memory-role-config/.test(input) ? '(role configuration)' : input;
}

/** What each package contributes to a one-file bundle (esbuild's bytesInOutput), largest first. */
export function bundlePackages(metafile: Metafile): PackageShare[] {
  const output = Object.values(metafile.outputs)[0];
  const bytes = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    if (bytesInOutput === 0) continue;
    const name = packageOf(input);
    bytes.set(name, (bytes.get(name) ?? 0) + bytesInOutput);
  }
  return [...bytes].map(([name, b]) => ({ name, bytes: b })).sort((a, b) => b.bytes - a.bytes);
}
