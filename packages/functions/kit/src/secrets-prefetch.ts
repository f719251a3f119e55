import { logger } from './observability';

/**
 * Fetches the environment's secret at init so the first request does not wait — and never fails
 * the init: Lambda would refuse the function (with provisioned concurrency, the whole deploy). A
 * request that needs a value fetches again; a credential check that fails refetches once.
 */
export async function prefetchSecrets(secrets: { prefetch(): Promise<void> }): Promise<void> {
  try {
    await secrets.prefetch();
  } catch (error) {
    logger.error('the environment secret could not be read at init; requests will fetch it again', { error: error as Error });
  }
}
