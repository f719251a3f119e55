/** Runs `work` over `items` with at most `limit` running at a time (all of them, even when one fails: the first failure is thrown after). */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  await Promise.all(
    Array.from({ length: Math.max(0, Math.min(limit, items.length)) }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        try {
          await work(item);
        } catch (error) {
          failures.push(error);
        }
      }
    }),
  );
  if (failures.length > 0) throw failures[0];
}

/** What `work` ended with: null when it succeeded, else its error — a promise that never rejects (nothing is left unhandled while no one awaits it yet). */
export function failureOf(work: Promise<unknown>): Promise<Error | null> {
  return work.then(
    () => null,
    (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
  );
}
