import { formatMoney } from '~/format';
import type { PaymentSummary } from './payment-attempt';

/** The lines and total about to be paid for. */
export function OrderSummary({ summary }: { summary: PaymentSummary }) {
  return (
    <section aria-labelledby="summary-heading" className="order-summary">
      <h2 id="summary-heading">Order summary</h2>
      <table className="lines">
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className="num">
              Qty
            </th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.lines.map((line) => (
            <tr key={line.productId}>
              <td>{line.name}</td>
              <td className="num">{line.quantity}</td>
              <td className="num">{formatMoney(line.lineTotalCents, summary.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={2}>
              Total
            </th>
            <td className="num" data-testid="summary-total">
              {formatMoney(summary.totalCents, summary.currency)}
            </td>
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
