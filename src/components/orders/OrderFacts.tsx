import type { OrderConfirmation } from '~/client/shop-types';
import { ShippingAddress } from './ShippingAddress';

/**
 * Who an order is for and where it goes: the contact e-mail and the shipping address, as a
 * description list. Renders nothing when the order carries neither.
 */
export function OrderFacts({ order }: { order: Pick<OrderConfirmation, 'contact' | 'shipping'> }) {
  if (!order.contact && !order.shipping) return null;
  return (
    <dl className="order-facts">
      {order.contact ? (
        <div>
          <dt>Contact</dt>
          <dd>{order.contact.email}</dd>
        </div>
      ) : null}
      {order.shipping ? (
        <div>
          <dt>Ship to</dt>
          <dd>
            <ShippingAddress address={order.shipping} />
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
