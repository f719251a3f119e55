/** A variable the CDK app sets for a function is missing: the message names it. */
export class LambdaSettingError extends Error {
  constructor(name: string, what: string) {
    super(`${name} is not set: ${what} (the CDK app sets it; the function cannot start without it)`);
    this.name = 'LambdaSettingError';
  }
}

/** What the CDK app tells a function through its environment (never a secret: only names and addresses). */
const SETTINGS = {
  SECRET_ARN: "the environment secret's ARN",
  BLOB_BUCKET: 'the blob bucket',
  INGEST_QUEUE_URL: 'the ingest queue',
  INGEST_DLQ_URL: 'the ingest dead-letter queue',
  MEM0_HOST: 'the Mem0 host',
  AWS_REGION: 'the region (set by Lambda)',
} as const;

export type LambdaSettingName = keyof typeof SETTINGS;

type Env = Readonly<Record<string, string | undefined>>;

/** A required setting. */
export function lambdaSetting(env: Env, name: LambdaSettingName): string {
  const value = env[name];
  if (!value) throw new LambdaSettingError(name, SETTINGS[name]);
  return value;
}

/**
 * Where the AWS services are: the region, and an emulator endpoint when `AWS_ENDPOINT_URL` is set
 * (the pre-deploy check runs every bundle against moto); unset in Lambda.
 */
export function awsLocation(env: Env): { readonly region: string; readonly endpoint: string | undefined } {
  return {
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? lambdaSetting(env, 'AWS_REGION'),
    endpoint: env.AWS_ENDPOINT_URL || undefined,
  };
}
