import type { OrderConfirmation } from '~/client/shop-types';
import { cardDescription } from '../orders/payment-words';
import { OrderFacts } from '../orders/OrderFacts';

/**
 * The order awaiting payment that the checkout is paying: its number, where it goes, and — when
 * the shopper comes back to it — that its last card was declined. The decline's reason is told by
 * the payment problem right after it happens; here it is a reminder, not an alarm.
 */
export function OpenOrderDetails({ order, remindDecline }: { order: OrderConfirmation; remindDecline: boolean }) {
  const last = order.payments.at(-1);
  const lastCard = last?.cardLast4 ? `, ${cardDescription(last)},` : '';
  return (
    <section aria-labelledby="open-order-heading" className="open-order">
      <h2 id="open-order-heading">
        Finish paying order <span className="order-number">{order.number}</span>
      </h2>
      {remindDecline && last?.status === 'DECLINED' ? (
        <p className="notice warning">
          This order is waiting for payment: the last card you tried{lastCard} was declined. Choose a card to pay for it, or cancel it to put the
          items back in your cart.
        </p>
      ) : (
        <p className="muted">Your items are held for you until the order is paid or cancelled.</p>
      )}
      <OrderFacts order={order} />
    </section>
  );
}
