import { createTRPCClient, httpBatchLink, httpLink, type TRPCClientError } from '@trpc/client';
import {
  getIdempotencyMeta,
  idempotencyHeaders,
  idempotencyLink,
  idempotentHttpBatchLink,
  isIdempotencyKeyNotSentError,
  memoryStorage,
  type IdempotencyErrorMeta,
  type IdempotencyLinkOptions,
  type ReplayEvent,
  type RetryEvent,
} from '@idem/trpc-link';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_CHECKOUT } from './support/api';
import { fetchWithSession, openSession } from './support/session';
import { seed } from '../prisma/seed';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { idempotencyStoresFor } from '~/server/idempotency/idempotency-store';
import type { AppRouter } from '~/server/root';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';

/** A placeOrder input: one product, paid with the gateway's always-approved test card. */
const order = (productId: string, quantity = 1) => ({ items: [{ productId, quantity }], ...SAMPLE_CHECKOUT, payment: { token: 'tok_visa' } });

/** A 409 IDEMPOTENCY_REQUEST_IN_PROGRESS as the server sends it, without reaching the server. */
function inProgressResponse(): Response {
  const body = { error: { message: 'in progress', code: -32009, data: { code: 'IDEMPOTENCY_REQUEST_IN_PROGRESS', httpStatus: 409, retryable: true } } };
  return new Response(JSON.stringify(body), { status: 409, headers: { 'content-type': 'application/json', 'retry-after': '0' } });
}

/**
 * A `fetch` that misbehaves on a schedule, by call number: the first `conflicts` calls get a
 * synthetic 409 in-progress without reaching the server; the next `drops` calls reach the server,
 * which processes them fully, and then lose the response — the client sees the network fail.
 */
/** The guest session every client of this file uses (set once the server is up). */
let sessionCookie = '';

function faultyFetch({ conflicts = 0, drops = 0 }: { conflicts?: number; drops?: number }) {
  const keys: (string | null)[] = [];
  const fetchWithFaults = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call = keys.push(new Headers(init?.headers as HeadersInit | undefined).get('idempotency-key'));
    if (call <= conflicts) return inProgressResponse();
    const response = await fetchWithSession(sessionCookie)(input, init);
    if (call <= conflicts + drops) {
      await response.arrayBuffer(); // the server has answered: its work is done
      throw new TypeError('fetch failed');
    }
    return response;
  };
  return { fetch: fetchWithFaults, keys };
}

