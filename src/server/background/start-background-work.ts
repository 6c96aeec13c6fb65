import { startOrderExpiry } from '../checkout/start-order-expiry';
import type { Db } from '../db/create-db';
import { readServerEnv } from '../env';
import type { FaultInjector } from '../faults';
import { idempotencyStoresFor } from '../idempotency/idempotency-store';
import { startIdempotencyCompleter } from '../idempotency/start-completer';
import { logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { startReconciliation } from '../reconciliation/start-reconciliation';

export interface BackgroundWork {
  /** Stops every job, waits for runs in flight and hands the leases over. */
  stop(): Promise<void>;
}

/**
 * The jobs every instance starts and one instance at a time runs (each behind its own lease): the
 * completer and sweeper, reconciliation of the payment gateway's ledger with the orders, and the
 * expiry of orders left unpaid past ORDER_PAYMENT_WINDOW_MS.
 */
export function startBackgroundWork({ db, faults }: { db: Db; faults?: FaultInjector }): BackgroundWork {
  const env = readServerEnv();
  const completer = startIdempotencyCompleter({ db, faults });
  const reconciliation = startReconciliation({
    db,
    intervalMs: env.RECONCILIATION_INTERVAL_MS,
    graceMs: env.RECONCILIATION_GRACE_MS,
    onReport(report, mismatches) {
      for (const [kind, count] of Object.entries(report.counts)) metrics.reconciliationMismatches.set({ kind }, count);
      metrics.reconciliationLastRun.set(report.at.getTime() / 1000);
      if (mismatches.length > 0) logger.warn({ event: 'reconciliation', counts: report.counts, mismatches: mismatches.slice(0, 20) }, 'the gateway ledger and the orders disagree');
    },
  });
  const orderExpiry = startOrderExpiry({ db, windowMs: env.ORDER_PAYMENT_WINDOW_MS });
  return {
    async stop() {
      await Promise.allSettled([completer.stop(), reconciliation.stop(), orderExpiry.stop()]);
      // Replay counts still buffered are operator statistics: write them before the process goes.
      await idempotencyStoresFor(db).records.flushReplays?.();
    },
  };
}
