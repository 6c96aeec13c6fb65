import { randomUUID } from 'node:crypto';
import type { LeaseStore } from './store.js';

export interface LeaderJobOptions {
  /** Where the lease lives. */
  leases: LeaseStore;
  /** The lease's name: one holder per name across every instance sharing the database. */
  leaseName: string;
  /**
   * The work of one run, done only while this instance holds the lease. `signal` aborts when
   * `stop()` is called: check it between items, so a shutdown does not wait for a whole backlog.
   */
  run: (signal: AbortSignal) => Promise<void>;
  /** How often to run. */
  intervalMs: number;
  /**
   * How long the lease lasts without renewal; another instance takes over once it has expired.
   * @default 3 × intervalMs
   */
  leaseTtlMs?: number;
  /** This instance's name in the lease. @default a random UUID */
  holder?: string;
  /** A run that threw, or a lease that could not be taken. */
  onError?: (error: unknown) => void;
  /** The clock, injectable for tests. @default () => new Date() */
  now?: () => Date;
}

export interface LeaderJob {
  /** Runs `runOnce` every `intervalMs` until `stop()`. The timer does not keep the process alive. */
  start(): void;
  /** Stops the timer, waits for a run in progress, and gives the lease up. */
  stop(): Promise<void>;
  /** Takes or renews the lease; runs the work if this instance holds it. */
  runOnce(): Promise<{ leader: boolean }>;
}

/**
 * Periodic work done by exactly one instance at a time: each run first takes or renews a lease
 * with one conditional write, and works only while it holds it. When the holder dies, another
 * instance takes over once the lease expires. Work done twice around a handover (a run longer
 * than the lease) must be safe: the completer's is, because every takeover is fenced.
 */
export function leaderJob(options: LeaderJobOptions): LeaderJob {
  const { leases, leaseName, run, intervalMs } = options;
  const leaseTtlMs = options.leaseTtlMs ?? 3 * intervalMs;
  const holder = options.holder ?? randomUUID();
  const now = options.now ?? (() => new Date());
  const onError = options.onError ?? ((error: unknown) => console.error(`@idem/trpc-server: the ${leaseName} job failed`, error));
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = true;
  let stopping = new AbortController();

  async function runOnce(): Promise<{ leader: boolean }> {
    const started = now();
    const leader = await leases.acquire({ name: leaseName, holder, until: new Date(started.getTime() + leaseTtlMs), now: started });
    if (leader) await run(stopping.signal);
    return { leader };
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce().catch(onError).finally(schedule);
    }, intervalMs);
    timer.unref?.();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      stopping = new AbortController();
      schedule();
    },
    async stop() {
      stopped = true;
      stopping.abort();
      clearTimeout(timer);
      await running;
      await leases.release({ name: leaseName, holder });
    },
    runOnce,
  };
}
