import type { Db } from '../db/create-db';
import type { ChargeResult } from '../payments/payment-gateway';
import type { Tx } from './reserve-order';

/** What the confirmation screen shows: the order, its lines, totals and payment, in one response. */
export interface OrderConfirmation {
  orderId: string;
  status: 'AWAITING_PAYMENT' | 'PAID' | 'PAYMENT_FAILED';
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
 */
export async function settleOrder(tx: Tx, orderId: string, charge: ChargeResult, cartSessionId: string | null): Promise<OrderConfirmation> {
  const paid = charge.status === 'succeeded';
  await tx.payment.update({
    where: { orderId },
    data: { status: paid ? 'SUCCEEDED' : 'DECLINED', providerChargeId: charge.chargeId, declineCode: paid ? null : charge.declineCode },
  });
  const order = await tx.order.update({ where: { id: orderId }, data: { status: paid ? 'PAID' : 'PAYMENT_FAILED' }, include: { items: true } });
  if (!paid) {
    for (const item of order.items) await tx.product.update({ where: { id: item.productId }, data: { stock: { increment: item.quantity } } });
    if (cartSessionId) await restoreCart(tx, cartSessionId, order.items);
  }
  const loaded = await loadOrderConfirmation(tx, orderId);
  if (!loaded) throw new Error(`Order ${orderId} vanished inside its own transaction.`);
  return loaded.confirmation;
}

/** An order as its confirmation, with the session that owns it. */
export async function loadOrderConfirmation(db: Db | Tx, orderId: string): Promise<{ sessionId: string; confirmation: OrderConfirmation } | null> {
  const order = await db.order.findUnique({ where: { id: orderId }, include: { items: { orderBy: { productName: 'asc' } }, payment: true } });
  if (!order) return null;
  return {
    sessionId: order.sessionId,
    confirmation: {
      orderId: order.id,
      status: order.status,
      currency: order.currency,
      totalCents: order.totalCents,
      items: order.items.map(({ productId, productName, unitPriceCents, quantity, lineTotalCents }) => ({ productId, productName, unitPriceCents, quantity, lineTotalCents })),
      payment: { status: order.payment?.status ?? 'PENDING', declineCode: order.payment?.declineCode ?? null },
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
