import { describe, expect, it } from 'vitest';
import type { OrderConfirmation } from '~/client/shop-types';
import { checkoutPhase } from './checkout-phase';
import { cartSummary, payOrderAttempt, type CartQuote, type PaymentAttempt } from './payment-attempt';

const quote = { subtotalCents: 3800, shippingCents: 595, taxCents: 276, totalCents: 4671, currency: 'USD' };
const cart: CartQuote = { items: [{ productId: 'espresso-blend', name: 'House Espresso Blend, 1 kg', quantity: 1, unitPriceCents: 3800, lineTotalCents: 3800 }], quote };
const emptyCart: CartQuote = { items: [], quote: { ...quote, subtotalCents: 0, shippingCents: 0, taxCents: 0, totalCents: 0 } };
const order = {
  orderId: 'o-1',
  number: 'IDM-4F2K9QX',
  status: 'AWAITING_PAYMENT',
  ...quote,
  items: [{ productId: 'espresso-blend', productName: 'House Espresso Blend, 1 kg', unitPriceCents: 3800, quantity: 1, lineTotalCents: 3800 }],
  contact: { email: 'ada@example.com' },
  shipping: { name: 'Ada', line1: '1 Road', line2: null, city: 'Town', region: null, postalCode: '12345', country: 'US' },
  payment: { status: 'DECLINED', declineCode: 'generic_decline' },
  payments: [{ attempt: 1, status: 'DECLINED', cardBrand: 'Visa', cardLast4: '0002', declineCode: 'generic_decline', at: '2025-01-01T00:00:00.000Z' }],
  paidAt: null,
  createdAt: '2025-01-01T00:00:00.000Z',
} satisfies OrderConfirmation;
const placing: PaymentAttempt = {
  procedure: 'placeOrder',
  input: { cartVersion: 2, contact: { email: 'ada@example.com' }, shipping: { name: 'Ada', line1: '1 Road', city: 'Town', postalCode: '12345', country: 'US' }, payment: { token: 'tok_visa' } },
  summary: cartSummary(cart),
};

describe('checkoutPhase', () => {
  it('places a new order for a cart, and shows nothing to pay for an empty one', () => {
    expect(checkoutPhase({ cart, openOrder: null, locked: null })).toEqual({ kind: 'new-order', summary: cartSummary(cart) });
    expect(checkoutPhase({ cart: emptyCart, openOrder: null, locked: null })).toEqual({ kind: 'empty' });
  });

  it('pays an open order first, with its own lines and totals and its number', () => {
    const phase = checkoutPhase({ cart, openOrder: order, locked: null });
    expect(phase).toMatchObject({ kind: 'open-order', orderId: 'o-1', order, summary: { orderNumber: 'IDM-4F2K9QX', totalCents: 4671 } });
  });

  it('stays on a new order while it is being placed, even once the screen shows the order it created and an empty cart', () => {
    expect(checkoutPhase({ cart: emptyCart, openOrder: order, locked: placing })).toEqual({ kind: 'new-order', summary: placing.summary });
  });

  it('stays on the order being paid, with the attempt’s summary, until the screen knows the order', () => {
    const paying = payOrderAttempt(order, 'tok_visa');
    expect(checkoutPhase({ cart: emptyCart, openOrder: null, locked: paying })).toEqual({ kind: 'open-order', orderId: 'o-1', order: null, summary: paying.summary });
    expect(checkoutPhase({ cart: emptyCart, openOrder: order, locked: paying })).toMatchObject({ order });
  });
});
