'use client';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { CheckoutScreen as CheckoutScreenData } from '~/client/shop-types';
import { countryOf, isCountryCode, type CountryCode } from '~/shared/countries';
import { addressFormValuesOf, EMPTY_ADDRESS } from './address-form';
import { checkoutPhase } from './checkout-phase';
import { CheckoutForm } from './CheckoutForm';
import { OrderSummary } from './OrderSummary';
import { useAddressForm } from './use-address-form';
import { useCheckoutPayment } from './use-checkout-payment';
import { useCheckoutScreen } from './use-checkout-screen';

/**
 * The checkout page's body: the order summary (right-hand column on wide screens, first on a phone)
 * and the form. Everything shown comes from `checkout.screen`, fetched again when the country changes
 * (the quote follows it) and after a failed payment (the open order, the current cart).
 */
export function CheckoutScreen({ initialScreen }: { initialScreen: CheckoutScreenData }) {
  const address = useAddressForm({ ...EMPTY_ADDRESS, country: initialScreen.country });
  const country: CountryCode = isCountryCode(address.values.country) ? address.values.country : initialScreen.country;
  const { screen, updating } = useCheckoutScreen(initialScreen, initialScreen.country, country);
  const payment = useCheckoutPayment();
  const [token, setToken] = useState<string>(screen.testCards[0]?.token ?? '');
  const { mutation, unconfirmed } = payment;
  const sent = mutation.isPending || mutation.isSuccess ? (mutation.variables?.attempt ?? null) : null;
  const locked = sent ?? unconfirmed;
  const phase = checkoutPhase({ cart: { items: screen.cart.items, quote: screen.quote }, openOrder: screen.openOrder, locked });
  const { resumedAttempt } = payment;
  const { reset } = address;
  useEffect(() => {
    // A payment resumed after a reload: the form shows the address it was sent with.
    if (resumedAttempt?.procedure !== 'placeOrder') return;
    const { contact, shipping } = resumedAttempt.input;
    if (contact && shipping) reset(addressFormValuesOf({ contact, shipping }));
  }, [resumedAttempt, reset]);

  if (phase.kind === 'empty') {
    return (
      <p className="empty">
        Your cart is empty. <Link href="/">Browse the catalog</Link>.
      </p>
    );
  }
  return (
    <div className="checkout-layout">
      <OrderSummary
        summary={phase.summary}
        shipsTo={phase.kind === 'new-order' && !locked ? countryOf(screen.country).name : undefined}
        updating={phase.kind === 'new-order' && !locked && updating}
      />
      <CheckoutForm
        phase={phase}
        screen={screen}
        address={address}
        token={locked ? locked.input.payment.token : token}
        onToken={setToken}
        payment={payment}
        quoteReady={!updating}
      />
    </div>
  );
}
