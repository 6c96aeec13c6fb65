import type { Db } from '../db/create-db';
import type { ChargeResult } from '../payments/payment-gateway';
import type { Tx } from '../db/tx';

/** What the confirmation screen shows: the order, its lines, totals and payment, in one response. */
export interface OrderConfirmation {
  orderId: string;
  status: 'AWAITING_PAYMENT' | 'PAID' | 'CANCELLED';
  currency: string;
  totalCents: number;
  items: { productId: string; productName: string; unitPriceCents: number; quantity: number; lineTotalCents: number }[];
  payment: { status: 'PENDING' | 'SUCCEEDED' | 'DECLINED'; declineCode: string | null };
  createdAt: string;
}

/**
 * Records the gateway's answer: a paid order, or a failed one whose stock goes back on the shelf
 * and, when it came from a cart (`cartSessionId`), whose lines go back into that cart. Runs inside
 * the caller's transaction and returns the confirmation.
 *
 * Each write is conditional on the order still awaiting payment, so an order is settled once.
 * Rows are locked in the checkout's order — the cart first, then products by id — so a settle and a
 * checkout of the same session wait for each other instead of deadlocking (PostgreSQL).
 */
export async function settleOrder(tx: Tx, orderId: string, charge: ChargeResult, cartSessionId: string | null): Promise<OrderConfirmation> {
  const paid = charge.status === 'succeeded';
  const settled = await tx.order.updateMany({ where: { id: orderId, status: 'AWAITING_PAYMENT' }, data: { status: paid ? 'PAID' : 'CANCELLED', payingAttempt: null } });
  if (settled.count !== 1) throw new Error(`Order ${orderId} is not awaiting payment: it was settled already.`);
  await tx.payment.updateMany({
    where: { orderId, status: 'PENDING' },
    data: { status: paid ? 'SUCCEEDED' : 'DECLINED', providerChargeId: charge.chargeId, declineCode: paid ? null : charge.declineCode },
  });
  if (!paid) {
    const items = await tx.orderItem.findMany({ where: { orderId }, orderBy: { productId: 'asc' } });
    if (cartSessionId) await restoreCart(tx, cartSessionId, items);
    for (const item of items) await tx.product.update({ where: { id: item.productId }, data: { stock: { increment: item.quantity } } });
  }
  const loaded = await loadOrderConfirmation(tx, orderId);
  if (!loaded) throw new Error(`Order ${orderId} vanished inside its own transaction.`);
  return loaded.confirmation;
}

/** An order as its confirmation, with the session that owns it. */
export async function loadOrderConfirmation(db: Db | Tx, orderId: string): Promise<{ sessionId: string; confirmation: OrderConfirmation } | null> {
  const order = await db.order.findUnique({ where: { id: orderId }, include: { items: { orderBy: { productName: 'asc' } }, payments: { orderBy: { attempt: 'desc' }, take: 1 } } });
  if (!order) return null;
  return {
    sessionId: order.sessionId,
    confirmation: {
      orderId: order.id,
      status: order.status,
      currency: order.currency,
      totalCents: order.totalCents,
      items: order.items.map(({ productId, productName, unitPriceCents, quantity, lineTotalCents }) => ({ productId, productName, unitPriceCents, quantity, lineTotalCents })),
      payment: { status: order.payments[0]?.status ?? 'PENDING', declineCode: order.payments[0]?.declineCode ?? null },
      createdAt: order.createdAt.toISOString(),
    },
  };
}

/** Puts a declined order's lines back into the shopper's cart (adding to what is there), as a new cart version. */
async function restoreCart(tx: Tx, sessionId: string, items: readonly { productId: string; quantity: number }[]): Promise<void> {
  const cart = await tx.cart.upsert({ where: { sessionId }, create: { sessionId }, update: { version: { increment: 1 } } });
  for (const { productId, quantity } of items) {
    await tx.cartItem.upsert({
      where: { cartId_productId: { cartId: cart.id, productId } },
      create: { cartId: cart.id, productId, quantity },
      update: { quantity: { increment: quantity } },
    });
  }
}
