import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpMethod } from 'aws-cdk-lib/aws-apigatewayv2';
import { ACCESS_LOG_FIELDS, WebhookApi } from '../../lib/constructs/webhook-api';
import { bareStack, observedFunction } from '../support';

describe('WebhookApi', () => {
  function build() {
    const stack = bareStack();
    const api = new WebhookApi(stack, 'Api', { apiName: 'test-api' });
    const fn = observedFunction(stack, 'Fn');
    api.addRoutes('Start', HttpMethod.POST, ['/client-data', '/v1/generic/conversation-start'], fn.alias, {
      throttle: { rateLimit: 100, burstLimit: 200 },
    });
    api.addRoutes('Admin', HttpMethod.DELETE, ['/v1/users/{phone}'], fn.alias, {
      throttle: { rateLimit: 2, burstLimit: 5 },
      authorization: 'iam',
    });
    return { stack, api, template: Template.fromStack(stack) };
  }

  it('throttles each route with its own limits, and logs JSON with the route key (never the path), latency as a number', () => {
    const { template } = build();
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    expect(stage?.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      RouteSettings: {
        'POST /client-data': { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
        'POST /v1/generic/conversation-start': { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
        'DELETE /v1/users/{phone}': { ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 },
      },
    });
    const format = JSON.parse(
      String(stage?.Properties.AccessLogSettings?.Format).replace(/\$context\.[\w.]+/g, (m) =>
        m.includes('Latency') || m === '$context.status' ? '0' : m,
      ),
    );
    expect(Object.keys(format).sort()).toEqual(Object.keys(ACCESS_LOG_FIELDS).sort());
    expect(format).toMatchObject({ routeKey: '$context.routeKey', apiId: '$context.apiId', responseLatency: 0, status: 0 });
    expect(JSON.stringify(format)).not.toContain('$context.path');
  });

  it('puts IAM in front of admin routes only, and grants execute-api:Invoke on exactly those in a managed policy', () => {
    const { template, api } = build();
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'DELETE /v1/users/{phone}', AuthorizationType: 'AWS_IAM' });
    for (const key of ['POST /client-data', 'POST /v1/generic/conversation-start'])
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: key, AuthorizationType: 'NONE' });
    expect(api.invokePolicy).toBeDefined();
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'execute-api:Invoke',
            Resource: { 'Fn::Join': ['', Match.arrayWith(['arn:aws:execute-api:us-east-1:123456789012:', '/$default/DELETE/v1/users/*'])] },
          },
        ],
      },
    });
  });

  it('has no invoke policy without IAM routes, and refuses a throttle without both limits', () => {
    const stack = bareStack();
    const api = new WebhookApi(stack, 'Api');
    expect(api.invokePolicy).toBeUndefined();
    expect(() => api.addRoutes('X', HttpMethod.POST, ['/x'], observedFunction(stack, 'F').alias, { throttle: { rateLimit: 1 } })).toThrow(
      'needs both rateLimit and burstLimit',
    );
  });
});
