/**
 * The simulated payment gateway's test cards: the tokens it knows, the card each stands for, and
 * what charging it does. No server imports: the checkout page renders its (simulated) card choices
 * from this list, and the gateway decides each charge from the same one. Any other token is refused
 * as a real provider refuses an unknown one (no charge; the shop answers 402 PAYMENT_TOKEN_INVALID).
 * Tokens are named as Stripe names its test tokens where Stripe has one.
 */

/** What charging the card does. */
export type TestCardOutcome =
  /** Approves at once. */
  | 'approves'
  /** Declines with `declineCode`. */
  | 'declines'
  /** Approves after about 2 s (a slow bank). */
  | 'approves_slowly'
  /** Records the charge, loses the first answer for each key (the shop sees 503), then answers. */
  | 'loses_first_answer';

export interface TestCard {
  token: string;
  /** e.g. "Visa": what the receipt shows, with `last4`. */
  brand: 'Visa' | 'Mastercard';
  last4: string;
  /** What paying with it does, in the card picker's words (brand and last4 are shown next to it). */
  label: string;
  outcome: TestCardOutcome;
  /** The gateway's decline code for `declines`, null otherwise. */
  declineCode: string | null;
}

export const TEST_CARDS = [
  { token: 'tok_visa', brand: 'Visa', last4: '4242', label: 'Approves', outcome: 'approves', declineCode: null },
  { token: 'tok_mastercard', brand: 'Mastercard', last4: '4444', label: 'Approves', outcome: 'approves', declineCode: null },
  { token: 'tok_chargeDeclined', brand: 'Visa', last4: '0002', label: 'Declined', outcome: 'declines', declineCode: 'generic_decline' },
  {
    token: 'tok_chargeDeclinedInsufficientFunds',
    brand: 'Visa',
    last4: '9995',
    label: 'Declined: insufficient funds',
    outcome: 'declines',
    declineCode: 'insufficient_funds',
  },
  { token: 'tok_slow', brand: 'Visa', last4: '3220', label: 'Slow bank: approves after about 2 s', outcome: 'approves_slowly', declineCode: null },
  {
    token: 'tok_failThenSucceed',
    brand: 'Visa',
    last4: '0077',
    label: 'Flaky gateway: the first answer is lost, then approves',
    outcome: 'loses_first_answer',
    declineCode: null,
  },
] as const satisfies readonly TestCard[];

/** The card a token stands for; undefined for a token the gateway does not know. */
export function testCardFor(token: string): TestCard | undefined {
  return TEST_CARDS.find((card) => card.token === token);
}