describe.each(PROVIDERS)('idempotencyLink over real HTTP on %s', (provider) => {
  let database: TestDatabase;
  let api: ApiServer;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    api = await serveApi({ db: database.db });
    sessionCookie = await openSession(api.url);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  const url = () => `${api.url}/api/trpc`;
  const plainClient = (fetch: ReturnType<typeof faultyFetch>['fetch'], options: IdempotencyLinkOptions = {}) =>
    createTRPCClient<AppRouter>({
      links: [idempotencyLink({ storage: memoryStorage(), ...options }), httpLink({ url: url(), fetch, headers: ({ op }) => idempotencyHeaders(op) })],
    });

  it('resolves with the first execution’s result when the response is lost after the server processed it', async () => {
    const ordersBefore = await database.db.order.count();
    const replays: ReplayEvent[] = [];
    const retries: RetryEvent[] = [];
    const faulty = faultyFetch({ drops: 1 });
    const client = plainClient(faulty.fetch, { onReplay: (e) => replays.push(e), onRetry: (e) => retries.push(e) });

    const placed = await client.checkout.placeOrder.mutate(order('hario-v60', 2));

    expect(await database.db.order.count()).toBe(ordersBefore + 1);
    expect(await database.db.order.findUniqueOrThrow({ where: { id: placed.orderId } })).toMatchObject({ subtotalCents: 2 * 2750 });
    expect(faulty.keys).toHaveLength(2);
    expect(faulty.keys[1]).toBe(faulty.keys[0]);
    expect(retries.map((e) => [e.attempt, e.reason])).toEqual([[2, 'network-error']]);
    expect(replays).toHaveLength(1);
    const key = faulty.keys[0]!.slice(1, -1);
    await idempotencyStoresFor(database.db).records.flushReplays?.(); // replay counts are buffered
    expect(await database.db.idempotencyRecord.findFirstOrThrow({ where: { key } })).toMatchObject({ status: 'COMPLETED', replayCount: 1 });
  });

  it('reuses the key after a reload when the outcome was unknown, and still makes one order', async () => {
    const ordersBefore = await database.db.order.count();
    const storage = memoryStorage(); // what survives the reload
    const lost = faultyFetch({ drops: 2 });
    const before = plainClient(lost.fetch, { storage, maxAttempts: 2, retryDelay: 0 });
    const failure = (await before.checkout.placeOrder.mutate(order('kenya-nyeri')).catch((e: unknown) => e)) as TRPCClientError<AppRouter>;
    expect(failure.meta?.['idempotency']).toMatchObject({ outcome: 'unknown', stoppedBy: 'max-attempts' } satisfies Partial<IdempotencyErrorMeta>);
    expect(await database.db.order.count()).toBe(ordersBefore + 1); // it did go through

    const healthy = faultyFetch({});
    const after = plainClient(healthy.fetch, { storage });
    const placed = await after.checkout.placeOrder.mutate(order('kenya-nyeri'));

    expect(healthy.keys).toEqual([lost.keys[0]]);
    expect(await database.db.order.count()).toBe(ordersBefore + 1);
    expect(await database.db.order.count({ where: { id: placed.orderId } })).toBe(1);

    // The outcome is now known: the same purchase again is a new purchase.
    await after.checkout.placeOrder.mutate(order('kenya-nyeri'));
    expect(healthy.keys[1]).not.toBe(healthy.keys[0]);
    expect(await database.db.order.count()).toBe(ordersBefore + 2);
  });

  it('rides out a storm of 409 in-progress answers', async () => {
    const ordersBefore = await database.db.order.count();
    const retries: RetryEvent[] = [];
    const storm = faultyFetch({ conflicts: 4 });
    const placed = await plainClient(storm.fetch, { onRetry: (e) => retries.push(e) }).checkout.placeOrder.mutate(order('v60-filters'));

    expect(storm.keys).toHaveLength(5);
    expect(new Set(storm.keys).size).toBe(1);
    expect(retries.map((e) => [e.attempt, e.reason, e.delaySource, e.delayMs])).toEqual([2, 3, 4, 5].map((n) => [n, 'in-progress', 'retry-after', 0]));
    expect(await database.db.order.count()).toBe(ordersBefore + 1);
    expect(await database.db.order.count({ where: { id: placed.orderId } })).toBe(1);
  });

  it('resolves real concurrent duplicates of one key to one order', async () => {
    const ordersBefore = await database.db.order.count();
    const key = `race-${provider}-${Date.now()}`;
    const reasons: string[] = [];
    const clients = Array.from({ length: 5 }, () => plainClient(fetchWithSession(sessionCookie), { onRetry: (e) => reasons.push(e.reason) }));
    // The slow bank (~2 s) keeps the first request running while the duplicates arrive: they get
    // 409 in-progress and retry, as the server's Retry-After tells them, until it has finished.
    const slowOrder = { ...order('kinto-mug'), payment: { token: 'tok_slow' } };
    const placed = await Promise.all(clients.map((c) => c.checkout.placeOrder.mutate(slowOrder, { context: { idempotencyKey: key } })));

    expect(new Set(placed.map((p) => p.orderId)).size).toBe(1);
    expect(await database.db.order.count()).toBe(ordersBefore + 1);
    expect(reasons.length, 'no duplicate overlapped the first request: nothing was retried').toBeGreaterThanOrEqual(1);
    expect(reasons.every((reason) => reason === 'in-progress'), reasons.join(', ')).toBe(true);
  });

  it('gives a batch of three keyed mutations three records, even when the batch response is lost', async () => {
    const ordersBefore = await database.db.order.count();
    const recordsBefore = await database.db.idempotencyRecord.count();
    const faulty = faultyFetch({ drops: 1 });
    const client = createTRPCClient<AppRouter>({
      links: [
        idempotencyLink({ storage: memoryStorage(), retryDelay: 0 }),
        idempotentHttpBatchLink({ url: url(), fetch: faulty.fetch }),
      ],
    });

    const placed = await Promise.all(['espresso-blend', 'espresso-blend', 'knock-box'].map((id) => client.checkout.placeOrder.mutate(order(id))));

    const [firstBatch] = faulty.keys;
    const keys = firstBatch!.split(', ').map((member) => member.slice(1, -1));
    expect(new Set(keys).size).toBe(3);
    expect(faulty.keys.length).toBeGreaterThanOrEqual(2); // the lost batch, then its retries (one batch or several)
    expect(faulty.keys.slice(1).flatMap((header) => header!.split(', ').map((m) => m.slice(1, -1))).sort()).toEqual([...keys].sort());
    expect(new Set(placed.map((p) => p.orderId)).size).toBe(3);
    expect(await database.db.order.count()).toBe(ordersBefore + 3);
    expect(await database.db.idempotencyRecord.count()).toBe(recordsBefore + 3);
    await idempotencyStoresFor(database.db).records.flushReplays?.(); // replay counts are buffered
    expect(await database.db.idempotencyRecord.count({ where: { key: { in: keys }, status: 'COMPLETED', replayCount: 1 } })).toBe(3);
  });

  it('refuses to retry over a batch link that does not send the key, and the server ran nothing twice', async () => {
    const ordersBefore = await database.db.order.count();
    const recordsBefore = await database.db.idempotencyRecord.count();
    const faulty = faultyFetch({ drops: 1 });
    const client = createTRPCClient<AppRouter>({ links: [idempotencyLink({ storage: memoryStorage(), retryDelay: 0 }), httpBatchLink({ url: url(), fetch: faulty.fetch })] });

    const failure = (await client.checkout.placeOrder.mutate(order('knock-box')).catch((error: unknown) => error)) as TRPCClientError<AppRouter>;

    expect(faulty.keys).toEqual([null]); // one request, no key, and no retry
    expect(isIdempotencyKeyNotSentError(failure.cause)).toBe(true);
    expect(getIdempotencyMeta(failure)).toMatchObject({ attempts: 1, stoppedBy: 'key-not-sent' });
    expect(await database.db.order.count()).toBe(ordersBefore); // this server refuses keyless mutations
    expect(await database.db.idempotencyRecord.count()).toBe(recordsBefore);
  });

  it('works as the README quick start composes it, queries included', async () => {
    const recordsBefore = await database.db.idempotencyRecord.count();
    const client = createTRPCClient<AppRouter>({
      links: [idempotencyLink(), idempotentHttpBatchLink({ url: url(), fetch: fetchWithSession(sessionCookie) })],
    });
    const [products, placed] = await Promise.all([client.catalog.list.query(), client.checkout.placeOrder.mutate(order('colombia-huila'))]);
    expect(products.length).toBeGreaterThan(0);
    expect(await database.db.order.count({ where: { id: placed.orderId } })).toBe(1);
    expect(await database.db.idempotencyRecord.count()).toBe(recordsBefore + 1);
  });
});
