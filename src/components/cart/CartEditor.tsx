'use client';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { formatMoney } from '~/format';
import type { Cart } from '~/client/shop-types';
import { useHydrated } from '~/client/use-hydrated';
import { CartLineRow } from './CartLineRow';
import { useCart } from './use-cart';
import { useSetCartQuantity } from './use-set-cart-quantity';

type Notice = { tone: 'warning' | 'error'; text: string } | null;

/**
 * The cart with quantity controls. Each change is conditional on the version this tab saw; when
 * another tab changed the cart first, the server's current cart replaces ours and we say so.
 */
export function CartEditor({ initialCart }: { initialCart: Cart }) {
  const { data: cart = initialCart } = useCart(initialCart);
  const { setQuantity, isPending } = useSetCartQuantity();
  const hydrated = useHydrated();
  const [notice, setNotice] = useState<Notice>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  async function change(productId: string, quantity: number) {
    setNotice(null);
    const outcome = await setQuantity(productId, quantity);
    if (outcome.kind === 'stale') setNotice({ tone: 'warning', text: 'Your cart changed in another tab. We refreshed it — check the quantities and try again.' });
    if (outcome.kind === 'failed') setNotice({ tone: 'error', text: outcome.message });
  }

  return (
    <>
      {notice ? (
        <div ref={noticeRef} tabIndex={-1} role="alert" className={`notice ${notice.tone}`}>
          {notice.text}
        </div>
      ) : null}
      {cart.items.length === 0 ? (
        <p className="empty">
          Your cart is empty. <Link href="/">Browse the catalog</Link>.
        </p>
      ) : (
        <div className="card">
          <ul className="cart-lines" aria-label="Items in your cart">
            {cart.items.map((line) => (
              <CartLineRow key={line.productId} line={line} currency={cart.currency} busy={!hydrated || isPending} onQuantity={(q) => change(line.productId, q)} />
            ))}
          </ul>
          <div className="cart-footer">
            <p className="total">
              Total <strong data-testid="cart-total">{formatMoney(cart.totalCents, cart.currency)}</strong>
            </p>
            <Link href="/checkout" className="button primary">
              Check out
            </Link>
          </div>
        </div>
      )}
    </>
  );
}
