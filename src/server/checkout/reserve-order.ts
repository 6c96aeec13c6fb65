import type { Tx } from '../db/tx';
import { shopError } from '../errors';
import { newOrderNumber } from './order-number';

export interface OrderLine {
  productId: string;
  quantity: number;
}

export interface ReservedOrder {
  orderId: string;
  totalCents: number;
  currency: string;
  /** Whether the lines came from the session's cart (a declined payment puts them back). */
  fromCart: boolean;
}

/**
 * Reserves stock and creates the order, its items and a PENDING payment, inside the caller's
 * transaction. Each decrement is conditional (`stock >= quantity`), so the stock check and the
 * reservation are one statement and concurrent orders cannot oversell.
 */
export async function reserveOrder(
  tx: Tx,
  {
    sessionId,
    idempotencyKey,
    lines,
    provider,
    paymentKey,
    fromCart,
  }: { sessionId: string; idempotencyKey: string; lines: readonly OrderLine[]; provider: string; paymentKey: string; fromCart: boolean },
): Promise<ReservedOrder> {
  // Products in id order: every transaction that decrements several takes their row locks in the
  // same order, so two orders sharing products wait for each other instead of deadlocking (PostgreSQL).
  const quantities = new Map<string, number>();
  for (const line of [...lines].sort((a, b) => compareIds(a.productId, b.productId))) {
    quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantity);
  }

  const products = await tx.product.findMany({ where: { id: { in: [...quantities.keys()] } } });
  const items = [...quantities].map(([productId, quantity]) => {
    const product = products.find((p) => p.id === productId);
    if (!product) throw shopError('PRODUCT_NOT_FOUND', `No product with id ${productId}.`);
    return { product, quantity };
  });
  for (const { product, quantity } of items) {
    const { count } = await tx.product.updateMany({ where: { id: product.id, stock: { gte: quantity } }, data: { stock: { decrement: quantity } } });
    if (count === 0) throw shopError('OUT_OF_STOCK', `Only ${product.stock} of ${product.name} left.`);
  }
  const currency = 'USD';
  const totalCents = items.reduce((sum, { product, quantity }) => sum + product.priceCents * quantity, 0);
  const order = await tx.order.create({
    data: {
      number: newOrderNumber(),
      sessionId,
      idempotencyKey,
      currency,
      subtotalCents: totalCents,
      totalCents,
      items: {
        create: items.map(({ product, quantity }) => ({
          productId: product.id,
          productName: product.name,
          unitPriceCents: product.priceCents,
          quantity,
          lineTotalCents: product.priceCents * quantity,
        })),
      },
      paymentAttempts: 1,
      payingAttempt: 1,
      payments: { create: { attempt: 1, provider, providerIdempotencyKey: paymentKey, amountCents: totalCents, currency } },
    },
  });
  return { orderId: order.id, totalCents, currency, fromCart };
}

/** Code-unit order, the same in every process and locale (unlike `localeCompare`). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
