import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { errorCode, order, postMutation, type RawResponse } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';
import { useShopApi } from './support/shop-api';

const REQUESTS = 100;
/**
 * The bank that answers after ~2 s: the first request holds its key that long, so the duplicates
 * sent with it arrive while it still runs. Without it, a run where every duplicate came after the
 * first had finished would be answered by plain replays and pass the same way: no race at all.
 */
const SLOW_CARD = 'tok_slow';

/**
 * The race verdict: exactly one execution (one order, one charge), every response either the
 * result or 409 in-progress, and every later retry answered with the very same body. At least one
 * 409 proves that duplicates really overlapped the execution.
 */
async function expectExactlyOnce(database: TestDatabase, key: string, responses: RawResponse[], retry: () => Promise<RawResponse>) {
  const statuses = responses.map((r) => r.status);
  expect(statuses.every((s) => s === 200 || s === 409), `statuses: ${[...new Set(statuses)].join(', ')}`).toBe(true);
  for (const conflict of responses.filter((r) => r.status === 409)) expect(errorCode(conflict.body)).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
  const bodies = new Set(responses.filter((r) => r.status === 200).map((r) => r.body));
  expect(bodies.size).toBe(1);
  expect(await database.db.order.count({ where: { idempotencyKey: key } })).toBe(1);
  expect(await database.db.gatewayCharge.count()).toBe(1);
  expect(await database.db.gatewayCharge.count({ where: { token: SLOW_CARD, status: 'succeeded' } })).toBe(1);
  const after = await Promise.all(Array.from({ length: 5 }, retry));
  for (const response of after) expect(response).toMatchObject({ status: 200, body: [...bodies][0] });
  const tally = {
    requests: responses.length,
    executed: responses.filter((r) => r.status === 200 && r.headers.get('idempotent-replayed') === null).length,
    replayed: responses.filter((r) => r.headers.get('idempotent-replayed') === 'true').length,
    conflicts: statuses.filter((s) => s === 409).length,
  };
  console.info(`race ${key} on ${database.provider}: ${JSON.stringify(tally)}`);
  expect(tally.executed + tally.replayed + tally.conflicts).toBe(tally.requests);
  expect(tally.conflicts, 'no duplicate arrived while the first request ran: nothing raced').toBeGreaterThanOrEqual(1);
  return tally;
}

describe.each(PROVIDERS)('100 concurrent identical requests, one server, on %s', (provider) => {
  const shop = useShopApi(provider);

  it('executes exactly once', async () => {
    const send = () => postMutation(shop.url, 'checkout.placeOrder', { key: 'race-1', body: order('espresso-blend', 1, SLOW_CARD), cookie: shop.cookie });
    const responses = await Promise.all(Array.from({ length: REQUESTS }, send));
    const { executed } = await expectExactlyOnce(shop.database, 'race-1', responses, send);
    expect(executed).toBe(1);
  });
});

describe.each(PROVIDERS)('100 concurrent identical requests across 3 server processes on %s', (provider) => {
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  let cookie: string;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    // 100 concurrent requests on 3 instances: above the default concurrency bound, which would answer
    // some with 503 SERVER_BUSY — correct, but this suite is about the race, not backpressure.
    servers = await Promise.all([1, 2, 3].map(() => startServerProcess(database.url, { API_MAX_CONCURRENT_REQUESTS: '200' })));
    // Every instance verifies the session the first one issued: they share the signing key.
    cookie = await openSession(servers[0]!.url);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.drop();
  });

  it('executes exactly once', async () => {
    const send = (i = 0) => postMutation(servers[i % servers.length]!.url, 'checkout.placeOrder', { key: 'race-multi', body: order('ethiopia-guji', 2, SLOW_CARD), cookie });
    const responses = await Promise.all(Array.from({ length: REQUESTS }, (_, i) => send(i)));
    const { executed } = await expectExactlyOnce(database, 'race-multi', responses, () => send(1));
    expect(executed).toBe(1);
    expect((await database.db.product.findUniqueOrThrow({ where: { id: 'ethiopia-guji' } })).stock).toBe(118);
  });
});
