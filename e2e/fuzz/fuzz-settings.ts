/**
 * The seed and size of a fuzz run: `FUZZ_SEED` (an integer; a new one each run when unset, printed
 * so the run can be replayed), `FUZZ_RUNS` (how many HTTP requests to generate) and
 * `FUZZ_CONCURRENCY` (how many are sent at once: one generated batch).
 */
export interface FuzzSettings {
  seed: number;
  /** HTTP requests to send. */
  requests: number;
  /** Requests sent at once. @default 12 */
  batchSize: number;
}

export function readFuzzSettings(env: Record<string, string | undefined>, defaults: { requests: number }): FuzzSettings {
  return {
    seed: integer(env.FUZZ_SEED, 'FUZZ_SEED', Date.now() % 2_147_483_647, -2_147_483_648),
    requests: integer(env.FUZZ_RUNS, 'FUZZ_RUNS', defaults.requests, 1),
    batchSize: integer(env.FUZZ_CONCURRENCY, 'FUZZ_CONCURRENCY', 12, 1),
  };
}

function integer(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > 2_147_483_647) throw new Error(`${name} must be an integer from ${min} to 2147483647, not ${JSON.stringify(value)}`);
  return n;
}

/** How to replay a run: the line to print first. */
export function replayHint(settings: FuzzSettings): string {
  return `fuzz seed ${settings.seed}, ${settings.requests} requests, ${settings.batchSize} at a time (replay with FUZZ_SEED=${settings.seed} FUZZ_RUNS=${settings.requests} FUZZ_CONCURRENCY=${settings.batchSize})`;
}
