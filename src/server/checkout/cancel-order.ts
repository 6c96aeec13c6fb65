import type { Tx } from '../db/tx';
import { shopError } from '../errors';
import { restoreCartLines, returnStock } from './order-stock';

/**
 * Cancels the session's order if it is still awaiting payment with no attempt being charged, with
 * one conditional write; then its stock goes back on the shelf and its lines back into the
 * session's cart (a new cart version). Inside the caller's transaction (`idempotency.finish`), so
 * the cancellation, the stock, the cart and the stored answer commit together.
 *
 * A cancel racing a payment attempt: the claim and the cancel are conditional writes on the same
 * row, so exactly one passes — never a charge on a cancelled order. The loser here gets 409
 * ORDER_NOT_CANCELLABLE; another session's or a missing order 404 ORDER_NOT_FOUND.
 */
export async function cancelOrderOfSession(tx: Tx, { orderId, sessionId }: { orderId: string; sessionId: string }): Promise<void> {
  const cancelled = await tx.order.updateMany({ where: { id: orderId, sessionId, status: 'AWAITING_PAYMENT', payingAttempt: null }, data: { status: 'CANCELLED' } });
  if (cancelled.count === 0) throw await notCancellable(tx, orderId, sessionId);
  // The cart first, then the products: the lock order of a checkout, so the two never deadlock.
  const lines = await tx.orderItem.findMany({ where: { orderId }, orderBy: { productId: 'asc' }, select: { productId: true, quantity: true } });
  await restoreCartLines(tx, sessionId, lines);
  await returnStock(tx, orderId);
}

/**
 * Cancels an unpaid order whose shopper left: still awaiting payment, no attempt being charged,
 * and not updated since `updatedBefore` — all in the one conditional write, so an order that
 * started a new attempt meanwhile is left alone. Its stock goes back; its cart is not refilled.
 * Returns whether this call cancelled it.
 */
export async function expireUnpaidOrder(tx: Tx, { orderId, updatedBefore }: { orderId: string; updatedBefore: Date }): Promise<boolean> {
  const expired = await tx.order.updateMany({
    where: { id: orderId, status: 'AWAITING_PAYMENT', payingAttempt: null, updatedAt: { lt: updatedBefore } },
    data: { status: 'CANCELLED' },
  });
  if (expired.count === 0) return false;
  await returnStock(tx, orderId);
  return true;
}

async function notCancellable(tx: Tx, orderId: string, sessionId: string) {
  const order = await tx.order.findUnique({ where: { id: orderId }, select: { sessionId: true, number: true, status: true } });
  if (!order || order.sessionId !== sessionId) return shopError('ORDER_NOT_FOUND', `No order ${orderId}.`);
  const message =
    order.status === 'PAID'
      ? 'This order is paid already and can no longer be cancelled here.'
      : order.status === 'CANCELLED'
        ? 'This order was cancelled already.'
        : 'A payment for this order is being processed. Wait for its answer.';
  return shopError('ORDER_NOT_CANCELLABLE', message, { orderId, orderNumber: order.number, status: order.status });
}
