import { afterEach, describe, expect, it } from 'vitest';
import { catalog } from '../prisma/catalog';
import { seed } from '../prisma/seed';
import { invalidateCatalog } from '~/server/catalog/catalog-cache';
import { createDb, type Db } from '~/server/db/create-db';
import { readServerEnv } from '~/server/env';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { withCircuitBreaker } from '~/server/payments/circuit-breaker-gateway';
import { PaymentGatewayUnavailableError, type PaymentGateway } from '~/server/payments/payment-gateway';
import { simulatedGateway } from '~/server/payments/simulated-gateway';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { dataOf, errorCode, getQuery, order, postMutation, type RawResponse } from './support/api';
import { openSession } from './support/session';

/** The real simulated gateway, slowed down or switched off by the test: a provider having a bad day. */
function troubledProvider(db: Db, delayMs = 0) {
  const real = simulatedGateway(db);
  const state = { down: false };
  const gateway: PaymentGateway = {
    name: 'simulated',
    async charge(request) {
      if (state.down) throw new PaymentGatewayUnavailableError('The payment provider did not answer.');
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return real.charge(request);
    },
  };
  return { gateway, state };
}

const dataOfError = (response: RawResponse) => (JSON.parse(response.body) as { error: { message: string; data: { code: string; retryable: boolean; httpStatus: number } } }).error;

/** Retries as the link does: the same key, after `Retry-After`, while the answer is 409 or 503. */
async function retryUntilAnswered(url: string, key: string, body: object, cookie: string): Promise<RawResponse> {
  for (let attempt = 1; attempt <= 30; attempt++) {
    const response = await postMutation(url, 'checkout.placeOrder', { key, body, cookie });
    if (response.status !== 409 && response.status !== 503) return response;
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
  }
  throw new Error(`no final answer for ${key}`);
}

