import type { Metadata } from 'next';
import Link from 'next/link';
import { serverCaller } from '~/server/caller';
import { OrderHistoryTable } from '~/components/orders/OrderHistoryTable';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your orders — Idem Shop' };

export default async function OrdersPage() {
  const orders = await (await serverCaller()).orders.list();
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">Your orders</h1>
      {orders.length === 0 ? (
        <p className="empty">
          No orders yet. <Link href="/">Browse the catalog</Link>.
        </p>
      ) : (
        <OrderHistoryTable orders={orders} />
      )}
    </section>
  );
}
