import Link from 'next/link';
import { formatMoney } from '~/format';
import type { OrderConfirmation } from '~/client/shop-types';
import { DateTime } from '../common/DateTime';
import { cardDescription } from './payment-words';

/** One sentence on the order's money: what was paid, with which card and when — or why nothing was. */
export function OrderPaymentLine({ order }: { order: OrderConfirmation }) {
  const total = formatMoney(order.totalCents, order.currency);
  if (order.status === 'CANCELLED') return <p className="payment-line">Cancelled — nothing was charged.</p>;
  if (order.status === 'AWAITING_PAYMENT') {
    return (
      <p className="payment-line">
        Waiting for payment of {total}. <Link href="/checkout">Finish paying</Link>
      </p>
    );
  }
  const paid = order.payments.find((payment) => payment.status === 'SUCCEEDED');
  return (
    <p className="payment-line" data-testid="payment-line">
      Paid <strong>{total}</strong>
      {paid ? <> with {cardDescription(paid)}</> : null}
      {order.paidAt ? (
        <>
          {' '}
          on <DateTime iso={order.paidAt} />
        </>
      ) : null}
      .
    </p>
  );
}
