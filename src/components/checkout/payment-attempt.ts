import { z } from 'zod';
import type { OrderConfirmation, PayOrderInput, PlaceOrderInput } from '~/client/shop-types';

const summarySchema = z.object({
  currency: z.string(),
  /** Set when the order exists already (paying an open order): its number, e.g. IDM-4F2K9QX. */
  orderNumber: z.string().optional(),
  lines: z.array(z.object({ productId: z.string(), name: z.string(), quantity: z.int(), unitPriceCents: z.int().optional(), lineTotalCents: z.int() })),
  subtotalCents: z.int(),
  shippingCents: z.int(),
  taxCents: z.int(),
  totalCents: z.int(),
});

/** What the shopper is paying for, as the order summary shows it. */
export type PaymentSummary = z.infer<typeof summarySchema>;

const payment = z.object({ token: z.string() });
const optionalText = z.string().optional();

/**
 * One press of "Pay": the procedure, the exact input sent (the link's journal finds the key by
 * procedure and input, so sending the same attempt again reuses its key) and what it buys. Checked
 * loosely — a journal entry comes back from storage, and the server checks the input anyway.
 */
export const paymentAttemptSchema = z.discriminatedUnion('procedure', [
  z.object({
    procedure: z.literal('placeOrder'),
    input: z.object({
      cartVersion: z.int(),
      contact: z.object({ email: z.string() }),
      shipping: z.object({ name: z.string(), line1: z.string(), line2: optionalText, city: z.string(), region: optionalText, postalCode: z.string(), country: z.string() }),
      payment,
    }),
    summary: summarySchema,
  }),
  z.object({ procedure: z.literal('payOrder'), input: z.object({ orderId: z.string(), payment }), summary: summarySchema }),
]);

/** A new order for the cart (`placeOrder`), or another card for an order awaiting payment (`payOrder`). */
export type PaymentAttempt =
  | { procedure: 'placeOrder'; input: PlaceOrderInput; summary: PaymentSummary }
  | { procedure: 'payOrder'; input: PayOrderInput; summary: PaymentSummary };

/** The cart and its quote, as the checkout screen shows them. */
export interface CartQuote {
  items: readonly { productId: string; name: string; quantity: number; unitPriceCents: number; lineTotalCents: number }[];
  quote: { subtotalCents: number; shippingCents: number; taxCents: number; totalCents: number; currency: string };
}

/** The summary of a cart at a quote. */
export function cartSummary({ items, quote }: CartQuote): PaymentSummary {
  const { currency, subtotalCents, shippingCents, taxCents, totalCents } = quote;
  return { currency, subtotalCents, shippingCents, taxCents, totalCents, lines: items.map(({ productId, name, quantity, unitPriceCents, lineTotalCents }) => ({ productId, name, quantity, unitPriceCents, lineTotalCents })) };
}

/** The summary of an existing order. */
export function orderSummary(order: OrderConfirmation): PaymentSummary {
  const { currency, number: orderNumber, subtotalCents, shippingCents, taxCents, totalCents } = order;
  const lines = order.items.map(({ productId, productName: name, quantity, unitPriceCents, lineTotalCents }) => ({ productId, name, quantity, unitPriceCents, lineTotalCents }));
  return { currency, orderNumber, subtotalCents, shippingCents, taxCents, totalCents, lines };
}

/** Pays `order` (awaiting payment) with the card `token`. */
export function payOrderAttempt(order: OrderConfirmation, token: string): PaymentAttempt {
  return { procedure: 'payOrder', input: { orderId: order.orderId, payment: { token } }, summary: orderSummary(order) };
}

/** The card token an attempt pays with. */
export function tokenOf(attempt: PaymentAttempt): string {
  return attempt.input.payment.token;
}
