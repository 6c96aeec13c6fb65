import type { PendingOperation } from '@idem/trpc-link';
import { describe, expect, it } from 'vitest';
import { resumableAttempt } from './use-resume-interrupted-payment';

const summary = { currency: 'USD', lines: [{ productId: 'p', name: 'P', quantity: 1, lineTotalCents: 100 }], subtotalCents: 100, shippingCents: 0, taxCents: 7, totalCents: 107 };
const shipping = { name: 'Ada', line1: '1 Road', city: 'Town', postalCode: '12345', country: 'US' };
const op = (path: string, input: unknown, data: unknown = summary): PendingOperation => ({ key: `k-${path}`, path, input, data, createdAt: 0, expiresAt: 1 });

describe('resumableAttempt', () => {
  it('hands back the newest payment, of either procedure', () => {
    const place = op('checkout.placeOrder', { cartVersion: 3, contact: { email: 'a@b.co' }, shipping, payment: { token: 'tok_slow' } });
    const pay = op('checkout.payOrder', { orderId: 'o-1', payment: { token: 'tok_visa' } }, { ...summary, orderNumber: 'IDM-4F2K9QX' });
    expect(resumableAttempt([place, pay])).toEqual({ procedure: 'payOrder', input: { orderId: 'o-1', payment: { token: 'tok_visa' } }, summary: { ...summary, orderNumber: 'IDM-4F2K9QX' } });
    expect(resumableAttempt([pay, place])?.procedure).toBe('placeOrder');
  });

  it('skips other procedures and entries whose input or summary do not parse', () => {
    expect(resumableAttempt([op('cart.setItemQuantity', { productId: 'p', quantity: 1, expectedVersion: 0 })])).toBeNull();
    expect(resumableAttempt([op('checkout.payOrder', { orderId: 'o-1' })])).toBeNull();
    expect(resumableAttempt([op('checkout.payOrder', { orderId: 'o-1', payment: { token: 't' } }, 'not a summary')])).toBeNull();
    expect(resumableAttempt(undefined)).toBeNull();
  });
});
