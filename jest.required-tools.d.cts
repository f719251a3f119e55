export interface ToolSuite {
  readonly file: string;
  readonly relativePath: string;
  readonly tool: string;
  readonly available: boolean;
}
export declare const TOOLS: Readonly<Record<string, { readonly label: string; readonly install: string }>>;
/** Every suite that names a tool (`@requires-tool …` in its first lines), and whether the tool is on PATH. */
export declare function requiredTools(rootDir: string): ToolSuite[];
/** The suites left out because their tool is missing. */
export declare function missingToolSuites(rootDir: string): ToolSuite[];
/** The summary's lines for them: one per tool with the install command, then the files. */
export declare function describeMissing(suites: readonly ToolSuite[]): string[];
