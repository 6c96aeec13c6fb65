import type { Db } from '../db/create-db';
import type { Tx } from '../db/tx';
import { shopError } from '../errors';
import { loadCart, type CartView } from './cart-view';

export interface SetItemQuantityInput {
  productId: string;
  /** Absolute: 0 removes the line. */
  quantity: number;
  /** The cart version the client last saw. */
  expectedVersion: number;
}

/**
 * Sets one line of the session's cart to an absolute quantity (0 removes it), inside the caller's
 * transaction (the procedure's `finish`, which stores the response with the write). The write happens
 * only if the cart is still at `expectedVersion`; otherwise 412 CART_VERSION_STALE with the current
 * cart, so the client can show what changed instead of overwriting another tab's edit.
 *
 * The cart row must exist (`ensureCart`): then the version check and the bump are one conditional
 * statement for a new cart too, and two writers can never both pass.
 */
export async function setItemQuantity(tx: Tx, sessionId: string, { productId, quantity, expectedVersion }: SetItemQuantityInput): Promise<CartView> {
  // Advisory only: stock is reserved by the checkout's conditional decrement, not by the cart.
  const product = await tx.product.findUnique({ where: { id: productId } });
  if (!product) throw shopError('PRODUCT_NOT_FOUND', `No product with id ${productId}.`);
  if (quantity > product.stock) throw shopError('OUT_OF_STOCK', `Only ${product.stock} of ${product.name} left.`, { available: product.stock });

  const bumped = await tx.cart.updateManyAndReturn({ where: { sessionId, version: expectedVersion }, data: { version: { increment: 1 } }, select: { id: true } });
  const cartId = bumped[0]?.id;
  if (!cartId) throw shopError('CART_VERSION_STALE', 'The cart changed since you last saw it.', { cart: await loadCart(tx, sessionId) });
  if (quantity === 0) await tx.cartItem.deleteMany({ where: { cartId, productId } });
  else await tx.cartItem.upsert({ where: { cartId_productId: { cartId, productId } }, create: { cartId, productId, quantity }, update: { quantity } });
  return loadCart(tx, sessionId);
}

/**
 * Makes sure the session has a cart row, empty at version 0 — the same cart `loadCart` shows for a
 * session without one, so creating it changes nothing a client can see. Concurrent first edits race
 * on the unique session id here, outside any transaction, and every one of them finds the row.
 */
export async function ensureCart(db: Db, sessionId: string): Promise<void> {
  try {
    await db.cart.upsert({ where: { sessionId }, create: { sessionId }, update: {}, select: { id: true } });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'P2002') throw error; // another first edit created it
  }
}
