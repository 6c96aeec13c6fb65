import type { z } from 'zod';
import type { checkoutDetailsSchema } from '~/shared/checkout-details';
import { quoteOrder } from '~/shared/pricing';
import type { Tx } from '../db/tx';
import { shopError } from '../errors';
import { newOrderNumber } from './order-number';
import { openAttempt, type ClaimedAttempt } from './payment-attempt';

export interface OrderLine {
  productId: string;
  quantity: number;
}

/** Where the order goes and who hears about it: `placeOrder`'s validated (trimmed) contact and shipping. */
export type CheckoutDetails = z.output<typeof checkoutDetailsSchema>;

/**
 * Reserves stock and creates the order — its items, its money lines (subtotal, then shipping and tax
 * for the destination, see `quoteOrder`), contact and address — with its first payment attempt
 * claimed and that attempt's PENDING payment, inside the caller's transaction. Each decrement is
 * conditional (`stock >= quantity`), so the stock check and the reservation are one statement and
 * concurrent orders cannot oversell. The new order is this transaction's own, so claiming attempt 1
 * needs no condition; every later attempt is claimed by `claimNextAttempt`.
 */
export async function reserveOrder(
  tx: Tx,
  {
    sessionId,
    idempotencyKey,
    lines,
    details,
    provider,
    paymentKey,
  }: { sessionId: string; idempotencyKey: string; lines: readonly OrderLine[]; details: CheckoutDetails; provider: string; paymentKey: string },
): Promise<ClaimedAttempt> {
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
  const quote = quoteOrder(
    items.reduce((sum, { product, quantity }) => sum + product.priceCents * quantity, 0),
    details.shipping.country,
  );
  const order = await tx.order.create({
    data: {
      number: newOrderNumber(),
      sessionId,
      idempotencyKey,
      currency: quote.currency,
      subtotalCents: quote.subtotalCents,
      shippingCents: quote.shippingCents,
      taxCents: quote.taxCents,
      totalCents: quote.totalCents,
      ...addressColumns(details),
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
    },
  });
  const attempt: ClaimedAttempt = { orderId: order.id, orderNumber: order.number, attempt: 1, amountCents: quote.totalCents, currency: quote.currency };
  await openAttempt(tx, attempt, { provider, paymentKey });
  return attempt;
}

/** Contact and address as the order's columns; an empty optional line is stored as null. */
function addressColumns({ contact, shipping }: CheckoutDetails) {
  return {
    email: contact.email,
    shippingName: shipping.name,
    shippingLine1: shipping.line1,
    shippingLine2: shipping.line2 || null,
    shippingCity: shipping.city,
    shippingRegion: shipping.region || null,
    shippingPostalCode: shipping.postalCode,
    shippingCountry: shipping.country,
  };
}

/** Code-unit order, the same in every process and locale (unlike `localeCompare`). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
