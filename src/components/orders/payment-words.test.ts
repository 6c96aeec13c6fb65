import { describe, expect, it } from 'vitest';
import { cardDescription, paymentStatusLabel } from './payment-words';
import { orderStatusLabel } from './order-status';

describe('payment words', () => {
  it('says "Paid" for a successful payment, as the order badge does, and never an upper- or lower-case code', () => {
    expect(paymentStatusLabel('SUCCEEDED')).toBe(orderStatusLabel('PAID'));
    expect(paymentStatusLabel('DECLINED')).toBe('Declined');
    expect(paymentStatusLabel('PENDING')).toBe('Processing');
  });

  it('describes a card by brand and last four digits', () => {
    expect(cardDescription({ cardBrand: 'Visa', cardLast4: '4242' })).toBe('Visa •••• 4242');
    expect(cardDescription({ cardBrand: null, cardLast4: '0002' })).toBe('Card •••• 0002');
    expect(cardDescription({ cardBrand: 'Mastercard', cardLast4: null })).toBe('Mastercard');
  });
});
