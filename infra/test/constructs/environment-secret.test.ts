import { ROTATING_CREDENTIALS } from '@agentic-memory/function-kit/contracts';
import { SECRET_NAMES } from '@agentic-memory/memory-core';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { EnvironmentSecret, secretTemplate } from '../../lib/constructs/environment-secret';
import { bareStack, bareTemplate } from '../support';

describe('EnvironmentSecret', () => {
  it('has no fixed name, keeps the secret on delete but not when the first creation rolls back, and holds no value', () => {
    const template = bareTemplate((stack) => new EnvironmentSecret(stack, 'Secret'));
    template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'RetainExceptOnCreate',
      UpdateReplacePolicy: 'Retain',
      Properties: {
        Name: Match.absent(),
        SecretString: Match.absent(),
        GenerateSecretString: {
          GenerateStringKey: 'CALLER_ID_PEPPER',
          PasswordLength: 48,
          SecretStringTemplate: JSON.stringify(secretTemplate()),
        },
      },
    });
    const keys = Object.keys(secretTemplate());
    expect(keys.sort()).toEqual(SECRET_NAMES.filter((n) => n !== 'CALLER_ID_PEPPER').sort());
    for (const name of ROTATING_CREDENTIALS) expect(keys).toContain(`${name}_PREVIOUS`);
    expect(Object.values(secretTemplate()).every((v) => v === '')).toBe(true);
  });

  it('adopts an existing secret deliberately, creating none', () => {
    const stack = bareStack();
    const existing = secretsmanager.Secret.fromSecretNameV2(stack, 'Kept', 'agentic-memory/prod');
    const secret = new EnvironmentSecret(stack, 'Secret', { existingSecret: existing });
    expect(secret.secret).toBe(existing);
    expect(secret.created).toBe(false);
    Template.fromStack(stack).resourceCountIs('AWS::SecretsManager::Secret', 0);
  });
});
