import type { Metadata } from 'next';
import Link from 'next/link';
import { serverCaller } from '~/server/caller';
import { OrderHistoryList } from '~/components/orders/OrderHistoryList';
import '../checkout-orders.css';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your orders — Idem Shop' };

export default async function OrdersPage() {
  const orders = await (await serverCaller()).orders.list();
  return (
    <section aria-labelledby="page-heading" className="orders-page">
      <h1 id="page-heading">Your orders</h1>
      {orders.length === 0 ? (
        <p className="empty">
          No orders yet. <Link href="/">Browse the catalog</Link>.
        </p>
      ) : (
        <OrderHistoryList orders={orders} />
      )}
    </section>
  );
}
