/**
 * The first thing a hot role's init does (import it before anything else in a Lambda entry): the
 * lightweight AWS client, and the environment's secret requested at once — then one turn of the
 * event loop so the request leaves (connect, write) before the rest of the bundle is evaluated.
 * Secrets Manager answers while Powertools, Middy and the role's code load, instead of after.
 *
 * Nothing here imports the logger (that would load Powertools before the request leaves): the
 * entry settles the fetch with `secretsAtInit`, which reports a failure.
 * Import as `@agentic-memory/function-kit/init-secrets`.
 */
import { LiteSecretsManagerSecrets } from '@agentic-memory/provider-adapters/aws-lite';
import { failureOf } from './concurrency';
import { systemClock } from './dependencies';
import { liteAwsClient } from './lambda-ports';
import { lambdaSetting } from './lambda-settings';

/** The role's AWS client (S3, SQS, Secrets Manager over SigV4), credentials from the environment. */
export const aws = liteAwsClient(process.env);

/** The environment's secret; its first fetch is already on its way. */
export const secrets = new LiteSecretsManagerSecrets(aws, lambdaSetting(process.env, 'SECRET_ARN'), systemClock);

/** The init's fetch of the secret: the error when it failed (never a rejection), else null. */
export const secretFetch: Promise<Error | null> = failureOf(secrets.prefetch());

await new Promise<void>((resolve) => setImmediate(resolve));
