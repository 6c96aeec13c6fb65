import { initTRPC, TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { idempotencyErrorData } from '../idempotencyErrorData.js';
import { idempotency, type IdempotencyHttpContext } from '../idempotency.js';
import { memoryStore } from '../memoryStore.js';

type Ctx = IdempotencyHttpContext & { user: string };

/** Where the test makes the procedure fail, once each time it is set. */
export type Fault = 'none' | 'crash_after_reserve' | 'gateway_down' | 'unserializable';

/**
 * An app with one phased, idempotent `checkout`: a `reserved` phase, a charge at an external
 * "gateway" that deduplicates by the derived key (as real providers do), then `finish`. It counts
 * reservations and charges, so tests can assert that nothing ran twice.
 */
export function createPhasedApp(options: { now: () => Date; lockTimeoutMs?: number; ttlMs?: number }) {
  const t = initTRPC.context<Ctx>().create({
    errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, ...idempotencyErrorData(error) } }),
  });
  const store = memoryStore();
  const reservations: string[] = [];
  /** The gateway's ledger: charge id by idempotency key. */
  const charges = new Map<string, string>();
  let fault: Fault = 'none';
  const idempotent = t.procedure.concat(idempotency<Ctx>({ store, scope: (ctx) => ctx.user, now: options.now, lockTimeoutMs: options.lockTimeoutMs ?? 1_000, ttlMs: options.ttlMs ?? 10_000 }));
  const router = t.router({
    checkout: idempotent.input((raw) => raw as { amount: number }).mutation(async ({ ctx, input }) => {
      const order = await ctx.idempotency.phase('reserved', async () => {
        reservations.push(ctx.idempotency.key);
        return { orderId: `order-${reservations.length}` };
      });
      const current = fault;
      fault = 'none';
      if (current === 'crash_after_reserve') throw new Error('the database connection dropped');
      if (current === 'gateway_down') throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'gateway down' });
      const paymentKey = ctx.idempotency.derivedKey('charge');
      if (!charges.has(paymentKey)) charges.set(paymentKey, `ch_${charges.size + 1}`);
      return ctx.idempotency.finish(async () => ({ ...order, amount: input.amount, chargeId: charges.get(paymentKey), ...(current === 'unserializable' ? { big: 1n } : {}) }));
    }),
    plain: idempotent.input((raw) => raw as { amount: number }).mutation(async ({ input }) => {
      const current = fault;
      fault = 'none';
      if (current === 'crash_after_reserve') throw new Error('the database connection dropped');
      return current === 'unserializable' ? { big: BigInt(input.amount) } : { amount: input.amount };
    }),
  });

  async function call(path: string, init: { key: string; user?: string; body?: unknown }) {
    const req = new Request(`http://test/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': init.key },
      body: JSON.stringify(init.body ?? { amount: 1 }),
    });
    const response = await fetchRequestHandler({ endpoint: '/trpc', req, router, createContext: ({ req, resHeaders }) => ({ req, resHeaders, user: init.user ?? 'alice' }) });
    const text = await response.text();
    const body = JSON.parse(text) as { result?: { data: unknown }; error?: { data: { code: string; retryable: boolean } } };
    return { status: response.status, text, body, replayed: response.headers.get('idempotent-replayed') === 'true' };
  }

  return { store, call, reservations, charges, failNext: (next: Fault) => (fault = next) };
}
