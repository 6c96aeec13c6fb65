import { z } from 'zod';
import { readCatalog, readProduct, type CatalogRead } from '../catalog/catalog-cache';
import { shopError } from '../errors';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { idSchema } from '../ids';

/** Says on the response that the database was slow or down and this is the last good copy: `Catalog-Stale: <age in seconds>`. */
export const CATALOG_STALE_HEADER = 'Catalog-Stale';

function markStale(resHeaders: Headers, read: CatalogRead<unknown>): void {
  if (!read.stale) return;
  resHeaders.set(CATALOG_STALE_HEADER, String(Math.max(0, Math.round(read.ageMs / 1000))));
  resHeaders.set('Cache-Control', 'no-store');
}

export const catalogRouter = createTRPCRouter({
  list: publicProcedure.meta({ summary: 'List every product with its price and stock (the last good copy, marked `Catalog-Stale`, while the database is away).' }).query(async ({ ctx }) => {
    const read = await readCatalog(ctx.db);
    markStale(ctx.resHeaders, read);
    return read.value;
  }),

  byId: publicProcedure
    .meta({ summary: 'One product with its price and stock (the last good copy, marked `Catalog-Stale`, while the database is away).' })
    .input(z.object({ id: idSchema }))
    .query(async ({ ctx, input }) => {
      const read = await readProduct(ctx.db, input.id);
      if (!read.value) throw shopError('PRODUCT_NOT_FOUND', `No product with id ${input.id}.`);
      markStale(ctx.resHeaders, read);
      return read.value;
    }),
});
