import { z } from 'zod';
import { loadCart } from '../cart/cart-view';
import { ensureCart, setItemQuantity } from '../cart/set-item-quantity';
import { idSchema } from '../ids';
import { createTRPCRouter, idempotentProcedure, publicProcedure } from '../trpc';

export const cartRouter = createTRPCRouter({
  get: publicProcedure.meta({ summary: "The session's cart with its version." }).query(({ ctx }) => loadCart(ctx.db, ctx.principal)),

  /**
   * Keyed like every mutation: a retry with the same Idempotency-Key gets the stored answer (the
   * cart as it was set, or the 412 it got), never a 412 caused by its own first attempt. The
   * version guard stays, for edits from other tabs: each edit is a new key.
   */
  setItemQuantity: idempotentProcedure
    .meta({ summary: 'Set the quantity of one product in the cart (0 removes it), if the cart is still at expectedVersion.' })
    .input(z.object({ productId: idSchema, quantity: z.int().min(0).max(99), expectedVersion: z.int().min(0).max(2_147_483_647) }))
    .mutation(async ({ ctx, input }) => {
      await ensureCart(ctx.db, ctx.principal);
      return ctx.idempotency.finish((tx) => setItemQuantity(tx, ctx.principal, input));
    }),
});
