/**
 * What the shopper is told when a card does not go through, in their words: never the provider's
 * raw code. The server puts it in the 402's message; a page showing an earlier attempt (an open
 * order's `payments[].declineCode`) can say the same.
 */

/** The decline code the shop records when the provider did not know the card token (no charge). */
export const INVALID_TOKEN_DECLINE_CODE = 'invalid_token';

const MESSAGES: Readonly<Record<string, string>> = {
  insufficient_funds: 'Your card has insufficient funds. Try another card.',
  expired_card: 'Your card has expired. Try another card.',
  incorrect_cvc: "Your card's security code is incorrect. Check it or try another card.",
  [INVALID_TOKEN_DECLINE_CODE]: 'These card details could not be used. Try another card.',
};

const DEFAULT_MESSAGE = 'Your card was declined. Try another card.';

/** The shopper's message for a decline code; an unknown code reads as a plain decline. */
export function declineMessage(declineCode: string | null | undefined): string {
  return declineCode && Object.hasOwn(MESSAGES, declineCode) ? MESSAGES[declineCode]! : DEFAULT_MESSAGE;
}
