/**
 * The points where a request can die (docs/ARCHITECTURE.md, "Crash points"). Crash tests run real server
 * processes that SIGKILL themselves at one of them; in normal operation nothing happens there.
 */
export type CrashPoint = 'before_claim' | 'after_claim' | 'mid_transaction' | 'after_charge' | 'after_commit';

export const CRASH_POINTS: readonly CrashPoint[] = ['before_claim', 'after_claim', 'mid_transaction', 'after_charge', 'after_commit'];

/** Called at each crash point of an idempotent checkout. */
export type FaultInjector = (point: CrashPoint) => void;

export const noFaults: FaultInjector = () => {};
