import { Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpIamAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface WebhookApiProps {
  /** @default - the construct path */
  readonly apiName?: string;
  /**
   * Stage-wide limits for routes that get none of their own (`addRoutes(…, { throttle })`).
   * @default - the account's API Gateway limits only
   */
  readonly throttle?: apigwv2.ThrottleSettings;
  /** @default logs.RetentionDays.ONE_MONTH */
  readonly accessLogRetention?: logs.RetentionDays;
}

export interface RouteOptions {
  /** Limits of these routes (each route gets them on its own). @default - the stage-wide limits */
  readonly throttle?: apigwv2.ThrottleSettings;
  /**
   * `iam`: API Gateway admits only requests signed with SigV4 by an identity allowed
   * `execute-api:Invoke` on the route (see `invokePolicy`); `none`: the function authenticates
   * (platform HMAC or shared secret on the raw body).
   * @default 'none'
   */
  readonly authorization?: 'iam' | 'none';
}

/** The access-log fields, one JSON object per request; latency and status are numbers. */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  apiId: '$context.apiId',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  responseLength: '$context.responseLength',
  sourceIp: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  caller: '$context.identity.userArn',
};
const NUMERIC_FIELDS = ['status', 'responseLatency'];

/** A resolved value as cdk-nag writes it in finding ids: `{ Ref: X }` → `<X>`, `Fn::GetAtt` → `<X.Attr>`, joins flattened. */
function nagText(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
  if (v.Ref) return `<${v.Ref}>`;
  if (v['Fn::GetAtt']) return `<${v['Fn::GetAtt'][0]}.${v['Fn::GetAtt'][1]}>`;
  if (v['Fn::Join']) return v['Fn::Join'][1].map(nagText).join(v['Fn::Join'][0]);
  return JSON.stringify(value);
}

/**
 * The HTTP API the platforms call: one `$default` stage with JSON access logs that record the
 * route key (never the raw path: admin paths carry phone numbers), per-route throttling, and routes
 * to function aliases (so provisioned concurrency is what answers). Routes are either checked by
 * the function (platform credentials) or by API Gateway with IAM (the admin API).
 */
export class WebhookApi extends Construct {
  public readonly httpApi: apigwv2.HttpApi;
  public readonly stage: apigwv2.HttpStage;
  public readonly accessLogs: logs.LogGroup;
  private readonly routeSettings: Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }> = {};

  constructor(scope: Construct, id: string, props: WebhookApiProps = {}) {
    super(scope, id);
    this.httpApi = new apigwv2.HttpApi(this, 'Api', { apiName: props.apiName, createDefaultStage: false });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions::AwsSolutions-APIG4',
      reason:
        'Voice platforms authenticate with an HMAC signature over the raw body or a shared-secret header, which an API Gateway authorizer cannot verify (it never sees the raw body); every function checks it in constant time before doing anything else and answers 401. The admin routes use IAM authorisation.',
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    let format = JSON.stringify(ACCESS_LOG_FIELDS);
    // Numbers stay numbers, so Logs Insights and metric filters compute latency percentiles from them.
    for (const field of NUMERIC_FIELDS) format = format.replace(`"${ACCESS_LOG_FIELDS[field]}"`, ACCESS_LOG_FIELDS[field] as string);
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: apigw.AccessLogFormat.custom(format),
      },
    });
    (this.stage.node.defaultChild as apigwv2.CfnStage).routeSettings = Lazy.any({
      produce: () => (Object.keys(this.routeSettings).length > 0 ? this.routeSettings : undefined),
    });
  }

  /** `execute-api:Invoke` on every IAM-authorised route, once one exists: attach it to the operators' identities. */
  get invokePolicy(): iam.ManagedPolicy | undefined {
    return this.node.tryFindChild('AdminInvoke') as iam.ManagedPolicy | undefined;
  }

  /** Routes `method path` for every path to the target (an alias). */
  addRoutes(id: string, method: apigwv2.HttpMethod, paths: readonly string[], target: lambda.IFunction, options: RouteOptions = {}): void {
    const integration = new HttpLambdaIntegration(`${id}Integration`, target);
    const iamAuth = options.authorization === 'iam';
    for (const path of paths) {
      const key = `${method} ${path}`;
      this.httpApi.addRoutes({ path, methods: [method], integration, authorizer: iamAuth ? new HttpIamAuthorizer() : undefined });
      if (options.throttle) {
        if (options.throttle.rateLimit === undefined || options.throttle.burstLimit === undefined)
          throw new Error(`route ${key}: a route throttle needs both rateLimit and burstLimit`);
        this.routeSettings[key] = { ThrottlingRateLimit: options.throttle.rateLimit, ThrottlingBurstLimit: options.throttle.burstLimit };
      }
      if (iamAuth) {
        const policy =
          this.invokePolicy ??
          new iam.ManagedPolicy(this, 'AdminInvoke', { description: 'Calls the IAM-authorised routes (admin API) of this environment' });
        const arn = this.httpApi.arnForExecuteApi(method, path.replace(/\{[^}]+\}/g, '*'), this.stage.stageName);
        policy.addStatements(new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: [arn] }));
        Validations.of(policy).acknowledge({
          id: `AwsSolutions::AwsSolutions-IAM5[Resource::${nagText(Stack.of(this).resolve(arn))}]`,
          reason: `The * stands for the route's path parameter (${path}): one route, one method, one stage; the caller's identity is checked by IAM.`,
        });
      }
    }
  }

  /** The stage URL (no trailing slash). */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
