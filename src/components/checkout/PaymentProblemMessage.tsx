import Link from 'next/link';
import type { ShopErrorInfo } from '~/client/shop-error';

/** What went wrong with a payment, in a shopper's words, and what to do next. */
export function PaymentProblemMessage({ error, replayed }: { error: ShopErrorInfo; replayed: boolean }) {
  switch (error.code) {
    case 'PAYMENT_DECLINED':
      return (
        <>
          <strong>Card declined.</strong> {error.message} No money was taken; choose another card to try again.
          {replayed ? <p className="replay-note">Same answer as your first attempt with this card: the server replayed its stored decline and did not try the card again.</p> : null}
        </>
      );
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
  }
  if (error.idempotency?.outcome === 'unknown') {
    return (
      <>
        <strong>We could not confirm your payment.</strong> Paying again is safe: it reuses the same idempotency key, so you cannot be charged twice.
      </>
    );
  }
  return <>{error.message}</>;
}
