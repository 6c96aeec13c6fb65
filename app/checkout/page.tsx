import type { Metadata } from 'next';
import { serverCaller } from '~/server/caller';
import { CheckoutForm } from '~/components/checkout/CheckoutForm';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Checkout — Idem Shop' };

export default async function CheckoutPage() {
  const cart = await (await serverCaller()).cart.get();
  return (
    <section className="narrow">
      <h1 id="page-heading">Checkout</h1>
      <CheckoutForm initialCart={cart} />
    </section>
  );
}
