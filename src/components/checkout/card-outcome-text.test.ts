import { describe, expect, it } from 'vitest';
import { TEST_CARDS } from '~/shared/test-cards';
import { cardOutcomeText } from './card-outcome-text';

describe('cardOutcomeText', () => {
  it('keeps what the card does and drops the card it names', () => {
    expect(cardOutcomeText({ brand: 'Visa', last4: '9995', label: 'Visa •••• 9995 — declined: insufficient funds' })).toBe('Declined: insufficient funds');
    expect(cardOutcomeText({ brand: 'Visa', last4: '4242', label: 'Visa •••• 4242 — approves' })).toBe('Approves');
  });

  it('shows a label in another form whole', () => {
    expect(cardOutcomeText({ brand: 'Visa', last4: '4242', label: 'approves at once' })).toBe('Approves at once');
    expect(cardOutcomeText({ brand: 'Visa', last4: '4242', label: 'Visa •••• 4242' })).toBe('Visa •••• 4242');
  });

  it('describes every card of the simulated gateway by its outcome alone, telling the two declines apart', () => {
    const texts = new Map(TEST_CARDS.map((card) => [card.token, cardOutcomeText(card)]));
    for (const text of texts.values()) expect(text).toMatch(/^[A-Z][^•]+$/);
    expect(texts.get('tok_chargeDeclined')).toBe('Declined');
    expect(texts.get('tok_chargeDeclinedInsufficientFunds')).toBe('Declined: insufficient funds');
  });
});
