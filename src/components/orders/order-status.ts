import type { OrderConfirmation } from '~/client/shop-types';

const LABELS: Record<OrderConfirmation['status'], string> = {
  AWAITING_PAYMENT: 'Awaiting payment',
  PAID: 'Paid',
  CANCELLED: 'Cancelled',
};

/** A shopper's words for an order status. */
export function orderStatusLabel(status: OrderConfirmation['status']): string {
  return LABELS[status];
}
