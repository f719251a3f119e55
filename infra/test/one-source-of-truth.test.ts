import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@agentic-memory/config';
import {
  authenticatorFor,
  createHttpHandler,
  functionEntry,
  json,
  ResourceNames,
  ROUTES,
  type RouteDefinition,
} from '@agentic-memory/function-kit';
import { HTTP_HANDLERS, startLocalRuntime } from '@agentic-memory/local';
import { readmeRouteProblems } from '@agentic-memory/local/docs';
import { ROLES, type RoleDefinition } from '@agentic-memory/memory-core';
import { synthStack } from './support';

/**
 * One source of truth per contract: a role and a route added to the tables — and nowhere else —
 * reach the local runtime, the synthesised template and the README check.
 */
const DUMMY = 'dummy-echo';
const roles: Readonly<Record<string, RoleDefinition>> = {
  ...ROLES,
  [DUMMY]: { trigger: 'http', callPath: false, description: 'a role added by this test', entry: functionEntry('webhook-intake') },
};
const route: RouteDefinition<string> = {
  method: 'POST',
  path: '/v1/generic/dummy-echo',
  role: DUMMY,
  audience: 'generic',
  auth: 'header `X-API-Key`',
};
const routes: readonly RouteDefinition<string>[] = [...ROUTES, route];

describe('a dummy role and route added to the tables', () => {
  it('are served by the local runtime, with the platform authentication of their route', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'am-dummy-'));
    const runtime = await startLocalRuntime({
      dataDir,
      port: 0,
      env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
      startWorkers: false,
      routes,
      handlers: {
        ...HTTP_HANDLERS,
        [DUMMY]: (deps) =>
          createHttpHandler(
            { role: DUMMY, deps, authenticate: authenticatorFor('webhook-intake', routes), onUnexpectedError: () => json(500, {}) },
            async () => json(200, { echo: DUMMY }),
          ),
      },
    });
    try {
      const post = (headers: Record<string, string>) =>
        fetch(`${runtime.url}${route.path}`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', ...headers } });
      const ok = await post({ 'x-api-key': runtime.secrets?.values.GENERIC_API_KEY as string });
      expect({ status: ok.status, body: await ok.json() }).toEqual({ status: 200, body: { echo: DUMMY } });
      expect((await post({})).status).toBe(401);
      expect(runtime.routes).toContain(route);
    } finally {
      await runtime.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('get a function and an API route in the synthesised template', () => {
    const { template } = synthStack(
      'dev',
      (config) => ({ ...config, functions: { ...config.functions, [DUMMY]: config.functions['webhook-intake'] } }),
      undefined,
      { roles, routes },
    );
    template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: `agentic-memory-dev-${DUMMY}` });
    expect(ResourceNames.function('dev', DUMMY)).toBe(`agentic-memory-dev-${DUMMY}`);
    const keys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(keys).toContain(`POST ${route.path}`);
    expect(keys).toHaveLength(ROUTES.length + 1);
  });

  it('are caught by the README check until the README documents them', () => {
    const readme = readFileSync(join(findWorkspaceRoot(), 'README.md'), 'utf8');
    expect(readmeRouteProblems(readme, ROUTES)).toEqual([]);
    expect(readmeRouteProblems(readme, routes)).toEqual([
      `missing or outdated in the README: | POST \`${route.path}\` | ${DUMMY} | generic | header \`X-API-Key\` |  |`,
    ]);
  });
});
