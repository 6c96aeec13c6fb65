/** A payment attempt's status, as the server reports it. */
export type PaymentStatus = 'PENDING' | 'SUCCEEDED' | 'DECLINED';

const STATUS_LABELS: Record<PaymentStatus, string> = {
  PENDING: 'Processing',
  // The same word as the order's badge: a payment that succeeded paid the order.
  SUCCEEDED: 'Paid',
  DECLINED: 'Declined',
};

/** A payment attempt's status in sentence case, consistent with the order status badge ("Paid"). */
export function paymentStatusLabel(status: PaymentStatus): string {
  return STATUS_LABELS[status];
}

/** "Visa •••• 4242"; "Card" alone when the brand or the last four digits are unknown. */
export function cardDescription(card: { cardBrand: string | null; cardLast4: string | null }): string {
  const brand = card.cardBrand?.trim() || 'Card';
  return card.cardLast4 ? `${brand} •••• ${card.cardLast4}` : brand;
}
