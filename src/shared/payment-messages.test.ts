import { describe, expect, it } from 'vitest';
import { declineMessage } from './payment-messages';
import { TEST_CARDS, testCardFor } from './test-cards';

describe('declineMessage', () => {
  it("says what happened in the shopper's words, never the provider's code", () => {
    expect(declineMessage('generic_decline')).toBe('Your card was declined. Try another card.');
    expect(declineMessage('insufficient_funds')).toBe('Your card has insufficient funds. Try another card.');
    expect(declineMessage('invalid_token')).toBe('These card details could not be used. Try another card.');
    for (const code of ['do_not_honor', 'toString', '', null]) expect(declineMessage(code)).toBe('Your card was declined. Try another card.');
  });
});

describe('TEST_CARDS', () => {
  it('lists each token once, with a brand, four digits and a decline code exactly for declines', () => {
    expect(new Set(TEST_CARDS.map((c) => c.token)).size).toBe(TEST_CARDS.length);
    for (const card of TEST_CARDS) {
      expect(card.last4, card.token).toMatch(/^\d{4}$/);
      expect(card.declineCode !== null, card.token).toBe(card.outcome === 'declines');
    }
    expect(testCardFor('tok_mastercard')).toMatchObject({ brand: 'Mastercard', last4: '4444', outcome: 'approves' });
    expect(testCardFor('tok_unknown')).toBeUndefined();
    expect(testCardFor('toString')).toBeUndefined();
  });
});
