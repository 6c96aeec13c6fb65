import { OrderLinesTable } from '../orders/OrderLinesTable';
import type { PaymentSummary } from './payment-attempt';

interface OrderSummaryProps {
  summary: PaymentSummary;
  /** Where the quote's shipping and tax are for, e.g. "United States"; omitted for an existing order. */
  shipsTo?: string;
  /** The quote is being worked out again (the country changed): its lines are the previous country's. */
  updating?: boolean;
}

/** The lines, shipping, tax and total about to be paid for: the checkout's right-hand column. */
export function OrderSummary({ summary, shipsTo, updating = false }: OrderSummaryProps) {
  const title = summary.orderNumber ? `Order ${summary.orderNumber}` : 'Order summary';
  return (
    <aside aria-labelledby="summary-heading" className="card order-summary" aria-busy={updating}>
      <h2 id="summary-heading">{title}</h2>
      <OrderLinesTable lines={summary.lines} totals={summary} currency={summary.currency} caption={summary.orderNumber ? `Items in order ${summary.orderNumber}` : 'Items in your order'} testIdPrefix="summary" />
      <p className="hint summary-note" role="status">
        {updating ? 'Updating shipping and tax…' : shipsTo ? `Shipping and tax for delivery to ${shipsTo}.` : null}
      </p>
    </aside>
  );
}
