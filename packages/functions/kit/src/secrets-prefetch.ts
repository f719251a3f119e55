import { failureOf } from './concurrency';
import { logger } from './observability';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Whether the init must hold the secret before it ends: with provisioned concurrency (or
 * SnapStart) Lambda freezes the environment after init until a call comes, so a fetch still in
 * flight would meet that call late or on a dead connection. An on-demand init has its call
 * already waiting, so the fetch may run on while the runtime hands the event over. Outside Lambda
 * (`AWS_LAMBDA_INITIALIZATION_TYPE` unset) the init waits, the safe choice.
 */
export function initAwaitsSecrets(env: Env): boolean {
  return env.AWS_LAMBDA_INITIALIZATION_TYPE !== 'on-demand';
}

/**
 * Settles the init's fetch of the environment's secret (started by `prefetchSecrets`, or first
 * thing by `init-secrets`): waited for unless this is an on-demand cold start (see
 * `initAwaitsSecrets`; the first request then awaits the same fetch), a failure logged either way,
 * and the init never fails for it: Lambda would refuse the function (with provisioned concurrency,
 * the whole deploy). A request that needs a value fetches again; a credential check that fails
 * refetches once.
 */
export async function secretsAtInit(fetch: Promise<Error | null>, env: Env): Promise<void> {
  const reported = fetch.then((error) => {
    if (error) logger.error('the environment secret could not be read at init; requests will fetch it again', { error });
  });
  if (initAwaitsSecrets(env)) await reported;
}

/** Fetches the environment's secret at init (see `secretsAtInit`). */
export async function prefetchSecrets(secrets: { prefetch(): Promise<void> }, env: Env): Promise<void> {
  await secretsAtInit(failureOf(secrets.prefetch()), env);
}
