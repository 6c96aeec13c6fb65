import type { ReconciliationReport as Reconciliation } from '~/client/shop-types';
import { formatMoney } from '~/format';
import { DateTime } from '../common/DateTime';

const KIND_LABEL: Record<Reconciliation['mismatches'][number]['kind'], string> = {
  charge_without_paid_order: 'Charged, no paid order',
  paid_order_without_charge: 'Paid order, no charge',
  amount_differs: 'Amount differs',
  order_charged_more_than_once: 'Order charged more than once',
};

/** Reconciliation of the gateway's ledger with the orders: empty when every charge and every paid order match. */
export function ReconciliationTable({ report }: { report: Reconciliation }) {
  if (report.total === 0) {
    return (
      <p className="notice" role="status">
        Every succeeded charge belongs to one paid order, and every paid order has one charge (checked <DateTime iso={report.checkedAt} format="time" />).
      </p>
    );
  }
  return (
    <div className="card table-scroll">
      <p className="notice error" role="alert">
        {report.total} {report.total === 1 ? 'mismatch' : 'mismatches'} between the gateway and the orders
        {report.total > report.mismatches.length ? ` (first ${report.mismatches.length} shown)` : ''}.
      </p>
      <table className="lines records">
        <caption className="visually-hidden">Reconciliation mismatches</caption>
        <thead>
          <tr>
            <th scope="col">Kind</th>
            <th scope="col">Charge</th>
            <th scope="col">Order</th>
            <th scope="col" className="num">
              Amount
            </th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {report.mismatches.map((m) => (
            <tr key={`${m.kind}:${m.chargeId ?? ''}:${m.orderId ?? ''}`} data-testid="mismatch-row">
              <td>{KIND_LABEL[m.kind]}</td>
              <td className="mono">{m.chargeId ?? '—'}</td>
              <td className="mono">{m.orderId ?? '—'}</td>
              <td className="num">{formatMoney(m.amountCents, 'USD')}</td>
              <td>
                <DateTime iso={m.at} format="short" />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
