import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { idempotency, idempotencyErrorData, prismaStore, type IdempotencyHooks } from '@idem/trpc-server';
import { initTRPC } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { z } from 'zod';
import type { Db } from '~/server/db/create-db';
import { newOrderNumber } from '~/server/checkout/order-number';

type Ctx = { req: Request; resHeaders: Headers; user: string };

export interface ProtocolAppOptions {
  db: Db;
  /** The server's clock; tests move it to expire locks and keys. */
  now: () => Date;
  lockTimeoutMs?: number;
  ttlMs?: number;
  hooks?: IdempotencyHooks;
  /** Awaited by `pay` between its first phase and its last: tests hold a request there. */
  pauseBeforeFinish?: (attempt: number) => Promise<void>;
}

/**
 * A minimal app on the real package and the real database: `pay` writes an order in a phase and
 * settles it in `finish`, so tests can count executions in the orders table. The principal comes
 * from an `x-user` header.
 */
export async function startProtocolApp(options: ProtocolAppOptions) {
  const t = initTRPC.context<Ctx>().create({
    errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, stack: undefined, ...idempotencyErrorData(error) } }),
  });
  const executions = { phase: 0, finish: 0 };
  let attempts = 0;
  const idempotent = t.procedure.concat(
    idempotency({
      store: prismaStore({ db: options.db }),
      scope: (ctx: Ctx) => ctx.user,
      now: options.now,
      lockTimeoutMs: options.lockTimeoutMs,
      ttlMs: options.ttlMs,
      hooks: options.hooks,
    }),
  );
  const router = t.router({
    pay: idempotent.input(z.object({ amountCents: z.int() })).mutation(async ({ ctx, input }) => {
      const attempt = ++attempts;
      const { orderId } = await ctx.idempotency.phase('order_created', async (tx) => {
        executions.phase++;
        const order = await tx.order.create({ data: { number: newOrderNumber(), sessionId: ctx.user, idempotencyKey: ctx.idempotency.key, currency: 'USD', subtotalCents: input.amountCents, totalCents: input.amountCents } });
        return { orderId: order.id };
      });
      await options.pauseBeforeFinish?.(attempt);
      return ctx.idempotency.finish(async (tx) => {
        executions.finish++;
        await tx.order.update({ where: { id: orderId }, data: { status: 'PAID' } });
        return { orderId, attempt };
      });
    }),
  });
  const server = createServer(
    getRequestListener((req) =>
      fetchRequestHandler({
        endpoint: '/api/trpc',
        req,
        router,
        createContext: ({ req, resHeaders }) => ({ req, resHeaders, user: req.headers.get('x-user') ?? 'alice' }),
      }),
    ),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const pay = async (key: string, amountCents = 100, user = 'alice') => {
    const response = await fetch(`${url}/api/trpc/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-user': user },
      body: JSON.stringify({ amountCents }),
    });
    return { status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', body: await response.text() };
  };
  return {
    pay,
    executions,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
