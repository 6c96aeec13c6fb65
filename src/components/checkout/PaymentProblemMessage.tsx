import Link from 'next/link';
import type { ShopErrorInfo } from '~/client/shop-error';

/** What went wrong with a payment, in a shopper's words, and what to do next. */
export function PaymentProblemMessage({ error, replayed }: { error: ShopErrorInfo; replayed: boolean }) {
  // First: whatever the code, an unknown outcome means the card may have been charged, and the
  // shopper must hear that before anything else.
  if (error.idempotency?.outcome === 'unknown') {
    return (
      <>
        <strong>We could not confirm your payment.</strong> Your first attempt may have gone through. Press “Try again” to find out: it
        sends the same payment again, so you will not be charged twice — if the first attempt went through, you get its receipt.
      </>
    );
  }
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
  return <>{error.message}</>;
}
