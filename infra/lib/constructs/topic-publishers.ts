import * as iam from 'aws-cdk-lib/aws-iam';
import type * as sns from 'aws-cdk-lib/aws-sns';

/**
 * Lets an AWS service publish to a topic, limited by `conditions` (the source account, the source
 * ARN): once a topic has a resource policy of its own, a service not named in it cannot publish.
 */
export function allowServiceToPublish(
  topic: sns.ITopic,
  sid: string,
  service: string,
  conditions: Readonly<Record<string, Record<string, string>>>,
): void {
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      sid,
      principals: [new iam.ServicePrincipal(service)],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { ...conditions },
    }),
  );
}
