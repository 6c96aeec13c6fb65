'use client';
import { useIsMutating } from '@tanstack/react-query';
import { useRef, type FormEvent } from 'react';
import { formatMoney } from '~/format';
import { shopErrorOf } from '~/client/shop-error';
import { useHydrated } from '~/client/use-hydrated';
import type { CheckoutScreen } from '~/client/shop-types';
import { ADDRESS_FIELDS, checkAddress, type AddressErrors } from './address-form';
import { AddressFields } from './AddressFields';
import { CancelOrderButton } from './CancelOrderButton';
import { CardChoice } from './CardChoice';
import type { CheckoutPhase } from './checkout-phase';
import { OpenOrderDetails } from './OpenOrderDetails';
import { PayButton } from './PayButton';
import { payOrderAttempt } from './payment-attempt';
import { PaymentProblem } from './PaymentProblem';
import { PaymentProgress } from './PaymentProgress';
import type { AddressForm } from './use-address-form';
import type { useCheckoutPayment } from './use-checkout-payment';

interface CheckoutFormProps {
  phase: Exclude<CheckoutPhase, { kind: 'empty' }>;
  screen: CheckoutScreen;
  address: AddressForm;
  /** The card chosen (or, while a payment is locked, the one it uses). */
  token: string;
  onToken: (token: string) => void;
  payment: ReturnType<typeof useCheckoutPayment>;
  /** False while the quote for a newly chosen country is on its way: the total shown is not final. */
  quoteReady: boolean;
}

/**
 * The form: address and card for a new order, or a card for an order awaiting payment (with a way
 * to cancel it). What "Pay" sends:
 * - after an attempt whose outcome is unknown, that same attempt ("Try again"), whatever the form
 *   now shows — it may have been charged, and only the same input reuses its key; address and card
 *   are locked meanwhile;
 * - for a new order, the cart at the version shown (`cartVersion`) with the address and card;
 * - for an order awaiting payment, that order with the card (`payOrder`): a new attempt, new key.
 * A decline's message stays while the declined card is still the one chosen.
 */
export function CheckoutForm({ phase, screen, address, token, onToken, payment, quoteReady }: CheckoutFormProps) {
  const form = useRef<HTMLFormElement>(null);
  const { pay, tryAgain, mutation, retry, declined, unconfirmed, resumed } = payment;
  const cancelling = useIsMutating({ mutationKey: ['checkout', 'cancel-order'] }) > 0;
  const locked = mutation.isPending || mutation.isSuccess || unconfirmed !== null;
  // Until React runs, typing would be lost (the fields are controlled): they wait, as the Pay button does.
  const hydrated = useHydrated();
  const error = mutation.isError ? shopErrorOf(mutation.error) : null;
  const showError = error !== null && (declined === null || declined.token === token);
  const { summary } = phase;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (unconfirmed) return tryAgain();
    if (phase.kind === 'open-order') {
      if (phase.order) pay(payOrderAttempt(phase.order, token));
      return;
    }
    const check = checkAddress(address.values);
    if (!check.ok) {
      address.submit();
      focusFirstInvalid(form.current, check.errors);
      return;
    }
    pay({ procedure: 'placeOrder', input: { cartVersion: screen.cart.version, ...check.details, payment: { token } }, summary });
  }

  return (
    <form ref={form} className="checkout-form" noValidate onSubmit={submit} aria-labelledby="page-heading">
      {phase.kind === 'open-order' ? (
        phase.order ? (
          <OpenOrderDetails order={phase.order} remindDecline={declined?.orderId !== phase.orderId} />
        ) : (
          <h2>Paying order {summary.orderNumber}</h2>
        )
      ) : (
        <AddressFields form={address} countries={screen.countries} disabled={locked || !hydrated} />
      )}
      <CardChoice cards={screen.testCards} value={token} onChange={onToken} disabled={locked || !hydrated} />
      {showError ? <PaymentProblem key={mutation.submittedAt} error={error} declined={declined} /> : null}
      <PayButton
        pending={mutation.isPending || mutation.isSuccess}
        disabled={cancelling || (!unconfirmed && phase.kind === 'new-order' && !quoteReady) || (phase.kind === 'open-order' && !phase.order && !unconfirmed)}
        retry={unconfirmed !== null}
        amount={formatMoney(summary.totalCents, summary.currency)}
      />
      <PaymentProgress active={mutation.isPending} retry={retry} resumed={resumed} />
      {mutation.isSuccess ? (
        <p className="notice success" role="status">
          Paid — opening your receipt…
        </p>
      ) : null}
      {phase.kind === 'open-order' && !mutation.isSuccess ? <CancelOrderButton orderId={phase.orderId} orderNumber={summary.orderNumber ?? ''} disabled={locked} /> : null}
    </form>
  );
}

/** Moves focus to the first field with a problem, in the order the form shows them. */
function focusFirstInvalid(form: HTMLFormElement | null, errors: AddressErrors): void {
  const first = ADDRESS_FIELDS.find((field) => errors[field]);
  const element = first ? form?.elements.namedItem(first) : null;
  if (element instanceof HTMLElement) element.focus();
}
