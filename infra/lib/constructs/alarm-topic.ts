import { Stack, Validations } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { allowServiceToPublish } from './topic-publishers';

export interface AlarmTopicProps {
  /** Shown as the sender of alarm e-mails. @default 'Agentic Memory alarms' */
  readonly displayName?: string;
  /**
   * E-mail addresses subscribed to the topic (each confirms once, from the e-mail SNS sends).
   * @default - no subscriber: alarms change state on the dashboard only
   */
  readonly recipients?: readonly string[];
  /**
   * A customer-managed key that encrypts the topic. Its key policy must let
   * `cloudwatch.amazonaws.com` (and `budgets.amazonaws.com`, when budgets publish here) use it:
   * the AWS-managed `alias/aws/sns` key does not, so alarms could not publish.
   * @default - not encrypted at rest (alarm and budget notifications carry no secret)
   */
  readonly masterKey?: kms.IKey;
}

/**
 * The SNS topic every alarm of the environment notifies, on ALARM and on OK: SSL-only, with a
 * policy that lets CloudWatch publish for this account's alarms only, and the environment's
 * e-mail subscribers.
 */
export class AlarmTopic extends Construct {
  public readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: props.displayName ?? 'Agentic Memory alarms',
      enforceSSL: true,
      masterKey: props.masterKey,
    });
    const stack = Stack.of(this);
    // Without this statement CloudWatch cannot publish once the topic has a policy of its own.
    allowServiceToPublish(this.topic, 'AllowCloudWatchAlarmsToPublish', 'cloudwatch.amazonaws.com', {
      StringEquals: { 'aws:SourceAccount': stack.account },
      ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:cloudwatch:${stack.region}:${stack.account}:alarm:*` },
    });
    for (const address of props.recipients ?? []) this.topic.addSubscription(new subscriptions.EmailSubscription(address));
    if (!props.masterKey) {
      Validations.of(this.topic).acknowledge({
        id: 'AwsSolutions::AwsSolutions-SNS2',
        reason:
          'CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed SNS key, and the notifications carry only alarm names and states; a customer-managed key can be passed as masterKey.',
      });
    }
  }
}
