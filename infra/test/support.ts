import type { Environment } from '@agentic-memory/config';
import { findWorkspaceRoot, loadConfig } from '@agentic-memory/config';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AgenticMemoryStack, type AgenticMemoryStackProps } from '../lib/stacks/agentic-memory-stack';

/** A test app: bundling skipped (asset hashes from construct paths) and CloudFormation validation off. */
export function testApp(): App {
  return new App({ context: { 'aws:cdk:bundling-stacks': [] }, builtinCloudFormationValidation: false });
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

/** Masks what legitimately changes between checkouts and code changes: asset hashes and version ids. */
export function normalizeTemplate(template: unknown): unknown {
  return JSON.parse(
    JSON.stringify(template)
      .replace(/[0-9a-f]{64}/g, '[ASSET_HASH]')
      .replace(/(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}/g, '$1[VERSION_HASH]'),
  );
}
