import { createTRPCClient, httpLink, type TRPCClientError } from '@trpc/client';
import { idempotencyHeaders, idempotencyLink, memoryStorage, type IdempotencyErrorMeta, type RetryEvent } from '@idem/trpc-link';
import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import type { CrashPoint, FaultInjector } from '~/server/faults';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import type { AppRouter } from '~/server/root';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { SAMPLE_CHECKOUT } from './support/api';
import { fetchWithSession, openSession } from './support/session';

const order = { items: [{ productId: 'hario-v60', quantity: 1 }], ...SAMPLE_CHECKOUT, payment: { token: 'tok_visa' } };

/** Fails the next `times` requests that reach `point` with an unexpected error: a 500 the server does not store. */
function failAt(point: CrashPoint, times: number): FaultInjector {
  let left = times;
  return (reached) => {
    if (reached === point && left > 0) {
      left--;
      throw new Error(`injected failure at ${point}`);
    }
  };
}

// A 500 after the charge committed (a finish transaction that failed, a deadlock, a blip): the
// outcome is unknown. Before, the link treated the 500 as final and forgot the key; the next press
// made a second order and a second charge.
describe.each(PROVIDERS)('a 500 after the charge, through the real link on %s', (provider) => {
  let database: TestDatabase | undefined;
  let api: ApiServer | undefined;
  afterEach(async () => {
    await api?.close();
    await database?.drop();
  });

  async function setUp(faults: FaultInjector) {
    database = await createTestDatabase(provider);
    await seed(database.db);
    api = await serveApi({ db: database.db, faults });
    const cookie = await openSession(api.url);
    const keys: string[] = [];
    const fetch: typeof globalThis.fetch = (input, init) => {
      keys.push(new Headers(init?.headers).get('idempotency-key') ?? '');
      return fetchWithSession(cookie)(input, init);
    };
    const storage = memoryStorage();
    const client = (options: { maxAttempts?: number; onRetry?: (e: RetryEvent) => void } = {}) =>
      createTRPCClient<AppRouter>({
        links: [idempotencyLink({ storage, retryDelay: 0, ...options }), httpLink({ url: `${api!.url}/api/trpc`, fetch, headers: ({ op }) => idempotencyHeaders(op) })],
      });
    return { db: database.db, keys, client };
  }

  it('is retried with the same key and resumes: one order, one charge', async () => {
    const { db, keys, client } = await setUp(failAt('after_charge', 1));
    const retries: RetryEvent[] = [];
    const placed = await client({ onRetry: (e) => retries.push(e) }).checkout.placeOrder.mutate(order);
    expect(placed.status).toBe('PAID');
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(retries.map((r) => r.reason)).toEqual(['server-error']);
    expect(await db.order.count()).toBe(1);
    expect(await db.gatewayCharge.count()).toBe(1);
  });

  it('keeps the key when every attempt fails, so pressing again pays the same order: one order, one charge', async () => {
    const { db, keys, client } = await setUp(failAt('after_charge', 3));
    const failure = (await client({ maxAttempts: 3 })
      .checkout.placeOrder.mutate(order)
      .catch((error: unknown) => error)) as TRPCClientError<AppRouter>;
    expect(failure.data?.httpStatus).toBe(500);
    expect(failure.data).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', retryable: true });
    expect(failure.meta?.['idempotency']).toMatchObject({ outcome: 'unknown', stoppedBy: 'max-attempts' } satisfies Partial<IdempotencyErrorMeta>);
    expect(await db.order.count()).toBe(1); // the order and the charge did happen
    expect(await db.gatewayCharge.count()).toBe(1);

    const placed = await client().checkout.placeOrder.mutate(order); // the shopper presses Pay again
    expect(placed.status).toBe('PAID');
    expect(new Set(keys).size).toBe(1);
    expect(keys).toHaveLength(4);
    expect(await db.order.count()).toBe(1);
    expect(await db.gatewayCharge.count()).toBe(1);
  });
});
