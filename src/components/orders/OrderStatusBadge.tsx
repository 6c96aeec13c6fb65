import type { OrderConfirmation } from '~/client/shop-types';
import { orderStatusLabel } from './order-status';

export function OrderStatusBadge({ status }: { status: OrderConfirmation['status'] }) {
  return <span className={`status-badge status-${status.toLowerCase().replaceAll('_', '-')}`}>{orderStatusLabel(status)}</span>;
}
