import { createTRPCRouter, publicProcedure } from '../trpc';

export const catalogRouter = createTRPCRouter({
  /** Every product, cheapest first, with its stock. */
  list: publicProcedure.meta({ summary: 'List every product with its price and stock.' }).query(({ ctx }) =>
    ctx.db.product.findMany({
      orderBy: [{ priceCents: 'asc' }, { name: 'asc' }],
      select: { id: true, sku: true, name: true, description: true, priceCents: true, currency: true, stock: true, imageUrl: true },
    }),
  ),
});
