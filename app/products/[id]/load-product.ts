import 'server-only';
import { TRPCError } from '@trpc/server';
import { cache } from 'react';
import { serverCaller } from '~/server/caller';
import { ShopError } from '~/server/errors';
import { idSchema } from '~/server/ids';

/**
 * The product for `/products/[id]`, or null when there is none (an id that cannot name a product
 * counts as none): read once per request, shared by the page and its metadata.
 */
export const loadProduct = cache(async (id: string) => {
  if (!idSchema.safeParse(id).success) return null;
  try {
    return await (await serverCaller()).catalog.byId({ id });
  } catch (error) {
    if (error instanceof TRPCError && error.cause instanceof ShopError && error.cause.code === 'PRODUCT_NOT_FOUND') return null;
    throw error;
  }
});
