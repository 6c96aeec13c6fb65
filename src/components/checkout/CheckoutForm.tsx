'use client';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { formatMoney } from '~/format';
import { shopErrorOf } from '~/client/shop-error';
import type { Cart } from '~/client/shop-types';
import { useCart } from '../cart/use-cart';
import { OrderSummary } from './OrderSummary';
import { PayButton } from './PayButton';
import { PaymentCardField } from './PaymentCardField';
import { PaymentProblem } from './PaymentProblem';
import { PaymentProgress } from './PaymentProgress';
import { cartAttempt, itemsAttempt, type PaymentAttempt } from './payment-attempt';
import { DEFAULT_TEST_CARD } from './test-cards';
import { useCheckoutPayment, type DeclinedAttempt, type UnconfirmedAttempt } from './use-checkout-payment';

/**
 * The checkout: summary, card and the pay button. What "Pay" sends:
 * - after an attempt whose outcome is unknown (a 5xx, no answer), that same attempt, whatever the
 *   cart or the card now show: it may have been charged, and only the same input reuses its key.
 *   The card is locked meanwhile, and the button says "Try again";
 * - the cart at the version shown (`cartVersion`), normally;
 * - after a decline with the same card, the declined attempt again with its key (the server replays the decline);
 * - after a decline with another card, the cart again (the server put the declined order's lines back),
 *   or — should the cart be empty meanwhile — the same items bought directly.
 */
export function CheckoutForm({ initialCart }: { initialCart: Cart }) {
  const { data: cart = initialCart } = useCart(initialCart);
  const [token, setToken] = useState<string>(DEFAULT_TEST_CARD);
  const { pay, mutation, retry, replayed, declined, unconfirmed, resumed } = useCheckoutPayment();
  const sending = mutation.isPending ? mutation.variables?.attempt : undefined;
  const next = nextAttempt(cart, declined, unconfirmed, token);
  const shown = sending ?? (mutation.isSuccess ? mutation.variables?.attempt : undefined) ?? next;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (next) void pay(next);
  }

  if (!shown) {
    return (
      <p className="empty">
        Your cart is empty. <Link href="/">Browse the catalog</Link>.
      </p>
    );
  }
  return (
    <form className="card checkout-form" onSubmit={submit} aria-labelledby="page-heading">
      <OrderSummary summary={shown.summary} />
      <PaymentCardField value={(sending ?? unconfirmed?.attempt)?.input.payment.token ?? token} onChange={setToken} disabled={mutation.isPending || unconfirmed !== null} />
      <PayButton
        pending={mutation.isPending || mutation.isSuccess}
        disabled={!next}
        retry={unconfirmed !== null}
        amount={formatMoney(shown.summary.totalCents, shown.summary.currency)}
      />
      <PaymentProgress active={mutation.isPending} retry={retry} resumed={resumed} />
      {mutation.isSuccess ? <p className="notice success">Paid — opening your receipt…</p> : null}
      {mutation.isError ? <PaymentProblem key={mutation.submittedAt} error={shopErrorOf(mutation.error)} replayed={replayed} /> : null}
    </form>
  );
}

function nextAttempt(cart: Cart, declined: DeclinedAttempt | null, unconfirmed: UnconfirmedAttempt | null, token: string): PaymentAttempt | null {
  if (unconfirmed) return unconfirmed.attempt;
  if (declined && declined.attempt.input.payment.token === token) return declined.attempt;
  if (cart.items.length > 0) return cartAttempt(cart, token);
  if (declined) return itemsAttempt(declined.attempt.summary, token);
  return null;
}
