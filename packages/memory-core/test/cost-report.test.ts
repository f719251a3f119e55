import { costReport } from '../src';

const period = { start: '2026-11-24', end: '2026-11-25' };

describe('costReport', () => {
  it('computes cost per call overall and per service from conversation starts', () => {
    const report = costReport({
      period,
      costs: [
        { service: 'AWS Lambda', amountUsd: 1.2 },
        { service: 'Amazon API Gateway', amountUsd: 0.3 },
        { service: 'Amazon Simple Storage Service', amountUsd: 0.05 },
      ],
      invocations: { 'conversation-start': 150, 'webhook-intake': 140 },
      utilization: { 'conversation-start': 0.12, 'memory-search': 0.5 },
    });
    expect(report).toMatchObject({ total_usd: 1.55, calls: 150, calls_source: 'conversation-start', cost_per_call_usd: 0.010333 });
    expect(report.by_service[0]).toEqual({ service: 'AWS Lambda', usd: 1.2, per_call_usd: 0.008, share: 0.7742 });
    expect(report.recommendations.map((r) => r.code)).toEqual([
      'high_cost_per_call',
      'lambda_cost_per_call',
      'provisioned_concurrency_underused',
    ]);
    expect(report.recommendations[2]?.message).toContain('conversation-start');
  });

  it('falls back to post-call webhooks as the call count, and flags low volume and efficiency', () => {
    const report = costReport({
      period,
      costs: [{ service: 'AWS Lambda', amountUsd: 0.01 }],
      invocations: { 'webhook-intake': 20 },
      utilization: {},
    });
    expect(report).toMatchObject({ calls: 20, calls_source: 'webhook-intake', cost_per_call_usd: 0.0005 });
    expect(report.recommendations.map((r) => r.code)).toEqual(['efficient', 'low_volume']);
  });

  it('says so when there is cost but no call, or no cost data at all, or API Gateway dominates', () => {
    expect(
      costReport({ period, costs: [{ service: 'AWS Lambda', amountUsd: 2 }], invocations: {}, utilization: {} }).recommendations.map(
        (r) => r.code,
      ),
    ).toEqual(['cost_without_calls']);
    expect(
      costReport({ period, costs: [], invocations: { 'conversation-start': 5 }, utilization: {} }).recommendations.map((r) => r.code),
    ).toEqual(['no_cost_data', 'efficient', 'low_volume']);
    const api = costReport({
      period,
      costs: [
        { service: 'Amazon API Gateway', amountUsd: 5 },
        { service: 'AWS Lambda', amountUsd: 1 },
      ],
      invocations: { 'conversation-start': 20_000 },
      utilization: {},
    });
    expect(api.recommendations.map((r) => r.code)).toEqual(['efficient', 'high_volume', 'api_gateway_share']);
  });
});
