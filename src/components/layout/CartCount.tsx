'use client';
import { useCart } from '../cart/use-cart';

/** How many items the cart holds, next to the Cart link; nothing until the cart has loaded. */
export function CartCount() {
  const { data: cart } = useCart();
  const count = cart?.items.reduce((sum, item) => sum + item.quantity, 0) ?? 0;
  if (count === 0) return null;
  return (
    <span className="badge" data-testid="cart-count">
      <span className="visually-hidden">, </span>
      {count}
      <span className="visually-hidden"> {count === 1 ? 'item' : 'items'}</span>
    </span>
  );
}
