import { eachLimited } from '@agentic-memory/function-kit';
import { callStartBody, credentialHeaders, post, postCallBody } from './platform-client';
import type { RuntimeProcess } from './runtime-process';

/** Helpers of the fault suites: calls in, greetings out, timed. */

/** Whether call start greets the caller by the name their ElevenLabs call gave (the fixture's Maya Okafor unless renamed). */
export async function greetedByName(url: string, workspaceKey: string, caller: string, name = 'Maya Okafor'): Promise<boolean> {
  const reply = await post(`${url}/v1/elevenlabs/conversation-start`, callStartBody('elevenlabs', caller), {
    'X-Workspace-Key': workspaceKey,
  });
  return reply.status === 200 && reply.text.includes(name);
}

/** Posts an ElevenLabs post-call webhook for the caller; resolves with the status. */
export async function postCall(url: string, hmacKey: string, caller: string, conversationId: string, body?: Buffer): Promise<number> {
  const bytes = body ?? postCallBody('elevenlabs', { caller, conversationId });
  const reply = await post(`${url}/v1/elevenlabs/webhook`, bytes, credentialHeaders('elevenlabs', 'webhook-intake', bytes, hmacKey));
  return reply.status;
}

export interface KillReport {
  readonly acked: number;
  /** Callers greeted by name when the process was killed. */
  readonly greetedAtKill: number;
  /** Messages queued or in a worker's hands just before the kill (what the kill interrupts). */
  readonly outstandingAtKill: number;
  readonly restartMs: number;
  /** Per caller: ms from the restarted runtime serving to their first greeting by name. */
  readonly greetedAfterMs: readonly number[];
  readonly lost: readonly string[];
}

/**
 * kill -9 mid-ingestion: `count` calls acknowledged (200), the process killed once some — not all —
 * are ingested, started again on the same data; then every caller must be greeted by name.
 */
export async function killNineMidIngestion(runtime: RuntimeProcess, count: number, boundMs: number): Promise<KillReport> {
  const callers = Array.from({ length: count }, (_, i) => `+1555018${String(i).padStart(4, '0')}`);
  const hmac = runtime.secret('ELEVENLABS_HMAC_KEY');
  const workspace = runtime.secret('ELEVENLABS_WORKSPACE_KEY');
  let acked = 0;
  await eachLimited(callers, 8, async (caller) => {
    const status = await postCall(runtime.url, hmac, caller, `kill9_${caller.slice(1)}`);
    if (status !== 200) throw new Error(`post-call for ${caller} answered ${status}`);
    acked += 1;
  });
  // Kill as soon as ingestion is under way: at least one caller is known, not all of them.
  const greetedBefore = new Set<string>();
  const deadline = Date.now() + 60_000;
  while (greetedBefore.size === 0) {
    if (Date.now() > deadline) throw new Error(`no call was ingested within 60 s:\n${runtime.log.slice(-3000)}`);
    for (const caller of [callers[0], callers[1], callers[2]] as string[]) {
      if (await greetedByName(runtime.url, workspace, caller)) greetedBefore.add(caller);
    }
  }
  const health = (await (await fetch(`${runtime.url}/health`)).json()) as { queue: { live: number; inFlight: number } | null };
  await runtime.kill9();
  const outstandingAtKill = health.queue ? health.queue.live : -1;
  const restartMs = await runtime.restart();
  const started = Date.now();
  const greetedAfterMs = new Map<string, number>();
  while (greetedAfterMs.size < count && Date.now() - started < boundMs + 15_000) {
    await eachLimited(
      callers.filter((c) => !greetedAfterMs.has(c)),
      8,
      async (caller) => {
        if (await greetedByName(runtime.url, workspace, caller)) greetedAfterMs.set(caller, Date.now() - started);
      },
    );
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    acked,
    greetedAtKill: greetedBefore.size,
    outstandingAtKill,
    restartMs,
    greetedAfterMs: [...greetedAfterMs.values()],
    lost: callers.filter((c) => !greetedAfterMs.has(c)),
  };
}
