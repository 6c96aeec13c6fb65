import { formatMoney } from '~/format';
import type { OrderConfirmation } from '~/client/shop-types';
import { DateTime } from '../common/DateTime';
import { OrderStatusBadge } from './OrderStatusBadge';

/** An order as its receipt: status, lines, total and payment. */
export function OrderReceipt({ order }: { order: OrderConfirmation }) {
  return (
    <article className="card receipt" aria-label="Receipt">
      <dl className="receipt-facts">
        <div>
          <dt>Order</dt>
          <dd className="mono" data-testid="order-id">
            {order.orderId}
          </dd>
        </div>
        <div>
          <dt>Placed</dt>
          <dd>
            <DateTime iso={order.createdAt} />
          </dd>
        </div>
        <div>
          <dt>Status</dt>
          <dd>
            <OrderStatusBadge status={order.status} />
          </dd>
        </div>
        <div>
          <dt>Payment</dt>
          <dd>
            {order.payment.status.toLowerCase()}
            {order.payment.declineCode ? ` (${order.payment.declineCode.replaceAll('_', ' ')})` : ''}
          </dd>
        </div>
      </dl>
      <table className="lines">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col" className="num">
              Price
            </th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {order.items.map((item) => (
            <tr key={item.productId}>
              <td>{item.productName}</td>
              <td className="num">{item.quantity}</td>
              <td className="num">{formatMoney(item.unitPriceCents, order.currency)}</td>
              <td className="num">{formatMoney(item.lineTotalCents, order.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Total
            </th>
            <td className="num">{formatMoney(order.totalCents, order.currency)}</td>
          </tr>
        </tfoot>
      </table>
    </article>
  );
}
