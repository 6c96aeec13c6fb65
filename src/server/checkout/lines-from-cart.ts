import { shopError } from '../errors';
import { loadCart } from '../cart/cart-view';
import type { Tx } from '../db/tx';
import type { OrderLine } from './reserve-order';

/**
 * The lines of the session's cart, checked against the version the shopper saw, and the cart
 * emptied — inside the order's transaction, so the order and the emptied cart commit together.
 *
 * The cart is taken first, with one conditional write on (session, version): of concurrent
 * checkouts of one version, and of a checkout racing a cart edit, exactly one passes, and the
 * database (the row lock on PostgreSQL, the single writer on SQLite) decides which. Only the
 * holder of that write then reads and deletes the lines, so no line is bought twice and no edit
 * that answered success is deleted unseen.
 */
export async function takeLinesFromCart(tx: Tx, sessionId: string, cartVersion: number): Promise<OrderLine[]> {
  const { count } = await tx.cart.updateMany({ where: { sessionId, version: cartVersion }, data: { version: { increment: 1 } } });
  if (count === 0) {
    const cart = await loadCart(tx, sessionId);
    // Versions only grow, so a match of the version here means there is no cart row at all: a
    // session that never added anything is at version 0 with nothing in it.
    if (cart.version === cartVersion) throw shopError('CART_EMPTY', 'The cart is empty.');
    throw shopError('CART_VERSION_STALE', 'The cart changed since you last saw it.', { cart });
  }
  const cart = await tx.cart.findUniqueOrThrow({ where: { sessionId }, include: { items: { orderBy: { productId: 'asc' } } } });
  // The thrown error rolls the order's transaction back, version bump included: checking out an
  // empty cart changes nothing, and the cart stays at the version the shopper holds.
  if (cart.items.length === 0) throw shopError('CART_EMPTY', 'The cart is empty.');
  await tx.cartItem.deleteMany({ where: { cartId: cart.id } });
  return cart.items.map(({ productId, quantity }) => ({ productId, quantity }));
}
