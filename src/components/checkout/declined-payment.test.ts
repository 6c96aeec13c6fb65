import { describe, expect, it } from 'vitest';
import type { ShopErrorInfo } from '~/client/shop-error';
import { declinedPaymentOf } from './declined-payment';

const error = (code: string, details: unknown): ShopErrorInfo => ({ code, message: 'm', httpStatus: 402, retryable: false, details, idempotency: null });

describe('declinedPaymentOf', () => {
  it('reads the open order and the decline code of a 402 PAYMENT_DECLINED', () => {
    const details = { orderId: 'o-1', orderNumber: 'IDM-4F2K9QX', declineCode: 'insufficient_funds' };
    expect(declinedPaymentOf(error('PAYMENT_DECLINED', details), 'tok_x')).toEqual({ ...details, token: 'tok_x' });
  });

  it('treats an unknown card token as a decline of that card, on an order that stays payable', () => {
    expect(declinedPaymentOf(error('PAYMENT_TOKEN_INVALID', { orderId: 'o-1' }), 'tok_nope')).toEqual({ orderId: 'o-1', orderNumber: null, declineCode: 'invalid_token', token: 'tok_nope' });
  });

  it('is null for other errors and for details without an order', () => {
    expect(declinedPaymentOf(error('CART_VERSION_STALE', { orderId: 'o-1' }), 'tok_x')).toBeNull();
    expect(declinedPaymentOf(error('PAYMENT_DECLINED', { declineCode: 'generic_decline' }), 'tok_x')).toBeNull();
    expect(declinedPaymentOf(error('PAYMENT_DECLINED', undefined), 'tok_x')).toBeNull();
  });
});
