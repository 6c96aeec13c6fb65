import type { Metadata } from 'next';
import { OrderConfirmationView } from '~/components/orders/OrderConfirmationView';

export const metadata: Metadata = { title: 'Your order — Idem Shop' };

/** The confirmation page. Rendered in the browser from the cache `placeOrder` filled, or fetched after a reload. */
export default async function OrderPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ replayed?: string }> }) {
  const [{ id }, { replayed }] = await Promise.all([params, searchParams]);
  return <OrderConfirmationView orderId={id} replayed={replayed === '1'} />;
}
