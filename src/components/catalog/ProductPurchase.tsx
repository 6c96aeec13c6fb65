'use client';
import { useId, useState } from 'react';
import type { Product } from '~/client/shop-types';
import { useCart } from '../cart/use-cart';
import { AddToCartButton } from './AddToCartButton';

/** The most one quantity menu offers; more is a second visit to the menu. */
const MAX_CHOICE = 30;

/** The product page's buy box: how many, and the add-to-cart button. */
export function ProductPurchase({ product }: { product: Pick<Product, 'id' | 'name' | 'stock'> }) {
  const id = useId();
  const { data: cart } = useCart();
  const [wanted, setWanted] = useState(1);
  const inCart = cart?.items.find((item) => item.productId === product.id)?.quantity ?? 0;
  const room = Math.max(0, Math.min(product.stock, 99) - inCart);
  const choices = Math.max(1, Math.min(room, MAX_CHOICE));
  const quantity = Math.min(wanted, choices);
  return (
    <div className="purchase">
      {product.stock > 0 ? (
        <div className="field quantity-field">
          <label htmlFor={id}>Quantity</label>
          <select id={id} value={quantity} disabled={room === 0} onChange={(event) => setWanted(Number(event.target.value))}>
            {Array.from({ length: choices }, (_, n) => (
              <option key={n + 1} value={n + 1}>
                {n + 1}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <AddToCartButton product={product} quantity={quantity} />
      {inCart > 0 ? <p className="muted small in-cart">{inCart} already in your cart.</p> : null}
    </div>
  );
}
