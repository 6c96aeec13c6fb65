import { OrderLinesTable } from '../orders/OrderLinesTable';
import type { PaymentSummary } from './payment-attempt';

/** The lines and total about to be paid for. */
export function OrderSummary({ summary }: { summary: PaymentSummary }) {
  return (
    <section aria-labelledby="summary-heading" className="order-summary">
      <h2 id="summary-heading">Order summary</h2>
      <OrderLinesTable lines={summary.lines} totalCents={summary.totalCents} currency={summary.currency} totalTestId="summary-total" />
    </section>
  );
}
