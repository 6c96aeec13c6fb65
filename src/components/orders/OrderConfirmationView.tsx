'use client';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import { shopErrorOf } from '~/client/shop-error';
import { useTRPC } from '~/client/trpc';
import { OrderReceipt } from './OrderReceipt';

/**
 * The confirmation page's body. Right after paying, the checkout put `placeOrder`'s answer in the
 * query cache, so this renders without a request; after a reload it fetches `orders.byId`.
 */
export function OrderConfirmationView({ orderId, replayed }: { orderId: string; replayed: boolean }) {
  const trpc = useTRPC();
  const { data: order, error, isPending } = useQuery({ ...trpc.orders.byId.queryOptions({ orderId }), staleTime: Infinity });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const title = order ? (order.status === 'PAID' ? 'Thank you — your order is paid' : order.status === 'CANCELLED' ? 'Payment failed' : 'Order received') : 'Your order';
  return (
    <section aria-labelledby="page-heading" className="narrow">
      <h1 id="page-heading" ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {replayed && order ? (
        <p className="notice info" role="status">
          Already paid — this is the receipt from your first attempt. Nothing was charged twice.
        </p>
      ) : null}
      {isPending ? <p className="muted">Loading your order…</p> : null}
      {error ? (
        <p className="notice error" role="alert">
          {shopErrorOf(error).code === 'ORDER_NOT_FOUND' ? 'We could not find this order.' : shopErrorOf(error).message}
        </p>
      ) : null}
      {order ? <OrderReceipt order={order} /> : null}
      <p className="page-links">
        <Link href="/orders">All your orders</Link> · <Link href="/">Continue shopping</Link>
      </p>
    </section>
  );
}
