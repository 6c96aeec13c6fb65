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
  let lostCreation = false;
  try {
    return await db.$transaction(async (tx) => {
      // Advisory only: stock is reserved by the checkout's conditional decrement, not by the cart.
      const product = await tx.product.findUnique({ where: { id: productId } });
      if (!product) throw shopError('PRODUCT_NOT_FOUND', `No product with id ${productId}.`);
      if (quantity > product.stock) throw shopError('OUT_OF_STOCK', `Only ${product.stock} of ${product.name} left.`, { available: product.stock });

      // The version check and the bump are one conditional statement: two writers cannot both pass.
      const { count } = await tx.cart.updateMany({ where: { sessionId, version: expectedVersion }, data: { version: { increment: 1 } } });
      let cartId: string;
      if (count === 1) {
        cartId = (await tx.cart.findUniqueOrThrow({ where: { sessionId }, select: { id: true } })).id;
      } else {
        // No cart row yet is version 0. Creating it is the conditional write then: the unique
        // session id lets one of concurrent first edits in, and the others fail below with P2002.
        const exists = await tx.cart.findUnique({ where: { sessionId }, select: { id: true } });
        if (exists || expectedVersion !== 0) throw staleCart(await loadCart(tx, sessionId));
        try {
          cartId = (await tx.cart.create({ data: { sessionId, version: 1 }, select: { id: true } })).id;
        } catch (error) {
          lostCreation = isUniqueViolation(error);
          throw error;
        }
      }
      if (quantity === 0) await tx.cartItem.deleteMany({ where: { cartId, productId } });
      else await tx.cartItem.upsert({ where: { cartId_productId: { cartId, productId } }, create: { cartId, productId, quantity }, update: { quantity } });
      return loadCart(tx, sessionId);
    });
  } catch (error) {
    // PostgreSQL aborts a transaction at its first error, so the lost race is answered after it.
    if (lostCreation) throw staleCart(await loadCart(db, sessionId));
    throw error;
  }
}

function staleCart(cart: CartView) {
  return shopError('CART_VERSION_STALE', 'The cart changed since you last saw it.', { cart });
}

/** Prisma's P2002, checked by shape so that either generated client's error class matches. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
