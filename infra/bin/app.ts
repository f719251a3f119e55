/**
 * The CDK app: one stack per environment, `AgenticMemory-<env>`. `cdk synth` builds dev, staging
 * and prod; `-c env=<name>` builds one. Each environment's config is validated by the schema first:
 * a bad value stops synth with the field named.
 */

import { DEPLOYABLE_ENVIRONMENTS, findWorkspaceRoot, loadConfig } from '@agentic-memory/config';
import { ConfigValidationError } from '@agentic-memory/memory-core';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { AgenticMemoryStack } from '../lib/stacks/agentic-memory-stack';

const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
const only = app.node.tryGetContext('env') as string | undefined;
const names = only ? [only] : DEPLOYABLE_ENVIRONMENTS;
const workspaceRoot = findWorkspaceRoot();

for (const name of names) {
  try {
    const loaded = loadConfig(name);
    const config = loaded.environment;
    new AgenticMemoryStack(app, `AgenticMemory-${name}`, {
      config,
      agentTypes: loaded.agentTypes,
      workspaceRoot,
      env: { account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: config.region },
      description: `Agentic Memory (${name}): memory for voice agents`,
    });
  } catch (error) {
    // A bad value, in the file or against the stack's own rules: one line naming the field, exit 1.
    if (error instanceof ConfigValidationError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
