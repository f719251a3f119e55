import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CostGuardrails } from '../../lib/constructs/cost-guardrails';
import { bareStack } from '../support';

describe('CostGuardrails', () => {
  it('ANDs the cost-allocation tags, notifies at each threshold and on forecast, and lets Budgets publish to the topic', () => {
    const stack = bareStack();
    const topic = new sns.Topic(stack, 'Topic');
    new CostGuardrails(stack, 'Budget', {
      monthlyUsd: 40,
      recipients: ['ops@example.org'],
      topic,
      tags: { Project: 'p', Environment: 'e' },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetLimit: { Amount: 40, Unit: 'USD' },
        FilterExpression: {
          And: [
            { Tags: { Key: 'Project', Values: ['p'], MatchOptions: ['EQUALS'] } },
            { Tags: { Key: 'Environment', Values: ['e'], MatchOptions: ['EQUALS'] } },
          ],
        },
      },
      NotificationsWithSubscribers: [80, 100]
        .map((threshold) => Match.objectLike({ Notification: Match.objectLike({ NotificationType: 'ACTUAL', Threshold: threshold }) }))
        .concat([
          Match.objectLike({
            Notification: Match.objectLike({ NotificationType: 'FORECASTED', Threshold: 100 }),
            Subscribers: [
              { SubscriptionType: 'EMAIL', Address: 'ops@example.org' },
              { SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('^Topic') } },
            ],
          }),
        ]),
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Sid: 'AllowBudgetsToPublish',
            Principal: { Service: 'budgets.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
          }),
        ],
      },
    });
  });

  it('refuses a budget that would count the whole account, or nothing', () => {
    expect(() => new CostGuardrails(bareStack(), 'B', { monthlyUsd: 10, tags: {} })).toThrow('would count the whole account');
    expect(() => new CostGuardrails(bareStack(), 'B', { monthlyUsd: 0, tags: { Project: 'p' } })).toThrow('above $0');
  });
});
