import { formatMoney } from '~/format';

export interface OrderLine {
  productId: string;
  name: string;
  quantity: number;
  /** Shown in a Price column when given. */
  unitPriceCents?: number;
  lineTotalCents: number;
}

/** Lines of an order (or of one about to be paid for) with their total. */
export function OrderLinesTable({ lines, totalCents, currency, totalTestId }: { lines: readonly OrderLine[]; totalCents: number; currency: string; totalTestId?: string }) {
  const withPrice = lines.some((line) => line.unitPriceCents !== undefined);
  return (
    <table className="lines">
      <thead>
        <tr>
          <th scope="col">Item</th>
          <th scope="col" className="num">
            Qty
          </th>
          {withPrice ? (
            <th scope="col" className="num">
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
            {withPrice ? <td className="num">{line.unitPriceCents === undefined ? '' : formatMoney(line.unitPriceCents, currency)}</td> : null}
            <td className="num">{formatMoney(line.lineTotalCents, currency)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row" colSpan={withPrice ? 3 : 2}>
            Total
          </th>
          <td className="num" data-testid={totalTestId}>
            {formatMoney(totalCents, currency)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
