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
 * Fetches the environment's secret at init so the first request does not wait for it — waited
 * for by the init unless it is an on-demand cold start (see `initAwaitsSecrets`; the first request
 * then awaits the same fetch) — and never fails the init: Lambda would refuse the function (with
 * provisioned concurrency, the whole deploy). A request that needs a value fetches again; a
 * credential check that fails refetches once.
 */
export async function prefetchSecrets(secrets: { prefetch(): Promise<void> }, env: Env): Promise<void> {
  const fetching = secrets.prefetch().catch((error: unknown) => {
    logger.error('the environment secret could not be read at init; requests will fetch it again', { error: error as Error });
  });
  if (initAwaitsSecrets(env)) await fetching;
  // One turn of the event loop: the request leaves (connect, write) before the init ends, so the
  // service answers while the runtime hands the event over instead of after the handler asks.
  else await new Promise<void>((resolve) => setImmediate(resolve));
}
