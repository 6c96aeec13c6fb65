'use client';
import Link from 'next/link';
import { useState } from 'react';
import type { Product } from '~/client/shop-types';
import { useCart } from '../cart/use-cart';
import { useSetCartQuantity } from '../cart/use-set-cart-quantity';

interface AddToCartButtonProps {
  product: Pick<Product, 'id' | 'name' | 'stock'>;
  /** How many more to add (never past the stock). @default 1 */
  quantity?: number;
}

/** Adds more of a product to the cart, up to its stock, and says how many the cart now holds. */
export function AddToCartButton({ product, quantity = 1 }: AddToCartButtonProps) {
  const { data: cart } = useCart();
  const { setQuantity, isPending } = useSetCartQuantity();
  const [message, setMessage] = useState<string | null>(null);
  const inCart = cart?.items.find((item) => item.productId === product.id)?.quantity ?? 0;
  const limit = Math.min(product.stock, 99);

  async function add() {
    const outcome = await setQuantity(product.id, Math.min(inCart + Math.max(1, quantity), limit));
    if (outcome.kind === 'failed') return setMessage(outcome.message);
    const now = outcome.cart.items.find((item) => item.productId === product.id)?.quantity ?? 0;
    setMessage(outcome.kind === 'updated' ? `Added — ${now} in your cart.` : `Your cart changed in another tab; it now holds ${now}. Try again.`);
  }

  return (
    <div className="add-to-cart">
      <button type="button" className="button" onClick={add} disabled={!cart || isPending || inCart >= limit} aria-label={`Add ${product.name} to cart`}>
        {isPending ? 'Adding…' : inCart >= limit && product.stock > 0 ? 'All in your cart' : 'Add to cart'}
      </button>
      <p role="status" className="add-to-cart-status">
        {message}
        {message && inCart > 0 ? (
          <>
            {' '}
            <Link href="/cart">View cart</Link>
          </>
        ) : null}
      </p>
    </div>
  );
}
