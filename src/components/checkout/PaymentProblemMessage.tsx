import Link from 'next/link';
import type { ShopErrorInfo } from '~/client/shop-error';
import { declineMessage } from '~/shared/payment-messages';
import type { DeclinedPayment } from './declined-payment';

/** What went wrong with a payment, in a shopper's words, and what to do next. Never a raw code. */
export function PaymentProblemMessage({ error, declined }: { error: ShopErrorInfo; declined: DeclinedPayment | null }) {
  // First: whatever the code, an unknown outcome means the card may have been charged, and the
  // shopper must hear that before anything else.
  if (error.idempotency?.outcome === 'unknown') {
    return (
      <>
        <strong>We could not confirm your payment.</strong> The connection failed before the shop could answer, so your payment may have gone
        through. Press “Try again” to find out: it checks this same payment, so you will not be charged twice.
      </>
    );
  }
  if (declined) {
    const order = declined.orderNumber ? `order ${declined.orderNumber}` : 'your order';
    return (
      <>
        <strong>{error.code === 'PAYMENT_TOKEN_INVALID' ? 'This card could not be used.' : 'Your payment was declined.'}</strong> {declineMessage(declined.declineCode)}
        <p>
          No money was taken. We saved {order} and are holding your items while you pay — or cancel the order to put them back in your cart.
        </p>
      </>
    );
  }
  switch (error.code) {
    case 'CART_VERSION_STALE':
      return <>Your cart changed in another tab. The summary now shows the current cart — check it and pay again.</>;
    case 'CART_EMPTY':
      return (
        <>
          Your cart is empty — there is nothing to pay for. <Link href="/">Browse the catalog</Link>.
        </>
      );
    case 'OUT_OF_STOCK':
      return (
        <>
          {error.message} <Link href="/cart">Adjust your cart</Link> and try again.
        </>
      );
    case 'PAYMENT_ATTEMPTS_EXHAUSTED':
      return <>This order has had too many payment attempts. Cancel it to put its items back in your cart, then check out again.</>;
    case 'ORDER_NOT_PAYABLE':
      return (
        <>
          This order can no longer be paid here: it was paid, cancelled, or is being paid in another tab. <Link href="/orders">See your orders</Link>.
        </>
      );
  }
  return <>{error.message}</>;
}
