import type { Db } from '../db/create-db';
import { shopError } from '../errors';
import { loadCart, type CartView } from './cart-view';

/**
 * Sets one line of the session's cart to an absolute quantity (0 removes it) — PUT semantics, so
 * repeating the call changes nothing more. The write happens only if the cart is still at
 * `expectedVersion`; otherwise 412 CART_VERSION_STALE with the current cart, so the client can
 * show what changed instead of overwriting another tab's edit.
 */
export async function setItemQuantity(
  db: Db,
  sessionId: string,
  { productId, quantity, expectedVersion }: { productId: string; quantity: number; expectedVersion: number },
): Promise<CartView> {
  return db.$transaction(async (tx) => {
    const product = await tx.product.findUnique({ where: { id: productId } });
    if (!product) throw shopError('PRODUCT_NOT_FOUND', `No product with id ${productId}.`);
    if (quantity > product.stock) throw shopError('OUT_OF_STOCK', `Only ${product.stock} of ${product.name} left.`, { available: product.stock });

    const cart = await tx.cart.upsert({ where: { sessionId }, create: { sessionId }, update: {} });
    // The version check and the bump are one conditional statement: two writers cannot both pass.
    const { count } = await tx.cart.updateMany({ where: { id: cart.id, version: expectedVersion }, data: { version: { increment: 1 } } });
    if (count === 0) {
      throw shopError('CART_VERSION_STALE', 'The cart changed since you last saw it.', { cart: await loadCart(tx, sessionId) });
    }
    if (quantity === 0) await tx.cartItem.deleteMany({ where: { cartId: cart.id, productId } });
    else await tx.cartItem.upsert({ where: { cartId_productId: { cartId: cart.id, productId } }, create: { cartId: cart.id, productId, quantity }, update: { quantity } });
    return loadCart(tx, sessionId);
  });
}
