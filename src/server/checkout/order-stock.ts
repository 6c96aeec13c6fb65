import type { Tx } from '../db/tx';

/** The most of one product a cart holds (`cart.setItemQuantity` refuses more). */
const MAX_CART_QUANTITY = 99;

/**
 * Puts a cancelled order's stock back on the shelf, products in id order (the order every
 * stock-changing transaction locks them in, so none deadlock on PostgreSQL). Returns the order's lines.
 */
export async function returnStock(tx: Tx, orderId: string): Promise<{ productId: string; quantity: number }[]> {
  const items = await tx.orderItem.findMany({ where: { orderId }, orderBy: { productId: 'asc' }, select: { productId: true, quantity: true } });
  for (const { productId, quantity } of items) await tx.product.update({ where: { id: productId }, data: { stock: { increment: quantity } } });
  return items;
}

/**
 * Puts lines back into the session's cart, adding to what is there (at most 99 of a product), as
 * a new cart version: a tab holding the old version gets 412 and sees them.
 */
export async function restoreCartLines(tx: Tx, sessionId: string, lines: readonly { productId: string; quantity: number }[]): Promise<void> {
  const cart = await tx.cart.upsert({ where: { sessionId }, create: { sessionId, version: 1 }, update: { version: { increment: 1 } } });
  for (const { productId, quantity } of lines) {
    await tx.cartItem.upsert({
      where: { cartId_productId: { cartId: cart.id, productId } },
      create: { cartId: cart.id, productId, quantity: Math.min(quantity, MAX_CART_QUANTITY) },
      update: { quantity: { increment: quantity } },
    });
  }
  await tx.cartItem.updateMany({ where: { cartId: cart.id, quantity: { gt: MAX_CART_QUANTITY } }, data: { quantity: MAX_CART_QUANTITY } });
}
