import { z } from 'zod';
import { readCatalog, readProduct, type CatalogRead } from '../catalog/catalog-cache';
import { catalogFilterSchema, selectProducts } from '../catalog/catalog-filter';
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
  // Filtered in memory from the one cached copy of the whole catalog: every aisle, search and order
  // is served by the same cache entry, which checkout's invalidation keeps honest.
  list: publicProcedure
    .meta({
      summary:
        'List the products with their price and stock: optionally one `category`, those matching every word of `q`, ordered by `sort` (`featured`: in stock first, then by aisle and name). The last good copy, marked `Catalog-Stale`, while the database is away.',
    })
    .input(catalogFilterSchema.optional())
    .query(async ({ ctx, input }) => {
      const read = await readCatalog(ctx.db);
      markStale(ctx.resHeaders, read);
      return selectProducts(read.value, input);
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
