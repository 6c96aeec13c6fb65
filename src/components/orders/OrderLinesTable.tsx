import { formatMoney } from '~/format';

export interface OrderLine {
  productId: string;
  name: string;
  quantity: number;
  /** Shown in a Price column when given (hidden on narrow screens). */
  unitPriceCents?: number;
  lineTotalCents: number;
}

/** The money lines under the items: total = subtotal + shipping + tax. */
export interface OrderTotals {
  subtotalCents: number;
  shippingCents: number;
  taxCents: number;
  totalCents: number;
}

interface OrderLinesTableProps {
  lines: readonly OrderLine[];
  totals: OrderTotals;
  currency: string;
  /** Names the table for assistive technology, e.g. "Items in order IDM-4F2K9QX". */
  caption: string;
  /** Prefix of the totals' test ids: `<prefix>-subtotal`, `-shipping`, `-tax`, `-total`. */
  testIdPrefix?: string;
}

/**
 * Lines of an order (or of one about to be paid for) with subtotal, shipping, tax and total: the
 * one table the checkout summary and the receipt share.
 */
export function OrderLinesTable({ lines, totals, currency, caption, testIdPrefix }: OrderLinesTableProps) {
  const withPrice = lines.some((line) => line.unitPriceCents !== undefined);
  const span = withPrice ? 3 : 2;
  const money = (cents: number) => formatMoney(cents, currency);
  const testId = (name: string) => (testIdPrefix ? `${testIdPrefix}-${name}` : undefined);
  return (
    <table className="lines order-lines">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col" className="num">
            Qty
          </th>
          {withPrice ? (
            <th scope="col" className="num col-price">
              Price
            </th>
          ) : null}
          <th scope="col" className="num">
            Amount
          </th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.productId}>
            <td>{line.name}</td>
            <td className="num">{line.quantity}</td>
            {withPrice ? <td className="num col-price">{line.unitPriceCents === undefined ? '' : money(line.unitPriceCents)}</td> : null}
            <td className="num">{money(line.lineTotalCents)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <TotalRow label="Subtotal" span={span} value={money(totals.subtotalCents)} testId={testId('subtotal')} />
        <TotalRow label="Shipping" span={span} value={totals.shippingCents === 0 ? 'Free' : money(totals.shippingCents)} testId={testId('shipping')} />
        <TotalRow label="Tax" span={span} value={money(totals.taxCents)} testId={testId('tax')} />
        <TotalRow label="Total" span={span} value={money(totals.totalCents)} testId={testId('total')} grand />
      </tfoot>
    </table>
  );
}

function TotalRow({ label, span, value, testId, grand = false }: { label: string; span: number; value: string; testId: string | undefined; grand?: boolean }) {
  return (
    <tr className={grand ? 'grand-total' : 'sub-total'}>
      <th scope="row" colSpan={span}>
        {label}
      </th>
      <td className="num" data-testid={testId}>
        {value}
      </td>
    </tr>
  );
}
