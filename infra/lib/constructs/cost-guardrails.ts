import * as budgets from 'aws-cdk-lib/aws-budgets';
import { Construct } from 'constructs';

export interface CostGuardrailsProps {
  readonly budgetName: string;
  readonly monthlyUsd: number;
  /** Percentages of the budget that notify on actual spend (e.g. 80, 100). */
  readonly actualThresholdsPercent: readonly number[];
  readonly recipients: readonly string[];
  /** Cost-allocation tags that scope the budget (`key` → value). */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A monthly cost budget scoped by cost-allocation tags, notifying on actual spend at each
 * threshold and on forecast spend at 100 %. Tag-scoped budgets see $0 until the tags are activated
 * in the Billing console (up to ~24 h).
 */
export class CostGuardrails extends Construct {
  public readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: CostGuardrailsProps) {
    super(scope, id);
    const subscribers = props.recipients.map((address) => ({ subscriptionType: 'EMAIL', address }));
    const notifications = [
      ...props.actualThresholdsPercent.map((threshold) => ({ notificationType: 'ACTUAL', threshold })),
      { notificationType: 'FORECASTED', threshold: 100 },
    ];
    this.budget = new budgets.CfnBudget(this, 'Budget', {
      budget: {
        budgetName: props.budgetName,
        budgetType: 'COST',
        timeUnit: 'MONTHLY',
        budgetLimit: { amount: props.monthlyUsd, unit: 'USD' },
        costFilters: { TagKeyValue: Object.entries(props.tags).map(([k, v]) => `user:${k}$${v}`) },
      },
      notificationsWithSubscribers:
        subscribers.length === 0
          ? undefined
          : notifications.map((n) => ({
              notification: {
                notificationType: n.notificationType,
                comparisonOperator: 'GREATER_THAN',
                threshold: n.threshold,
                thresholdType: 'PERCENTAGE',
              },
              subscribers,
            })),
    });
  }
}
