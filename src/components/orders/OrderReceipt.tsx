import type { OrderConfirmation } from '~/client/shop-types';
import { DateTime } from '../common/DateTime';
import { OrderFacts } from './OrderFacts';
import { OrderLinesTable } from './OrderLinesTable';
import { OrderPaymentLine } from './OrderPaymentLine';
import { OrderStatusBadge } from './OrderStatusBadge';
import { PaymentAttemptsList } from './PaymentAttemptsList';

/**
 * An order as its receipt: the order number people use (the long id small, for support), status,
 * what was paid with which card and when, contact and address, lines with subtotal, shipping, tax
 * and total, and every payment attempt.
 */
export function OrderReceipt({ order }: { order: OrderConfirmation }) {
  const lines = order.items.map(({ productId, productName, quantity, unitPriceCents, lineTotalCents }) => ({ productId, name: productName, quantity, unitPriceCents, lineTotalCents }));
  return (
    <article className="card receipt" aria-label={`Receipt for order ${order.number}`}>
      <header className="receipt-header">
        <h2 className="receipt-title">
          Order <span className="order-number" data-testid="order-number">{order.number}</span>
        </h2>
        <OrderStatusBadge status={order.status} />
        <p className="receipt-meta muted">
          Placed <DateTime iso={order.createdAt} />
        </p>
        <p className="order-reference muted">
          Reference{' '}
          <span className="mono" data-testid="order-id" title={order.orderId}>
            {order.orderId}
          </span>
        </p>
      </header>
      <div className="receipt-body">
        <div className="receipt-facts">
          <OrderPaymentLine order={order} />
          <OrderFacts order={order} />
          {order.payments.length > 0 ? <PaymentAttemptsList payments={order.payments} /> : null}
        </div>
        <div className="receipt-lines">
          <OrderLinesTable lines={lines} totals={order} currency={order.currency} caption={`Items in order ${order.number}`} testIdPrefix="receipt" />
        </div>
      </div>
    </article>
  );
}
