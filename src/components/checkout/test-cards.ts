/** The simulated gateway's test tokens, named as Stripe names them where Stripe has one. */
export const TEST_CARDS = [
  { token: 'tok_visa', label: 'Visa •••• 4242 — approves' },
  { token: 'tok_chargeDeclined', label: 'Card declined' },
  { token: 'tok_chargeDeclinedInsufficientFunds', label: 'Declined: insufficient funds' },
  { token: 'tok_slow', label: 'Slow bank — approves after ~2 s' },
  { token: 'tok_failThenSucceed', label: 'Flaky gateway — fails once, then approves' },
] as const;

export const DEFAULT_TEST_CARD = TEST_CARDS[0].token;
