import { SECRET_NAMES } from '@agentic-memory/memory-core';
import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export interface EnvironmentSecretProps {
  readonly secretName: string;
}

/**
 * The environment's one JSON secret; its keys are the variable names of the operational interface.
 * The template holds no value: Secrets Manager generates `CALLER_ID_PEPPER`, the other keys start
 * empty and are set by the operator (README, deploy guide).
 */
export class EnvironmentSecret extends Construct {
  public readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: EnvironmentSecretProps) {
    super(scope, id);
    const template = Object.fromEntries(SECRET_NAMES.filter((n) => n !== 'CALLER_ID_PEPPER').map((n) => [n, '']));
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      secretName: props.secretName,
      description: 'Agentic Memory: platform keys, admin key, Mem0 key and the caller-id pepper (JSON)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify(template),
        generateStringKey: 'CALLER_ID_PEPPER',
        passwordLength: 48,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SMG4',
      reason:
        'The values are issued by other parties (ElevenLabs’ webhook HMAC secret, Mem0 API key) or must stay stable (the caller-id pepper keys every stored caller); they are rotated by the operator, and the functions refetch the secret when a credential check fails.',
    });
  }
}
