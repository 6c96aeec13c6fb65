import { hostname } from 'node:os';
import { leaderJob, type LeaderJob } from '@idem/trpc-server';
import type { Db } from '../db/create-db';
import { idempotencyStoresFor } from '../idempotency/idempotency-store';
import { logger } from '../observability/logger';
import { expireUnpaidOrders } from './expire-unpaid-orders';

export interface StartOrderExpiryOptions {
  db: Db;
  /** How long an order may wait for payment since its last change (ORDER_PAYMENT_WINDOW_MS). */
  windowMs: number;
  /** How often to look. @default a tenth of the window, between 1 s and 60 s */
  intervalMs?: number;
  /** @default () => new Date() */
  now?: () => Date;
}

/**
 * Expires unpaid orders (see `expireUnpaidOrders`) in one instance at a time, behind the
 * `order-expiry` lease, every `intervalMs`. Returns the job, started; `stop()` hands the lease over.
 */
export function startOrderExpiry({ db, windowMs, intervalMs = Math.min(60_000, Math.max(1_000, Math.floor(windowMs / 10))), now }: StartOrderExpiryOptions): LeaderJob {
  const log = logger.child({ component: 'order-expiry' });
  const job = leaderJob({
    leases: idempotencyStoresFor(db).leases,
    leaseName: 'order-expiry',
    holder: `${hostname()}:${process.pid}`,
    intervalMs,
    now,
    async run(signal) {
      const expired = await expireUnpaidOrders(db, { windowMs, now, signal });
      if (expired > 0) log.info({ event: 'orders_expired', expired, windowMs }, `cancelled ${expired} unpaid order(s) past the payment window; their stock is back`);
    },
    onError: (error) => log.error({ event: 'order_expiry_failed', err: error }, 'the order expiry run failed; the next run tries again'),
  });
  job.start();
  return job;
}
