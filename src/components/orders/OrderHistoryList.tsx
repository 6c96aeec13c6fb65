import Link from 'next/link';
import { formatMoney } from '~/format';
import type { OrderListEntry } from '~/client/shop-types';
import { DateTime } from '../common/DateTime';
import { OrderStatusBadge } from './OrderStatusBadge';

/**
 * The session's orders, newest first, one row each: number, date, items, status and total. A grid
 * row on wide screens, a two-line card on a phone — never a table wider than the screen.
 */
export function OrderHistoryList({ orders }: { orders: readonly OrderListEntry[] }) {
  return (
    <ol className="order-list" aria-label="Your orders, newest first">
      {orders.map((order) => (
        <li key={order.orderId} className="card order-row" data-testid="order-row">
          <Link href={`/orders/${order.orderId}`} className="order-row-number">
            <span className="visually-hidden">Order </span>
            <span className="order-number">{order.number}</span>
          </Link>
          <span className="order-row-date">
            <DateTime iso={order.createdAt} format="short" />
          </span>
          <span className="order-row-items muted">
            {order.itemCount} {order.itemCount === 1 ? 'item' : 'items'}
          </span>
          <span className="order-row-status">
            <OrderStatusBadge status={order.status} />
          </span>
          <span className="order-row-total">{formatMoney(order.totalCents, order.currency)}</span>
        </li>
      ))}
    </ol>
  );
}
