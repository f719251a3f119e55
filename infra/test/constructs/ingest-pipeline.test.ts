import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IngestPipeline } from '../../lib/constructs/ingest-pipeline';
import { bareStack, bareTemplate } from '../support';

describe('IngestPipeline', () => {
  it('has secure defaults that cannot be turned off: private, TLS-only, encrypted, versioned; FIFO queues with a FIFO DLQ', () => {
    const template = bareTemplate((stack) => new IngestPipeline(stack, 'Pipeline'));
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'RetainExceptOnCreate',
      Properties: {
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        LifecycleConfiguration: { Rules: [Match.objectLike({ NoncurrentVersionExpiration: { NoncurrentDays: 7 } })] },
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      FifoQueue: true,
      VisibilityTimeout: 360,
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
      SqsManagedSseEnabled: true,
    });
    template.resourceCountIs('AWS::SQS::QueuePolicy', 2);
  });

  it('expires each prefix after its days and refuses a prefix that is not one segment', () => {
    const stack = bareStack();
    new IngestPipeline(stack, 'Pipeline', { retentionDays: { 'raw/': 30, 'audio/': 7 } });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', {
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Prefix: 'raw/', ExpirationInDays: 30 }),
          Match.objectLike({ Prefix: 'audio/', ExpirationInDays: 7 }),
        ]),
      },
    });
    expect(() => new IngestPipeline(bareStack(), 'P', { retentionDays: { raw: 30 } })).toThrow('must be one path segment ending in "/"');
    expect(() => new IngestPipeline(bareStack(), 'P', { retentionDays: { 'raw/': 0 } })).toThrow('whole number of days ≥ 1');
  });

  it('grants by key prefix: object actions on the prefixes, listing only under them', () => {
    const stack = bareStack();
    const pipeline = new IngestPipeline(stack, 'Pipeline');
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    pipeline.grantGet(role, ['snapshots/']);
    pipeline.grantDelete(role, ['raw/', 'done/']);
    const bucketArn = { 'Fn::GetAtt': [Match.stringLikeRegexp('^PipelineBlobs'), 'Arn'] };
    const under = (prefix: string) => ({ 'Fn::Join': ['', [bucketArn, `/${prefix}*`]] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Reader') }],
      PolicyDocument: {
        Statement: Match.arrayEquals([
          { Effect: 'Allow', Action: 's3:GetObject', Resource: under('snapshots/') },
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: bucketArn, Condition: { StringLike: { 's3:prefix': ['snapshots/*'] } } },
          { Effect: 'Allow', Action: ['s3:DeleteObject', 's3:DeleteObjectVersion'], Resource: [under('done/'), under('raw/')] },
          {
            Effect: 'Allow',
            Action: 's3:ListBucketVersions',
            Resource: bucketArn,
            Condition: { StringLike: { 's3:prefix': ['raw/*', 'done/*'] } },
          },
        ]),
      },
    });
  });
});
