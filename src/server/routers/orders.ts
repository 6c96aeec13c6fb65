import { z } from 'zod';
import { loadOrderConfirmation } from '../checkout/order-confirmation';
import { shopError } from '../errors';
import { createTRPCRouter, publicProcedure } from '../trpc';
import { idSchema } from '../ids';

export const ordersRouter = createTRPCRouter({
  list: publicProcedure.meta({ summary: "The session's orders, newest first." }).query(async ({ ctx }) => {
    const orders = await ctx.db.order.findMany({
      where: { sessionId: ctx.principal },
      orderBy: { createdAt: 'desc' },
      include: { _count: { select: { items: true } } },
      take: 100,
    });
    return orders.map((o) => ({ orderId: o.id, number: o.number, status: o.status, totalCents: o.totalCents, currency: o.currency, itemCount: o._count.items, createdAt: o.createdAt.toISOString() }));
  }),

  /** Another session's order is 404, like a missing one: its existence is not disclosed. */
  byId: publicProcedure
    .meta({ summary: "One of the session's orders, as the confirmation page shows it." })
    .input(z.object({ orderId: idSchema }))
    .query(async ({ ctx, input }) => {
      const order = await loadOrderConfirmation(ctx.db, input.orderId);
      if (!order || order.sessionId !== ctx.principal) throw shopError('ORDER_NOT_FOUND', `No order ${input.orderId}.`);
      return order.confirmation;
    }),
});
