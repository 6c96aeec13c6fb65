import type { Metadata } from 'next';
import { OrderConfirmationView } from '~/components/orders/OrderConfirmationView';
import '../../checkout-orders.css';

export const metadata: Metadata = { title: 'Your order — Idem Shop' };

/** The receipt. Rendered in the browser from the cache the payment filled, or fetched after a reload. */
export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <OrderConfirmationView orderId={id} />;
}
