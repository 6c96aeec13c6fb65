import type { Tx } from '../db/tx';
import type { Db } from '../db/create-db';

/** The cart as the client sees it: lines priced from the catalog, the total, and the version to send back. */
export interface CartView {
  version: number;
  currency: 'USD';
  totalCents: number;
  items: { productId: string; name: string; imageUrl: string | null; unitPriceCents: number; quantity: number; lineTotalCents: number; stock: number }[];
}

/** The session's cart; a session without one has an empty cart at version 0. */
export async function loadCart(db: Db | Tx, sessionId: string): Promise<CartView> {
  const cart = await db.cart.findUnique({
    where: { sessionId },
    include: { items: { include: { product: true }, orderBy: { product: { name: 'asc' } } } },
  });
  const items = (cart?.items ?? []).map(({ product, quantity }) => ({
    productId: product.id,
    name: product.name,
    imageUrl: product.imageUrl,
    unitPriceCents: product.priceCents,
    quantity,
    lineTotalCents: product.priceCents * quantity,
    stock: product.stock,
  }));
  return { version: cart?.version ?? 0, currency: 'USD', totalCents: items.reduce((sum, i) => sum + i.lineTotalCents, 0), items };
}
