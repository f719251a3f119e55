import { Stack } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

export interface CostGuardrailsProps {
  readonly budgetName: string;
  readonly monthlyUsd: number;
  /** Percentages of the budget that notify on actual spend (e.g. 80, 100). */
  readonly actualThresholdsPercent: readonly number[];
  readonly recipients: readonly string[];
  /** A topic that also receives every notification (the stack's alarm topic), so one is always sent. */
  readonly topic?: sns.ITopic;
  /** Cost-allocation tags that scope the budget (`key` → value); all of them must match. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * A monthly cost budget scoped by cost-allocation tags (a filter expression that ANDs them: the
 * older `CostFilters.TagKeyValue` list ORs its values, which would count every environment),
 * notifying on actual spend at each threshold and on forecast spend at 100 %, by email and on the
 * given topic. Tag-scoped budgets see $0 until the tags are activated in the Billing console (up
 * to ~24 h).
 */
export class CostGuardrails extends Construct {
  public readonly budget: budgets.CfnBudget;

  constructor(scope: Construct, id: string, props: CostGuardrailsProps) {
    super(scope, id);
    const subscribers = [
      ...props.recipients.map((address) => ({ subscriptionType: 'EMAIL', address })),
      ...(props.topic ? [{ subscriptionType: 'SNS', address: props.topic.topicArn }] : []),
    ];
    if (props.topic) {
      // Budgets publishes to the topic only when its policy allows it, for this account's budgets.
      props.topic.addToResourcePolicy(
        new iam.PolicyStatement({
          sid: 'AllowBudgetsToPublish',
          principals: [new iam.ServicePrincipal('budgets.amazonaws.com')],
          actions: ['sns:Publish'],
          resources: [props.topic.topicArn],
          conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
        }),
      );
    }
    const tagExpressions = Object.entries(props.tags).map(([key, value]) => ({ tags: { key, values: [value], matchOptions: ['EQUALS'] } }));
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
        filterExpression: tagExpressions.length === 1 ? tagExpressions[0] : { and: tagExpressions },
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
