import { METRIC_NAMESPACE, METRICS, type MetricName, ROLLUP_DIMENSIONS } from '@agentic-memory/function-kit/metric-catalogue';
import type { Stack } from 'aws-cdk-lib';
import { synthStack } from './support';

/** The prod dashboard and alarms show only catalogued metrics, and every catalogue metric is shown or deliberately left out. */
const { stack, template } = synthStack('prod');

/** The dashboard body with CloudFormation intrinsics flattened to text. */
function dashboardBody(): string {
  const dashboard = Object.values(template.findResources('AWS::CloudWatch::Dashboard'))[0];
  if (!dashboard) throw new Error('no dashboard');
  const parts = (dashboard.Properties.DashboardBody['Fn::Join'] as [string, unknown[]])[1];
  // Intrinsics (Ref, GetAtt) sit inside JSON strings: replace them with a plain token.
  return parts.map((p) => (typeof p === 'string' ? p : 'TOKEN')).join('');
}

function customMetricsOnDashboard(): { name: string; dims: string[] }[] {
  const body = JSON.parse(dashboardBody()) as { widgets: { properties: { metrics?: unknown[][] } }[] };
  const found: { name: string; dims: string[] }[] = [];
  for (const widget of body.widgets) {
    for (const line of widget.properties.metrics ?? []) {
      const parts = line.filter((p) => typeof p === 'string') as string[];
      if (parts[0] !== METRIC_NAMESPACE) continue;
      const name = parts[1] as string;
      const dims = parts.slice(2).filter((_, i) => i % 2 === 0);
      found.push({ name, dims });
    }
  }
  return found;
}

describe('dashboard and alarms against the metric catalogue', () => {
  it('every custom metric on the dashboard is catalogued and uses the rollup dimension set', () => {
    const found = customMetricsOnDashboard();
    expect(found.length).toBeGreaterThan(20);
    for (const { name, dims } of found) {
      expect(Object.keys(METRICS)).toContain(name);
      expect([...dims].sort()).toEqual([...ROLLUP_DIMENSIONS].sort());
    }
  });

  it('every catalogue metric is on the dashboard, or deliberately not (with the reason)', () => {
    const shown = new Set(customMetricsOnDashboard().map((m) => m.name));
    for (const [name, definition] of Object.entries(METRICS)) {
      if (definition.dashboard === true) expect({ name, shown: shown.has(name) }).toEqual({ name, shown: true });
      else {
        expect({ name, shown: shown.has(name) }).toEqual({ name, shown: false });
        expect(definition.dashboard.omitted.length).toBeGreaterThan(20);
      }
    }
  });

  it('every custom metric the alarms watch is catalogued, with the rollup dimensions', () => {
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    let custom = 0;
    for (const alarm of alarms) {
      const stats = [
        alarm.Properties,
        ...(alarm.Properties.Metrics ?? []).map((m: { MetricStat?: { Metric: unknown } }) => m.MetricStat?.Metric),
      ].filter(Boolean);
      for (const m of stats as { Namespace?: string; MetricName?: string; Dimensions?: { Name: string }[] }[]) {
        if (m.Namespace !== METRIC_NAMESPACE) continue;
        custom += 1;
        expect(Object.keys(METRICS)).toContain(m.MetricName);
        expect((m.Dimensions ?? []).map((d) => d.Name).sort()).toEqual([...ROLLUP_DIMENSIONS].sort());
      }
    }
    expect(custom).toBeGreaterThanOrEqual(4);
  });

  it('records which catalogue metrics the observability construct used', () => {
    const used = (stack as Stack & { observability: { customMetricsUsed: Set<MetricName> } }).observability.customMetricsUsed;
    for (const name of used) expect(METRICS[name]).toBeDefined();
  });
});

describe('API latency by route', () => {
  it('queries the access logs for every call-start and recall route, whose latency is logged as a number', () => {
    const body = JSON.parse(dashboardBody()) as { widgets: { properties: { title?: string; query?: string } }[] };
    const widget = body.widgets.find((w) => w.properties.title?.startsWith('API latency by route'));
    for (const route of ['POST /client-data', 'POST /retrieve', 'POST /v1/vapi/assistant-request', 'POST /v1/retell/inbound']) {
      expect(widget?.properties.query).toContain(JSON.stringify(route));
    }
    expect(widget?.properties.query).toContain('pct(responseLatency, 99)');
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const format = stage?.Properties.AccessLogSettings.Format as string;
    expect(JSON.parse(format.replace(/\$context\.\w+(\.\w+)?/g, '0'))).toMatchObject({ routeKey: '0', responseLatency: 0, status: 0 });
  });
});
