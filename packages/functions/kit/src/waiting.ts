/**
 * Waits until `done()` holds, polling every `intervalMs`; fails after `timeoutMs` naming what it
 * waited for (the queue to drain, a line on a child's output…).
 */
export async function waitUntil(what: string, done: () => boolean | Promise<boolean>, timeoutMs = 20_000, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until a queue has nothing waiting or in flight (everything ingested or dead-lettered). */
export function waitForQueueDrain(
  depth: () => Promise<{ readonly live: number; readonly inFlight: number }>,
  timeoutMs = 20_000,
): Promise<void> {
  return waitUntil(
    'the ingest queue to drain',
    async () => {
      const d = await depth();
      return d.live === 0 && d.inFlight === 0;
    },
    timeoutMs,
  );
}
