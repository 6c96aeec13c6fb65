import { shopError } from '../errors';
import { loadCart } from '../cart/cart-view';
import type { OrderLine, Tx } from './reserve-order';

/**
 * The lines of the session's cart, checked against the version the shopper saw, and the cart
 * emptied — inside the order's transaction, so the order and the emptied cart commit together.
 */
export async function takeLinesFromCart(tx: Tx, sessionId: string, cartVersion: number): Promise<OrderLine[]> {
  const cart = await loadCart(tx, sessionId);
  if (cart.version !== cartVersion) throw shopError('CART_VERSION_STALE', 'The cart changed since you last saw it.', { cart });
  if (cart.items.length === 0) throw shopError('CART_EMPTY', 'The cart is empty.');
  const stored = await tx.cart.findUniqueOrThrow({ where: { sessionId } });
  await tx.cartItem.deleteMany({ where: { cartId: stored.id } });
  await tx.cart.update({ where: { id: stored.id }, data: { version: { increment: 1 } } });
  return cart.items.map(({ productId, quantity }) => ({ productId, quantity }));
}
