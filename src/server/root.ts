import { cartRouter } from './routers/cart';
import { catalogRouter } from './routers/catalog';
import { checkoutRouter } from './routers/checkout';
import { opsRouter } from './routers/ops';
import { ordersRouter } from './routers/orders';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  catalog: catalogRouter,
  cart: cartRouter,
  checkout: checkoutRouter,
  orders: ordersRouter,
  ops: opsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
