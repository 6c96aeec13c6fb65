import { catalogRouter } from './routers/catalog';
import { checkoutRouter } from './routers/checkout';
import { createCallerFactory, createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  catalog: catalogRouter,
  checkout: checkoutRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
