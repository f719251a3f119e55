// Suites that need a tool outside Node say so in their first lines: `/** @requires-tool moto_server */`.
// Where the tool is missing, jest.config.ts leaves the suite out and the summary reporter lists it
// with the reason and the install command; CI (CI=true) refuses to leave anything out. Suites never
// skip themselves (Biome's noSkippedTests guards against it.skip / describe.skip).
const { spawnSync } = require('node:child_process');
const { readdirSync, openSync, readSync, closeSync } = require('node:fs');
const { join, relative } = require('node:path');

const TOOLS = {
  moto_server: { label: 'AWS', install: `pip install 'moto[server]'` },
  'cfn-lint': { label: 'CloudFormation lint', install: 'pip install cfn-lint' },
  chromium: { label: 'browser', install: 'apt-get install -y chromium' },
};

const PRAGMA = /@requires-tool\s+([\w-]+)/g;

function toolAvailable(tool) {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).status === 0;
}

function head(file) {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(1024);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, n).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** Test files under packages/ and infra/, never descending into node_modules (its workspace links lead back into packages/). */
function testFiles(rootDir) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith('.test.ts')) out.push(path);
    }
  };
  for (const top of ['packages', 'infra']) walk(join(rootDir, top));
  return out.sort();
}

/** Every suite that names a tool, and whether the tool is on PATH. */
function requiredTools(rootDir) {
  const available = new Map();
  const suites = [];
  for (const file of testFiles(rootDir)) {
    for (const match of head(file).matchAll(PRAGMA)) {
      const tool = match[1];
      if (!TOOLS[tool])
        throw new Error(`${relative(rootDir, file)}: unknown tool "${tool}" in @requires-tool (known: ${Object.keys(TOOLS).join(', ')})`);
      if (!available.has(tool)) available.set(tool, toolAvailable(tool));
      suites.push({ file, relativePath: relative(rootDir, file), tool, available: available.get(tool) });
    }
  }
  return suites;
}

/** The suites left out because their tool is missing (a suite needing two missing tools counts once). */
function missingToolSuites(rootDir) {
  const missing = requiredTools(rootDir).filter((s) => !s.available);
  return [...new Map(missing.map((s) => [s.file, s])).values()];
}

/** The lines the summary prints for them: one per tool, then the files. */
function describeMissing(suites) {
  const byTool = new Map();
  for (const s of suites) byTool.set(s.tool, [...(byTool.get(s.tool) ?? []), s.relativePath]);
  const lines = [];
  for (const [tool, files] of byTool) {
    const { label, install } = TOOLS[tool];
    lines.push(`skipped: ${files.length} ${label} suite${files.length === 1 ? '' : 's'} — ${tool} not on PATH; install with ${install}`);
    for (const f of files) lines.push(`  - ${f}`);
  }
  return lines;
}

module.exports = { TOOLS, requiredTools, missingToolSuites, describeMissing };
