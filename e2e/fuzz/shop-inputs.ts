/**
 * Valid-ish inputs for the shop's procedures: the one place that knows their shapes, so that a
 * change to an input (checkout asking for an email or an address, say) is one edit here. Built on
 * `order` from the e2e support module, which follows the checkout input as it changes.
 */
import { catalog } from '../../prisma/catalog';
import { order } from '../support/api';

/** The procedure that creates an order under its request's key (`Order.idempotencyKey`). */
export const ORDER_CREATING_PROCEDURE = 'checkout.placeOrder';

/** Every product id of the seeded catalog. */
export const PRODUCT_IDS: readonly string[] = catalog.map((p) => p.id);

/** A product whose stock the fuzz server leaves scarce, so out-of-stock races happen too. */
export const SCARCE_PRODUCT = 'limited-gesha';

/** Card tokens whose outcome is immediate: approved or declined (a 402 stored and replayed). */
export const PAYMENT_TOKENS = ['tok_visa', 'tok_mastercard', 'tok_chargeDeclined', 'tok_chargeDeclinedInsufficientFunds'] as const;

/** An order of the given lines, paid with `token`. */
export function placeOrderInput(lines: ReadonlyArray<{ productId: string; quantity: number }>, token: string): Record<string, unknown> {
  const first = lines[0] ?? { productId: PRODUCT_IDS[0] ?? 'hario-v60', quantity: 1 };
  return { ...order(first.productId, first.quantity, token), items: lines.map((l) => ({ ...l })) };
}

/** A checkout of the session's cart at `cartVersion`, paid with `token`. */
export function cartCheckoutInput(cartVersion: number, token: string): Record<string, unknown> {
  const { items: _items, ...rest } = order(PRODUCT_IDS[0] ?? 'hario-v60', 1, token) as Record<string, unknown>;
  return { ...rest, cartVersion };
}

/** Another card for an order awaiting payment; `orderId` may be a `{ $orderRef: n }` placeholder. */
export function payOrderInput(orderId: unknown, token: string): Record<string, unknown> {
  return { orderId, payment: { token } };
}

/** Giving up an order awaiting payment. */
export function cancelOrderInput(orderId: unknown): Record<string, unknown> {
  return { orderId };
}

/** A cart edit. */
export function setItemQuantityInput(productId: string, quantity: number, expectedVersion: number): Record<string, unknown> {
  return { productId, quantity, expectedVersion };
}

/** How many shared keys the `principals` category draws from: few, so principals collide on them. */
export const SHARED_KEY_COUNT = 6;

/** The shared key `i`, and the one body every principal sends with it (same fingerprint for all). */
export function sharedKey(i: number): { key: string; input: Record<string, unknown> } {
  const productId = PRODUCT_IDS[i % PRODUCT_IDS.length] ?? 'hario-v60';
  const token = i % 3 === 2 ? 'tok_chargeDeclined' : 'tok_visa';
  return { key: `shared-key-${i}`, input: placeOrderInput([{ productId, quantity: 1 + (i % 2) }], token) };
}

/** The input of a normal checkout, for the health check after the run. */
export function normalCheckoutInput(): Record<string, unknown> {
  return placeOrderInput([{ productId: 'hario-v60', quantity: 1 }], 'tok_visa');
}
