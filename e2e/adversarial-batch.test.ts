import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { order } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

// Adversarial review: a batch carries one key per operation in one header; the completer resumes
// the operation that failed under its own key, quotes and backslashes included.

const env = { IDEMPOTENCY_LOCK_TIMEOUT_MS: '1000', IDEMPOTENCY_COMPLETER_INTERVAL_MS: '200' };
const WITHIN = { timeout: 20_000, interval: 100 };

describe.each(PROVIDERS)('a batch with one operation abandoned on %s (real server process)', (provider) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('the completer finishes the failed operation under its own key (with a quote and a backslash); the batch retried replays both', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    server = await startServerProcess(database.url, env);
    const cookie = await openSession(server.url);
    const keys = ['b"1', 'b\\2'];
    const send = () =>
      fetch(`${server!.url}/api/trpc/checkout.placeOrder,checkout.placeOrder?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'idempotency-key': keys.map((k) => `"${k.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(', ') },
        body: JSON.stringify({ 0: order('hario-v60', 1, 'tok_visa'), 1: order('knock-box', 1, 'tok_failThenSucceed') }),
      });
    const first = await send();
    expect(first.status).toBe(207);
    const [ok, failed] = (await first.json()) as { error?: { data: { httpStatus: number } } }[];
    expect([ok?.error, failed?.error?.data.httpStatus]).toEqual([undefined, 503]);

    await expect.poll(async () => (await database!.db.idempotencyRecord.findFirst({ where: { key: keys[1] } }))?.status, WITHIN).toBe('COMPLETED');
    const again = await send();
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await database.db.order.count({ where: { status: 'PAID' } })).toBe(2);
    expect(await database.db.order.count()).toBe(2);
    expect(await database.db.gatewayCharge.count()).toBe(2);
  });
});
