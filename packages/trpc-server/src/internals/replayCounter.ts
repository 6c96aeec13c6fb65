/** Writes `count` more replays of record `id`, the last at `at`. A record gone meanwhile is no error. */
export type WriteReplays = (input: { id: string; count: number; at: Date }) => Promise<void>;

export interface ReplayCounter {
  /** Counts one replay; written within `flushMs`, never awaited by the replay. */
  add(input: { id: string; at: Date }): void;
  /**
   * Writes every count added before the call (after any flush already running), one write per
   * record. Counts whose write failed are kept for the next flush, and the first error is thrown.
   */
  flush(): Promise<void>;
}

/**
 * Replay counts, buffered per record and written in batches: a replay is answered from one read,
 * and its count costs one write per record per `flushMs` instead of a commit per replay. Counts
 * still buffered when the process dies are lost — they are statistics, not state.
 */
export function replayCounter(write: WriteReplays, flushMs: number): ReplayCounter {
  let pending = new Map<string, { count: number; at: Date }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();

  function add(id: string, count: number, at: Date) {
    const before = pending.get(id);
    pending.set(id, { count: (before?.count ?? 0) + count, at: before && before.at > at ? before.at : at });
    if (timer) return;
    // A failed timed flush keeps its counts and schedules itself again through `add`.
    timer = setTimeout(() => void flush().catch(() => {}), flushMs);
    // Never keeps a process alive that has nothing else to do.
    timer.unref?.();
  }

  async function writeAll(batch: Map<string, { count: number; at: Date }>) {
    const failures: unknown[] = [];
    // One record at a time: a flush must not take every pooled connection from live requests.
    for (const [id, { count, at }] of batch) {
      try {
        await write({ id, count, at });
      } catch (error) {
        failures.push(error);
        add(id, count, at);
      }
    }
    if (failures.length > 0) throw failures[0];
  }

  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = new Map();
    // Flushes run one after another, so a count is never written by two of them at once.
    const run = running.then(() => writeAll(batch));
    running = run.catch(() => {});
    return run;
  }

  return { add: ({ id, at }) => add(id, 1, at), flush };
}
