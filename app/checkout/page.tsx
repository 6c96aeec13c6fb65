import type { Metadata } from 'next';
import { serverCaller } from '~/server/caller';
import { CheckoutScreen } from '~/components/checkout/CheckoutScreen';
import '../checkout-orders.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Checkout — Idem Shop' };

/** The checkout: everything it shows comes from one `checkout.screen` call, quoted for the default country. */
export default async function CheckoutPage() {
  const screen = await (await serverCaller()).checkout.screen();
  return (
    <section aria-labelledby="page-heading" className="checkout-page">
      <h1 id="page-heading">Checkout</h1>
      <CheckoutScreen initialScreen={screen} />
    </section>
  );
}
