import { z } from 'zod';
import { loadCart } from '../cart/cart-view';
import { setItemQuantity } from '../cart/set-item-quantity';
import { idSchema } from '../ids';
import { createTRPCRouter, publicProcedure } from '../trpc';

export const cartRouter = createTRPCRouter({
  get: publicProcedure.meta({ summary: "The session's cart with its version." }).query(({ ctx }) => loadCart(ctx.db, ctx.principal)),

  /** Naturally idempotent (an absolute quantity), guarded by the cart version instead of a key. */
  setItemQuantity: publicProcedure
    .meta({ summary: 'Set the quantity of one product in the cart (0 removes it), if the cart is still at expectedVersion.' })
    .input(z.object({ productId: idSchema, quantity: z.int().min(0).max(99), expectedVersion: z.int().min(0).max(2_147_483_647) }))
    .mutation(({ ctx, input }) => setItemQuantity(ctx.db, ctx.principal, input)),
});
