import { z } from 'zod';
import { findProduct, listProducts } from '../catalog/catalog-cache';
import { shopError } from '../errors';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { idSchema } from '../ids';

export const catalogRouter = createTRPCRouter({
  list: publicProcedure.meta({ summary: 'List every product with its price and stock.' }).query(({ ctx }) => listProducts(ctx.db)),

  byId: publicProcedure
    .meta({ summary: 'One product with its price and stock.' })
    .input(z.object({ id: idSchema }))
    .query(async ({ ctx, input }) => {
      const product = await findProduct(ctx.db, input.id);
      if (!product) throw shopError('PRODUCT_NOT_FOUND', `No product with id ${input.id}.`);
      return product;
    }),
});
