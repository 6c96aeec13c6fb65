import type { OrderConfirmation } from '~/client/shop-types';
import { DateTime } from '../common/DateTime';
import { OrderLinesTable } from './OrderLinesTable';
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
      <OrderLinesTable
        lines={order.items.map(({ productId, productName, quantity, unitPriceCents, lineTotalCents }) => ({ productId, name: productName, quantity, unitPriceCents, lineTotalCents }))}
        totalCents={order.totalCents}
        currency={order.currency}
      />
    </article>
  );
}
