/** Waits `ms`, or less once `stop()` says so (checked every 20 ms): a scenario's timing, never a stand-in for an event. */
export async function pause(ms: number, stop: () => boolean = () => false): Promise<void> {
  const until = Date.now() + ms;
  while (!stop() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, Math.min(20, Math.max(0, until - Date.now()))));
}

/** Polls `check` every `everyMs` until it returns true (true), or `timeoutMs` passes (false). */
export async function pollUntil(check: () => Promise<boolean>, { timeoutMs, everyMs = 100 }: { timeoutMs: number; everyMs?: number }): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
