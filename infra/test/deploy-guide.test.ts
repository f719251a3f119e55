import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@agentic-memory/config';
import { type CfnTemplate, cronHoursOfWeek, customMetricCount, environmentCost, provisionedInstanceHours } from '../lib/cost-model';
import { deployGuide, readPriceTable } from '../lib/deploy-guide';
import { synthStack } from './support';

describe('cost model', () => {
  it('reads the weekly hours of a schedule and the provisioned instance-hours it leaves', () => {
    expect(cronHoursOfWeek('cron(0 8 ? * MON-FRI *)')).toEqual([32, 56, 80, 104, 128]);
    expect(cronHoursOfWeek('cron(0 20 * * ? *)')).toHaveLength(7);
    expect(() => cronHoursOfWeek('rate(5 minutes)')).toThrow('unsupported');
    expect(provisionedInstanceHours({ MinCapacity: 2 })).toBeCloseTo(1460);
    // 1 always, 2 from 08:00 to 20:00 on weekdays: 168 + 5 × 12 instance-hours a week.
    const hours = provisionedInstanceHours({
      MinCapacity: 1,
      ScheduledActions: [
        { Schedule: 'cron(0 8 ? * MON-FRI *)', ScalableTargetAction: { MinCapacity: 2 } },
        { Schedule: 'cron(0 20 ? * MON-FRI *)', ScalableTargetAction: { MinCapacity: 1 } },
      ],
    });
    expect(hours).toBeCloseTo((228 * 730) / 168);
  });

  it('prices a template: provisioned concurrency from its scalable targets, alarms by metric, nothing provisioned in dev', () => {
    const prices = readPriceTable();
    const prod = environmentCost(synthStack('prod').template.toJSON() as CfnTemplate, prices, { rawRetentionDays: 365 });
    const dev = environmentCost(synthStack('dev').template.toJSON() as CfnTemplate, prices, { rawRetentionDays: 30 });
    expect(prod.atRest.filter((i) => i.item.startsWith('provisioned')).map((i) => i.item)).toEqual([
      'provisioned concurrency: conversation-start',
      'provisioned concurrency: memory-search',
    ]);
    expect(dev.atRest.some((i) => i.item.startsWith('provisioned'))).toBe(false);
    expect(prod.atRestUsd).toBeGreaterThan(dev.atRestUsd);
    expect(prod.perCall(100_000)).toBeLessThan(prod.perCall(10_000));
    expect(prod.monthly(10_000) - prod.atRestUsd).toBeCloseTo(prod.traffic(10_000).reduce((s, i) => s + i.usd, 0));
    expect(customMetricCount(prices.usage)).toBeGreaterThan(20);
  });
});

describe('docs/deploy.md', () => {
  const guide = deployGuide();

  it('is what the templates and the price table say (run pnpm deploy-guide after changing either)', () => {
    expect(readFileSync(join(findWorkspaceRoot(), 'docs', 'deploy.md'), 'utf8')).toBe(guide);
  }, 120_000);

  it('walks a fresh account from the quota check to a signed smoke test, with each environment’s cost at rest', () => {
    for (const text of [
      'aws service-quotas get-service-quota --service-code lambda --quota-code L-B99A9384',
      'aws ce update-cost-allocation-tags-status',
      'Launch Cost Explorer',
      'pnpm cdk bootstrap',
      'pnpm check:deploy',
      'pnpm replay fixtures/elevenlabs/post-call-transcription.json --url <ApiUrl>',
      'pnpm admin GET',
      '| prod | $',
      `price table of ${readPriceTable().checked}`,
    ])
      expect(guide).toContain(text);
  });
});
