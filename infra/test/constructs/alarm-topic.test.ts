import { Match } from 'aws-cdk-lib/assertions';
import { AlarmTopic } from '../../lib/constructs/alarm-topic';
import { bareTemplate } from '../support';

describe('AlarmTopic', () => {
  it('lets CloudWatch publish for this account’s alarms only, and refuses non-TLS requests', () => {
    const template = bareTemplate((stack) => new AlarmTopic(stack, 'Alarms'));
    template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'Agentic Memory alarms' });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          {
            Sid: 'AllowCloudWatchAlarmsToPublish',
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Resource: { Ref: Match.stringLikeRegexp('^AlarmsTopic') },
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnLike: { 'aws:SourceArn': 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:*' },
            },
          },
        ]),
      },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('subscribes every recipient by e-mail', () => {
    const template = bareTemplate(
      (stack) => new AlarmTopic(stack, 'Alarms', { displayName: 'prod alarms', recipients: ['a@example.org', 'b@example.org'] }),
    );
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    for (const address of ['a@example.org', 'b@example.org'])
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: address,
        TopicArn: { Ref: Match.stringLikeRegexp('^AlarmsTopic') },
      });
  });
});
