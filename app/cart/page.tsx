import type { Metadata } from 'next';
import { serverCaller } from '~/server/caller';
import { CartEditor } from '~/components/cart/CartEditor';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Cart — Idem Shop' };

export default async function CartPage() {
  const cart = await (await serverCaller()).cart.get();
  return (
    <section aria-labelledby="page-heading" className="narrow cart-page">
      <h1 id="page-heading">Your cart</h1>
      <CartEditor initialCart={cart} />
    </section>
  );
}
