/** A simulated card as the checkout screen lists it. */
export interface CardSummary {
  brand: string;
  last4: string;
  /** How the gateway names it, e.g. "Visa •••• 9995 — declined: insufficient funds". */
  label: string;
}

/**
 * What paying with the card does, in sentence case, without repeating the card shown next to it:
 * "Visa •••• 9995 — declined: insufficient funds" → "Declined: insufficient funds". A label in
 * another form is shown whole.
 */
export function cardOutcomeText(card: CardSummary): string {
  const prefix = `${card.brand} •••• ${card.last4}`;
  const rest = card.label.startsWith(prefix) ? card.label.slice(prefix.length).replace(/^\s*[—–-]\s*/, '') : card.label;
  const text = rest.trim() || card.label;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
