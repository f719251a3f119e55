import { initAwaitsSecrets, prefetchSecrets, secretsAtInit } from '../src/secrets-prefetch';

/** A secret fetch that ends when the test says (the Secrets port's prefetch, nothing else). */
function pendingFetch() {
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const fetch = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let started = 0;
  return {
    secrets: {
      prefetch: () => {
        started += 1;
        return fetch;
      },
    },
    started: () => started,
    resolve: () => settle?.resolve(),
    reject: (error: Error) => settle?.reject(error),
  };
}

const state = (promise: Promise<unknown>) =>
  Promise.race([promise.then(() => 'settled'), new Promise((resolve) => setTimeout(() => resolve('pending'), 20))]);

describe('the secret fetch at init', () => {
  it('is waited for with provisioned concurrency, SnapStart, and outside Lambda', async () => {
    for (const type of ['provisioned-concurrency', 'snap-start', undefined]) {
      const env = { AWS_LAMBDA_INITIALIZATION_TYPE: type };
      expect(initAwaitsSecrets(env)).toBe(true);
      const fetch = pendingFetch();
      const init = prefetchSecrets(fetch.secrets, env);
      expect(await state(init)).toBe('pending');
      fetch.resolve();
      expect(await state(init)).toBe('settled');
      expect(fetch.started()).toBe(1);
    }
  });

  it('runs on past an on-demand init (its call is already waiting), started before the init ends', async () => {
    const env = { AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' };
    expect(initAwaitsSecrets(env)).toBe(false);
    const fetch = pendingFetch();
    const init = prefetchSecrets(fetch.secrets, env);
    expect(fetch.started()).toBe(1);
    expect(await state(init)).toBe('settled');
    fetch.resolve();
  });

  it('never fails the init when the fetch fails, whether waited for or not', async () => {
    for (const type of ['provisioned-concurrency', 'on-demand']) {
      const fetch = pendingFetch();
      const init = prefetchSecrets(fetch.secrets, { AWS_LAMBDA_INITIALIZATION_TYPE: type });
      fetch.reject(new Error('AccessDeniedException'));
      await expect(init).resolves.toBeUndefined();
    }
  });
});

describe('secretsAtInit (the fetch init-secrets started first thing)', () => {
  it('waits for it unless on demand, and never fails the init', async () => {
    let settle: (error: Error | null) => void = () => undefined;
    const fetch = new Promise<Error | null>((resolve) => {
      settle = resolve;
    });
    const provisioned = secretsAtInit(fetch, { AWS_LAMBDA_INITIALIZATION_TYPE: 'provisioned-concurrency' });
    expect(await state(secretsAtInit(fetch, { AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' }))).toBe('settled');
    expect(await state(provisioned)).toBe('pending');
    settle(new Error('ResourceNotFoundException'));
    await expect(provisioned).resolves.toBeUndefined();
  });
});
