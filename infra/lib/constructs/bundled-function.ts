import { join } from 'node:path';
import { bundleInputs } from '@agentic-memory/function-kit/bundle-inputs';
import { FUNCTION_BUNDLING } from '@agentic-memory/function-kit/contracts';
import type { RoleConfig } from '@agentic-memory/memory-core';
import { type Duration, RemovalPolicy, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, type NodejsFunctionProps, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface ProvisionedConcurrencyProps {
  readonly min: number;
  readonly max: number;
  /** Target utilisation of the provisioned environments (0.7 in every environment). */
  readonly targetUtilization: number;
  readonly schedule?: readonly {
    readonly name: string;
    readonly cron: appscaling.CronOptions;
    readonly timeZone?: string;
    readonly min: number;
    readonly max: number;
  }[];
}

export interface BundledFunctionProps {
  /** The workspace root (for the entry, the lockfile and the axios stub). */
  readonly workspaceRoot: string;
  /** Workspace-relative entry file of the role. */
  readonly entry: string;
  /** The role's configuration, already validated: bundled into the function (no fetch, no parsing at init). */
  readonly roleConfig: RoleConfig;
  readonly functionName?: string;
  readonly memorySize: number;
  readonly timeout: Duration;
  readonly environment: Record<string, string>;
  readonly logRetention: logs.RetentionDays;
  /** With provisioned concurrency and autoscaling: for roles on the call's critical path. */
  readonly provisionedConcurrency?: ProvisionedConcurrencyProps;
  /** Escape hatch for anything else NodejsFunction takes. */
  readonly overrides?: Partial<NodejsFunctionProps>;
}

/**
 * One Lambda role: `NodejsFunction` on nodejs24.x/arm64, bundled to ESM by local esbuild with the
 * kit's options (the same the bench measures), its own log group with retention, a role that may
 * write only to that log group, and a `live` alias that API routes and event sources point at —
 * with provisioned concurrency and target-tracking autoscaling when asked.
 */
export class BundledFunction extends Construct {
  public readonly function: NodejsFunction;
  public readonly alias: lambda.Alias;
  public readonly logGroup: logs.LogGroup;
  public readonly role: iam.Role;
  public readonly scaling?: lambda.IScalableFunctionAttribute;

  constructor(scope: Construct, id: string, props: BundledFunctionProps) {
    super(scope, id);
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${id}: its own log group and the grants added by the stack`,
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn, `${this.logGroup.logGroupArn}:*`],
      }),
    );
    const logGroupId = Stack.of(this).getLogicalId(this.logGroup.node.defaultChild as logs.CfnLogGroup);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${logGroupId}.Arn>:*]`,
      reason:
        'Log streams are created by Lambda at run time with names not known in advance; the grant is limited to this function’s own log group.',
    });
    const inputs = bundleInputs(props.workspaceRoot, props.roleConfig);
    this.function = new NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      entry: join(props.workspaceRoot, props.entry),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      environment: props.environment,
      projectRoot: props.workspaceRoot,
      depsLockFilePath: join(props.workspaceRoot, 'pnpm-lock.yaml'),
      bundling: {
        format: OutputFormat.ESM,
        target: FUNCTION_BUNDLING.target,
        minify: FUNCTION_BUNDLING.minify,
        sourceMap: FUNCTION_BUNDLING.sourcemap,
        mainFields: [...FUNCTION_BUNDLING.mainFields],
        externalModules: [...FUNCTION_BUNDLING.external],
        banner: FUNCTION_BUNDLING.banner,
        define: { ...inputs.define },
        esbuildArgs: {
          ...Object.fromEntries(Object.entries(inputs.alias).map(([name, target]) => [`--alias:${name}`, target])),
          '--tree-shaking': 'true',
        },
      },
      ...props.overrides,
    });
    const pc = props.provisionedConcurrency;
    this.alias = new lambda.Alias(this, 'Live', {
      aliasName: 'live',
      version: this.function.currentVersion,
      provisionedConcurrentExecutions: pc?.min,
    });
    if (pc) {
      const scaling = this.alias.addAutoScaling({ minCapacity: pc.min, maxCapacity: pc.max });
      scaling.scaleOnUtilization({ utilizationTarget: pc.targetUtilization });
      for (const s of pc.schedule ?? []) {
        scaling.scaleOnSchedule(s.name, {
          schedule: appscaling.Schedule.cron(s.cron),
          minCapacity: s.min,
          maxCapacity: s.max,
          timeZone: s.timeZone ? TimeZone.of(s.timeZone) : undefined,
        });
      }
      this.scaling = scaling;
    }
  }
}
