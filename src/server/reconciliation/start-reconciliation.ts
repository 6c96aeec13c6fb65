import { hostname } from 'node:os';
import { leaderJob, type LeaderJob } from '@idem/trpc-server';
import type { Db } from '../db/create-db';
import { idempotencyStoresFor } from '../idempotency/idempotency-store';
import { findMismatches, MISMATCH_KINDS, type FindMismatchesOptions, type Mismatch } from './find-mismatches';

/** The last reconciliation this instance ran, for metrics. */
export interface ReconciliationReport {
  at: Date;
  counts: Record<Mismatch['kind'], number>;
}

export interface StartReconciliationOptions extends Pick<FindMismatchesOptions, 'graceMs'> {
  db: Db;
  /** @default 60_000 */
  intervalMs?: number;
  /** Each run's report and mismatches. */
  onReport?: (report: ReconciliationReport, mismatches: Mismatch[]) => void;
}

const state = globalThis as unknown as { idemReconciliation?: ReconciliationReport };

/** The last report of this instance, if it holds the lease and has run; `undefined` otherwise. */
export function lastReconciliation(): ReconciliationReport | undefined {
  return state.idemReconciliation;
}

/**
 * Compares the payment gateway's ledger with the orders, in one instance at a time (a database
 * lease), every `intervalMs`: see `findMismatches`.
 */
export function startReconciliation({ db, intervalMs = 60_000, graceMs, onReport }: StartReconciliationOptions): LeaderJob {
  const job = leaderJob({
    leases: idempotencyStoresFor(db).leases,
    leaseName: 'reconciliation',
    holder: `${hostname()}:${process.pid}`,
    intervalMs,
    async run() {
      const mismatches = await findMismatches(db, { graceMs });
      const counts = Object.fromEntries(MISMATCH_KINDS.map((kind) => [kind, 0])) as Record<Mismatch['kind'], number>;
      for (const mismatch of mismatches) counts[mismatch.kind]++;
      state.idemReconciliation = { at: new Date(), counts };
      onReport?.(state.idemReconciliation, mismatches);
    },
  });
  job.start();
  return job;
}
