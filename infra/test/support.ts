import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Environment } from '@agentic-memory/config';
import { findWorkspaceRoot, loadConfig } from '@agentic-memory/config';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { ObservedFunction } from '../lib/constructs/memory-dashboard';
import { AgenticMemoryStack, type AgenticMemoryStackProps } from '../lib/stacks/agentic-memory-stack';

/** The feature flags `cdk synth` runs with (cdk.json), so tests see the template that is deployed. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(findWorkspaceRoot(), 'cdk.json'), 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

/** A test app: cdk.json's flags, bundling skipped (asset hashes from construct paths), CloudFormation validation off. */
export function testApp(): App {
  return new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
}

/** A bare stack for one construct, as Solutions Constructs test them. */
export function bareStack(app = testApp()): Stack {
  return new Stack(app, 'Bare', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** The template of a bare stack holding what `build` adds (one construct, as Solutions Constructs test them). */
export function bareTemplate(build: (stack: Stack) => unknown): Template {
  const stack = bareStack();
  build(stack);
  return Template.fromStack(stack);
}

export function environmentConfig(name: string, change?: (config: Environment) => Environment): Environment {
  const config = loadConfig(name).environment;
  return change ? change(config) : config;
}

export function synthStack(
  name: string,
  change?: (config: Environment) => Environment,
  app = testApp(),
  props: Pick<AgenticMemoryStackProps, 'roles' | 'routes'> = {},
): { app: App; stack: AgenticMemoryStack; template: Template } {
  const config = environmentConfig(name, change);
  const stack = new AgenticMemoryStack(app, `AgenticMemory-${name}`, {
    ...props,
    config,
    agentTypes: loadConfig(name).agentTypes,
    workspaceRoot: findWorkspaceRoot(),
    env: { account: config.account ?? '000000000000', region: config.region },
  });
  return { app, stack, template: Template.fromStack(stack) };
}

/** A real function with inline code, its alias and log group, for constructs that observe functions. */
export function observedFunction(stack: Stack, id: string, options: { provisioned?: boolean } = {}): ObservedFunction {
  const logGroup = new logs.LogGroup(stack, `${id}Logs`);
  const fn = new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
    logGroup,
  });
  const alias = new lambda.Alias(stack, `${id}Live`, { aliasName: 'live', version: fn.currentVersion });
  const scaling = options.provisioned ? alias.addAutoScaling({ minCapacity: 1, maxCapacity: 2 }) : undefined;
  return { function: fn, alias, logGroup, scaling };
}

/** One observed function per role name. */
export function observedFunctions(
  stack: Stack,
  roles: readonly string[],
  provisioned: readonly string[] = [],
): Record<string, ObservedFunction> {
  return Object.fromEntries(
    roles.map((role) => [role, observedFunction(stack, role.replace(/\W/g, ''), { provisioned: provisioned.includes(role) })]),
  );
}

/** Masks what legitimately changes between checkouts and code changes: asset hashes and version ids. */
export function normalizeTemplate(template: unknown): unknown {
  return JSON.parse(
    JSON.stringify(template)
      .replace(/[0-9a-f]{64}/g, '[ASSET_HASH]')
      .replace(/(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}/g, '$1[VERSION_HASH]'),
  );
}
