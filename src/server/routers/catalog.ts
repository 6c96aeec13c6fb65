import { createTRPCRouter, publicProcedure } from '../trpc';

export const catalogRouter = createTRPCRouter({
  /** Every product, cheapest first, with its stock. */
  list: publicProcedure.query(({ ctx }) =>
    ctx.db.product.findMany({
      orderBy: [{ priceCents: 'asc' }, { name: 'asc' }],
      select: { id: true, sku: true, name: true, description: true, priceCents: true, currency: true, stock: true, imageUrl: true },
    }),
  ),
});
