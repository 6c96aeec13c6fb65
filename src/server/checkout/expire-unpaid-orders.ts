import { invalidateCatalog } from '../catalog/catalog-cache';
import type { Db } from '../db/create-db';
import { metrics } from '../observability/metrics';
import { expireUnpaidOrder } from './cancel-order';

export interface ExpireUnpaidOrdersOptions {
  /** How long an order may wait for payment since its last change (ORDER_PAYMENT_WINDOW_MS). */
  windowMs: number;
  /** @default () => new Date() */
  now?: () => Date;
  /** Orders read per query. @default 100 */
  batchSize?: number;
  /** Stops between orders (a shutdown does not wait for a whole backlog). */
  signal?: AbortSignal;
}

/**
 * Cancels every order left awaiting payment, with no attempt being charged, for longer than the
 * payment window: its stock goes back on the shelf (its cart is not refilled — the shopper left).
 * Each order in its own transaction, with one conditional write (see `expireUnpaidOrder`), so an
 * order a shopper pays or cancels meanwhile is never touched, and a second instance running the
 * same sweep changes nothing twice. Pages by id; returns how many this call cancelled.
 */
export async function expireUnpaidOrders(db: Db, { windowMs, now = () => new Date(), batchSize = 100, signal }: ExpireUnpaidOrdersOptions): Promise<number> {
  const updatedBefore = new Date(now().getTime() - windowMs);
  let expired = 0;
  try {
    for (let cursor: string | undefined; !signal?.aborted; ) {
      const due = await db.order.findMany({
        where: { status: 'AWAITING_PAYMENT', payingAttempt: null, updatedAt: { lt: updatedBefore }, ...(cursor ? { id: { gt: cursor } } : {}) },
        select: { id: true },
        orderBy: { id: 'asc' },
        take: batchSize,
      });
      for (const { id } of due) {
        if (signal?.aborted) break;
        if (await db.$transaction((tx) => expireUnpaidOrder(tx, { orderId: id, updatedBefore }))) {
          expired++;
          metrics.ordersExpired.inc();
        }
      }
      if (due.length < batchSize) break;
      cursor = due.at(-1)!.id;
    }
  } finally {
    if (expired > 0) invalidateCatalog(db); // stock came back
  }
  return expired;
}
