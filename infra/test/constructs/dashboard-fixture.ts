import { ROLES } from '@agentic-memory/function-kit/contracts';
import type { Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { MemoryDashboardProps } from '../../lib/constructs/memory-dashboard';
import { observedFunctions } from '../support';

/** What MemoryDashboard and MemoryAlarms observe, built from real resources in a bare stack. */
export function observedResources(stack: Stack, provisioned: readonly string[] = []): Omit<MemoryDashboardProps, 'environmentName'> {
  return {
    functions: observedFunctions(stack, Object.keys(ROLES), provisioned),
    httpApi: new apigwv2.HttpApi(stack, 'Api'),
    accessLogs: new logs.LogGroup(stack, 'AccessLogs'),
    callPathRoutes: ['POST /client-data', 'POST /retrieve'],
    queue: new sqs.Queue(stack, 'Queue', { fifo: true }),
    deadLetterQueue: new sqs.Queue(stack, 'Dlq', { fifo: true }),
  };
}

/** The dashboard body with CloudFormation intrinsics flattened to a token. */
export function dashboardBody(template: Template): {
  widgets: { properties: { title?: string; query?: string; metrics?: unknown[][] } }[];
} {
  const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0];
  if (!dashboard) throw new Error('no dashboard');
  const body = dashboard.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : 'TOKEN')).join('');
  return JSON.parse(text);
}

/** Custom metric lines of a dashboard body: name and the value of each dimension. */
export function customLines(
  body: ReturnType<typeof dashboardBody>,
  namespace: string,
): { name: string; dimensions: Record<string, string>; stat?: string }[] {
  const out: { name: string; dimensions: Record<string, string>; stat?: string }[] = [];
  for (const widget of body.widgets) {
    for (const line of widget.properties.metrics ?? []) {
      const parts = line.filter((p) => typeof p === 'string') as string[];
      if (parts[0] !== namespace) continue;
      const options = line.find((p) => typeof p === 'object' && p !== null) as { stat?: string } | undefined;
      const dimensions: Record<string, string> = {};
      for (let i = 2; i + 1 < parts.length; i += 2) dimensions[parts[i] as string] = parts[i + 1] as string;
      out.push({ name: parts[1] as string, dimensions, stat: options?.stat });
    }
  }
  return out;
}
