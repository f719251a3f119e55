import {
  METRIC_NAMESPACE,
  METRIC_SERVICE,
  METRICS,
  type MetricDefinition,
  ROLLUP_DIMENSIONS,
} from '@agentic-memory/function-kit/contracts';
import { Template } from 'aws-cdk-lib/assertions';
import { MemoryDashboard } from '../../lib/constructs/memory-dashboard';
import { bareStack } from '../support';
import { customLines, dashboardBody, observedResources } from './dashboard-fixture';

function build(catalogue?: Readonly<Record<string, MetricDefinition>>) {
  const stack = bareStack();
  const dashboard = new MemoryDashboard(stack, 'Dashboard', { environmentName: 'test', ...observedResources(stack), catalogue });
  return { dashboard, body: dashboardBody(Template.fromStack(stack)) };
}

describe('MemoryDashboard', () => {
  const { dashboard, body } = build();
  const lines = customLines(body, METRIC_NAMESPACE);

  it('draws each catalogue metric for exactly the roles the catalogue says emit it (or none, when omitted)', () => {
    for (const [name, definition] of Object.entries(METRICS)) {
      const roles = new Set(lines.filter((l) => l.name === name).map((l) => l.dimensions.role));
      if (definition.dashboard === true) expect({ name, roles: [...roles].sort() }).toEqual({ name, roles: [...definition.roles].sort() });
      else expect({ name, roles: [...roles] }).toEqual({ name, roles: [] });
    }
    expect([...dashboard.shown].sort()).toEqual(
      Object.entries(METRICS)
        .filter(([, d]) => d.dashboard === true)
        .flatMap(([name, d]) => d.roles.map((r) => `${name}/${r}`))
        .sort(),
    );
  });

  it('addresses every custom line by the rollup dimension set, with this environment', () => {
    expect(lines.length).toBeGreaterThan(20);
    for (const line of lines) {
      expect(Object.keys(line.dimensions).sort()).toEqual([...ROLLUP_DIMENSIONS].sort());
      expect(line.dimensions).toMatchObject({ service: METRIC_SERVICE, environment: 'test' });
    }
  });

  it('queries the access logs for the call-path routes', () => {
    const widget = body.widgets.find((w) => w.properties.title?.startsWith('API latency by route'));
    expect(widget?.properties.query).toContain('filter routeKey in ["POST /client-data", "POST /retrieve"]');
    expect(widget?.properties.query).toContain('pct(responseLatency, 99)');
  });

  it('fails synth when a catalogue metric meant for the dashboard has no panel, naming it', () => {
    const extra: MetricDefinition = { unit: 'Count', description: 'a new metric', roles: ['ingest-worker'], dashboard: true };
    expect(() => build({ ...METRICS, BrandNewMetric: extra })).toThrow(
      /does not show BrandNewMetric \(ingest-worker\): add a panel, or mark the metric \{ dashboard: \{ omitted/,
    );
    // Deliberately omitted (with the reason): nothing to draw, nothing to fail.
    expect(() =>
      build({ ...METRICS, BrandNewMetric: { ...extra, dashboard: { omitted: 'volume only, read from the logs' } } }),
    ).not.toThrow();
  });

  it('follows the catalogue when it changes which roles emit a metric', () => {
    const narrowed = { ...METRICS, EventQueued: { ...METRICS.EventQueued, roles: ['conversation-start' as const] } };
    const lines2 = customLines(build(narrowed).body, METRIC_NAMESPACE).filter((l) => l.name === 'EventQueued');
    expect(lines2.map((l) => l.dimensions.role)).toEqual(['conversation-start']);
  });
});
