import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface WebhookApiProps {
  readonly apiName?: string;
  readonly throttle: apigwv2.ThrottleSettings;
  readonly accessLogRetention: logs.RetentionDays;
}

/**
 * The HTTP API the platforms call: one `$default` stage with throttling and JSON access logs that
 * record the route key (never the raw path: admin paths carry phone numbers). Routes integrate
 * with function aliases, so provisioned concurrency is what answers.
 */
export class WebhookApi extends Construct {
  public readonly httpApi: apigwv2.HttpApi;
  public readonly stage: apigwv2.HttpStage;
  public readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);
    this.httpApi = new apigwv2.HttpApi(this, 'Api', { apiName: props.apiName, createDefaultStage: false });
    Validations.of(this).acknowledge({
      id: 'AwsSolutions::AwsSolutions-APIG4',
      reason:
        'Voice platforms authenticate with an HMAC signature over the raw body or a shared-secret header, which an API Gateway authorizer cannot verify (it never sees the raw body); every function checks it in constant time before doing anything else and answers 401.',
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention: props.accessLogRetention, removalPolicy: RemovalPolicy.DESTROY });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: apigw.AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationStatus: '$context.integrationStatus',
            responseLength: '$context.responseLength',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
          })
            // Numbers stay numbers, so Logs Insights computes latency percentiles by route from them.
            .replace('"$context.status"', '$context.status')
            .replace('"$context.responseLatency"', '$context.responseLatency'),
        ),
      },
    });
  }

  /** Routes `method path` for every path to the target (an alias). */
  addRoutes(id: string, method: apigwv2.HttpMethod, paths: readonly string[], target: lambda.IFunction): void {
    const integration = new HttpLambdaIntegration(`${id}Integration`, target);
    for (const path of paths) this.httpApi.addRoutes({ path, methods: [method], integration });
  }

  /** The stage URL (no trailing slash). */
  get url(): string {
    return this.httpApi.apiEndpoint;
  }
}
