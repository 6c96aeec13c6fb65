'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { shopErrorOf } from '~/client/shop-error';
import type { OrderConfirmation } from '~/client/shop-types';
import { useTRPC } from '~/client/trpc';
import { OrderReceipt } from './OrderReceipt';
import { forgetPaymentNotice, PAYMENT_NOTICE_TEXT, peekPaymentNotice } from './payment-notice';

const TITLES: Record<OrderConfirmation['status'], string> = {
  PAID: 'Thank you — your order is paid',
  AWAITING_PAYMENT: 'Your order is waiting for payment',
  CANCELLED: 'Order cancelled',
};

/**
 * The receipt page's body. Right after paying, the checkout put the payment's answer in the query
 * cache, so this renders without a request; after a reload it fetches `orders.byId`. A notice about
 * how the payment went (a dropped connection, a reload) is read once from this page load's cache —
 * never from the URL, so a reload or a shared link does not repeat it.
 */
export function OrderConfirmationView({ orderId }: { orderId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: order, error, isPending } = useQuery({ ...trpc.orders.byId.queryOptions({ orderId }), staleTime: Infinity });
  const [notice] = useState(() => peekPaymentNotice(queryClient, orderId));
  useEffect(() => forgetPaymentNotice(queryClient, orderId), [queryClient, orderId]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section aria-labelledby="page-heading" className="receipt-page">
      <h1 id="page-heading" ref={heading} tabIndex={-1}>
        {order ? TITLES[order.status] : 'Your order'}
      </h1>
      {notice && order ? (
        <p className="notice info" role="status" data-testid="payment-notice">
          {PAYMENT_NOTICE_TEXT[notice]}
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
