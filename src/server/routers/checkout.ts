import { z } from 'zod';
import { shopError } from '../errors';
import { createTRPCRouter, idempotentProcedure } from '../trpc';

const placeOrderInput = z.object({
  items: z
    .array(z.object({ productId: z.string().min(1), quantity: z.int().min(1).max(99) }))
    .min(1)
    .max(50),
});

export const checkoutRouter = createTRPCRouter({
  /**
   * Reserves stock and creates an order in one transaction. Idempotent: requires an
   * Idempotency-Key; a retry with the same key gets the same order.
   */
  placeOrder: idempotentProcedure
    .meta({ summary: 'Reserve stock and create an order, exactly once per Idempotency-Key.' })
    .input(placeOrderInput).mutation(async ({ ctx, input }) => {
    const quantities = new Map<string, number>();
    for (const item of input.items) quantities.set(item.productId, (quantities.get(item.productId) ?? 0) + item.quantity);

    return ctx.db.$transaction(async (tx) => {
      const products = await tx.product.findMany({ where: { id: { in: [...quantities.keys()] } } });
      const lines = [...quantities].map(([productId, quantity]) => {
        const product = products.find((p) => p.id === productId);
        if (!product) throw shopError('PRODUCT_NOT_FOUND', `No product with id ${productId}.`);
        return { product, quantity };
      });
      for (const { product, quantity } of lines) {
        // Conditional decrement: the stock check and the reservation are one statement.
        const { count } = await tx.product.updateMany({
          where: { id: product.id, stock: { gte: quantity } },
          data: { stock: { decrement: quantity } },
        });
        if (count === 0) throw shopError('OUT_OF_STOCK', `Only ${product.stock} of ${product.name} left.`);
      }
      const subtotalCents = lines.reduce((sum, { product, quantity }) => sum + product.priceCents * quantity, 0);
      const order = await tx.order.create({
        data: {
          sessionId: ctx.principal,
          currency: 'USD',
          subtotalCents,
          totalCents: subtotalCents,
          items: {
            create: lines.map(({ product, quantity }) => ({
              productId: product.id,
              productName: product.name,
              unitPriceCents: product.priceCents,
              quantity,
              lineTotalCents: product.priceCents * quantity,
            })),
          },
        },
        include: { items: { select: { productId: true, productName: true, unitPriceCents: true, quantity: true, lineTotalCents: true } } },
      });
      return {
        orderId: order.id,
        status: order.status,
        currency: order.currency,
        totalCents: order.totalCents,
        items: order.items,
        createdAt: order.createdAt.toISOString(),
      };
    });
  }),
});
