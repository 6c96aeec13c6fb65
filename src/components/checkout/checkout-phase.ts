import type { OrderConfirmation } from '~/client/shop-types';
import { cartSummary, orderSummary, type CartQuote, type PaymentAttempt, type PaymentSummary } from './payment-attempt';

/**
 * What the checkout shows:
 * - `new-order`: the address form and a card, to place an order for the cart (`placeOrder`);
 * - `open-order`: a card, to pay an order that is awaiting payment (`payOrder`) — after a decline,
 *   or when the shopper comes back to one — or to cancel it;
 * - `empty`: nothing to pay for.
 */
export type CheckoutPhase =
  | { kind: 'new-order'; summary: PaymentSummary }
  | { kind: 'open-order'; orderId: string; order: OrderConfirmation | null; summary: PaymentSummary }
  | { kind: 'empty' };

interface PhaseInput {
  cart: CartQuote;
  openOrder: OrderConfirmation | null;
  /** The payment on its way, just paid, or whose outcome is unknown: the page stays on it, whatever the screen now says. */
  locked: PaymentAttempt | null;
}

/**
 * Decides the phase. A locked payment wins: while `placeOrder` runs, the server has already created
 * the order (awaiting payment) and emptied the cart, and a refreshed screen must not switch the page.
 */
export function checkoutPhase({ cart, openOrder, locked }: PhaseInput): CheckoutPhase {
  if (locked?.procedure === 'placeOrder') return { kind: 'new-order', summary: locked.summary };
  if (locked?.procedure === 'payOrder') {
    const { orderId } = locked.input;
    return { kind: 'open-order', orderId, order: openOrder?.orderId === orderId ? openOrder : null, summary: locked.summary };
  }
  if (openOrder) return { kind: 'open-order', orderId: openOrder.orderId, order: openOrder, summary: orderSummary(openOrder) };
  if (cart.items.length > 0) return { kind: 'new-order', summary: cartSummary(cart) };
  return { kind: 'empty' };
}
