import Link from 'next/link';
import { formatMoney } from '~/format';
import type { OrderListEntry } from '~/client/shop-types';
import { DateTime } from '../common/DateTime';
import { OrderStatusBadge } from './OrderStatusBadge';

/** The session's orders, newest first. */
export function OrderHistoryTable({ orders }: { orders: OrderListEntry[] }) {
  return (
    <div className="card table-scroll">
      <table className="lines">
        <caption className="visually-hidden">Your orders, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Placed</th>
            <th scope="col">Order</th>
            <th scope="col" className="num">
              Items
            </th>
            <th scope="col" className="num">
              Total
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.orderId} data-testid="order-row">
              <td>
                <DateTime iso={order.createdAt} />
              </td>
              <td>
                <Link href={`/orders/${order.orderId}`} className="mono">
                  {order.orderId.slice(0, 8)}
                </Link>
              </td>
              <td className="num">{order.itemCount}</td>
              <td className="num">{formatMoney(order.totalCents, order.currency)}</td>
              <td>
                <OrderStatusBadge status={order.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
