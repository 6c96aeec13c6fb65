import { z } from 'zod';
import type { Cart, PlaceOrderInput } from '~/client/shop-types';

const summarySchema = z.object({
  currency: z.string(),
  totalCents: z.int(),
  lines: z.array(z.object({ productId: z.string(), name: z.string(), quantity: z.int(), lineTotalCents: z.int() })),
});

/** What the shopper is paying for, as the order summary shows it. */
export type PaymentSummary = z.infer<typeof summarySchema>;

const payment = z.object({ token: z.string() });

/** One press of "Pay": the exact input sent (the journal matches on it) and what it buys. */
export const paymentAttemptSchema = z.object({
  input: z.union([
    z.object({ cartVersion: z.int(), payment }),
    z.object({ items: z.array(z.object({ productId: z.string(), quantity: z.int() })), payment }),
  ]) satisfies z.ZodType<PlaceOrderInput>,
  summary: summarySchema,
});

export type PaymentAttempt = z.infer<typeof paymentAttemptSchema>;

/** Check out the cart as this tab sees it: the server refuses (412) if it changed meanwhile. */
export function cartAttempt(cart: Cart, token: string): PaymentAttempt {
  return {
    input: { cartVersion: cart.version, payment: { token } },
    summary: {
      currency: cart.currency,
      totalCents: cart.totalCents,
      lines: cart.items.map(({ productId, name, quantity, lineTotalCents }) => ({ productId, name, quantity, lineTotalCents })),
    },
  };
}

/** The same items bought directly, for a new attempt after the cart went into a declined order. */
export function itemsAttempt(summary: PaymentSummary, token: string): PaymentAttempt {
  return { input: { items: summary.lines.map(({ productId, quantity }) => ({ productId, quantity })), payment: { token } }, summary };
}

export function sameInput(a: PaymentAttempt, b: PaymentAttempt): boolean {
  return JSON.stringify(a.input) === JSON.stringify(b.input);
}