describe.each(PROVIDERS)('backpressure, timeouts, the payment breaker and degradation on %s', (provider) => {
  let database: TestDatabase | undefined;
  let api: ApiServer | undefined;
  let serverDb: Db | undefined;
  afterEach(async () => {
    await api?.close();
    await serverDb?.$disconnect();
    await database?.drop();
    [api, serverDb, database] = [undefined, undefined, undefined];
  });

  async function start(settings: Record<string, string>, payments?: (db: Db) => PaymentGateway) {
    database = await createTestDatabase(provider);
    await seed(database.db);
    await database.db.product.updateMany({ data: { stock: 1_000 } });
    api = await serveApi({ db: database.db, env: readServerEnv(settings), payments: payments?.(database.db), provider });
    return { url: api.url, cookie: await openSession(api.url) };
  }

  it('answers more concurrent slow requests than the bound with some immediate 503 SERVER_BUSY + Retry-After, and no other 5xx', async () => {
    const { url, cookie } = await start({ API_MAX_CONCURRENT_REQUESTS: '4' }, (db) => troubledProvider(db, 300).gateway);
    const keys = Array.from({ length: 16 }, (_, i) => `herd-${i}`);
    const first = await Promise.all(keys.map((key) => postMutation(url, 'checkout.placeOrder', { key, body: order('hario-v60'), cookie })));
    const statuses = first.map((r) => r.status);
    expect(statuses.filter((s) => s >= 500 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    const busy = first.filter((r) => r.status === 503);
    expect(busy.length).toBeGreaterThan(0);
    for (const response of busy) {
      expect([errorCode(response.body), response.headers.get('retry-after'), dataOfError(response).data.retryable]).toEqual(['SERVER_BUSY', '1', true]);
    }
    // Nothing ran for a refused request: the same key, retried, places its order — once.
    expect(await database!.db.idempotencyRecord.count()).toBe(16 - busy.length);
    for (const [i, response] of first.entries()) if (response.status === 503) expect((await retryUntilAnswered(url, keys[i]!, order('hario-v60'), cookie)).status).toBe(200);
    expect(await database!.db.order.count({ where: { status: 'PAID' } })).toBe(16);
    expect(await database!.db.gatewayCharge.count()).toBe(16);
  });

  it('answers a request that runs too long with 503 REQUEST_TIMED_OUT, keeping its key resumable; the retry gets its one order', async () => {
    const { url, cookie } = await start({ API_REQUEST_TIMEOUT_MS: '200' }, (db) => troubledProvider(db, 600).gateway);
    const timedOut = await postMutation(url, 'checkout.placeOrder', { key: 'slow-1', body: order('hario-v60'), cookie });
    expect([timedOut.status, errorCode(timedOut.body), timedOut.headers.get('retry-after'), dataOfError(timedOut).data.retryable]).toEqual([503, 'REQUEST_TIMED_OUT', '1', true]);
    // Not a stored failure: the key is still held by the work, which goes on.
    expect((await database!.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'slow-1' } })).status).toBe('IN_PROGRESS');
    const answer = await retryUntilAnswered(url, 'slow-1', order('hario-v60'), cookie);
    expect([answer.status, dataOf<{ status: string }>(answer).status]).toEqual([200, 'PAID']);
    expect(await database!.db.order.count()).toBe(1);
    expect(await database!.db.gatewayCharge.count()).toBe(1);
  });

  it('fails checkouts fast with 503 PAYMENT_PROVIDER_CIRCUIT_OPEN + Retry-After once the breaker opens, leaving the key resumable', async () => {
    let provider!: ReturnType<typeof troubledProvider>;
    const { url, cookie } = await start({}, (db) => {
      provider = troubledProvider(db);
      return withCircuitBreaker(provider.gateway, { failures: 2, halfOpenAfterMs: 1_000 });
    });
    provider.state.down = true;
    for (const key of ['down-1', 'down-2']) {
      const response = await postMutation(url, 'checkout.placeOrder', { key, body: order('hario-v60'), cookie });
      expect([response.status, errorCode(response.body)]).toEqual([503, 'PAYMENT_PROVIDER_UNAVAILABLE']);
    }
    const fast = await postMutation(url, 'checkout.placeOrder', { key: 'down-3', body: order('hario-v60'), cookie });
    expect([fast.status, errorCode(fast.body), fast.headers.get('retry-after'), dataOfError(fast).data.retryable]).toEqual([503, 'PAYMENT_PROVIDER_CIRCUIT_OPEN', '1', true]);
    expect(await database!.db.gatewayCharge.count()).toBe(0);
    const record = await database!.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'down-3' } });
    expect([record.status, record.recoveryPoint]).toEqual(['IN_PROGRESS', 'order_created']);
    // The provider is back; after Retry-After the trial charge goes through and the key resumes.
    provider.state.down = false;
    for (const key of ['down-1', 'down-2', 'down-3']) expect(dataOf<{ status: string }>(await retryUntilAnswered(url, key, order('hario-v60'), cookie)).status).toBe('PAID');
    expect(await database!.db.order.count()).toBe(3);
    expect(await database!.db.gatewayCharge.count()).toBe(3);
  });

  it('serves the catalog and a product from the last good copy, marked stale, while the database is down; mutations get a retryable 503, never a 500', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    // The server's own client, so that taking the database away reaches it as it would in production.
    serverDb = createDb(database.url);
    api = await serveApi({ db: serverDb, env: readServerEnv({}), provider });
    const { url } = api;
    const cookie = await openSession(url);
    expect((await getQuery(url, 'catalog.list')).headers.get('catalog-stale')).toBeNull();

    await database.drop(); // PostgreSQL: DROP DATABASE … WITH (FORCE); SQLite: the file and its folder are removed
    database = undefined;
    if (provider === 'sqlite') await serverDb.$disconnect(); // let it reopen the removed file
    invalidateCatalog(serverDb); // as after an order: the next read goes to the database

    const list = await getQuery(url, 'catalog.list');
    expect(list.status).toBe(200);
    expect(list.headers.get('catalog-stale')).toMatch(/^\d+$/);
    expect(dataOf<unknown[]>(list)).toHaveLength(catalog.length);
    const product = await getQuery(url, 'catalog.byId', { input: { id: 'hario-v60' } });
    expect([product.status, dataOf<{ id: string }>(product).id, product.headers.get('catalog-stale')]).toEqual([200, 'hario-v60', expect.stringMatching(/^\d+$/)]);

    const mutation = await postMutation(url, 'checkout.placeOrder', { key: 'db-down-1', body: order('hario-v60'), cookie });
    const error = dataOfError(mutation);
    expect([mutation.status, error.data.code, error.data.retryable, mutation.headers.get('retry-after')]).toEqual([503, 'DATABASE_UNAVAILABLE', true, '1']);
    expect(mutation.body).not.toMatch(/prisma|sqlite|postgres|ECONN|does not exist|unable to open/i);
    const ready = await fetch(`${url}/api/health/ready`);
    expect([ready.status, ((await ready.json()) as { reason: string }).reason]).toEqual([503, 'database_unreachable']);
  });
});
