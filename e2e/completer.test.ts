import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { errorCode, order, postMutation } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

/**
 * Short timings, so that abandoned requests are found and finished within the test. The lock also
 * bounds each database transaction (to half of it): 3 s leaves a loaded CI machine room for five
 * concurrent checkouts of one product, where 1 s sometimes expired a transaction (a 500: an unknown
 * outcome, correct but not what this test is about).
 */
const LOCK_TIMEOUT_MS = 3_000;
const INTERVAL_MS = 200;
const LEASE_TTL_MS = 3 * INTERVAL_MS;
const env = { IDEMPOTENCY_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS), IDEMPOTENCY_COMPLETER_INTERVAL_MS: String(INTERVAL_MS) };
/** How long to wait for the completer: the lock, the lease moving, two runs (the first charge answer is lost), with room for a slow machine. */
const WITHIN = { timeout: 20_000, interval: 100 };

describe.each(PROVIDERS)('the completer on %s (real server processes)', (provider) => {
  let database: TestDatabase | undefined;
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.stop()));
    await database?.drop();
  });

  async function start(): Promise<ServerProcess> {
    const server = await startServerProcess(database!.url, env);
    servers.push(server);
    return server;
  }

  it('finishes a checkout whose client got a 503 and never retried: PAID, stock kept once, and a late retry replays it', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    const server = await start();
    const cookie = await openSession(server.url);
    const body = order('limited-gesha', 3, 'tok_failThenSucceed');

    const abandoned = await postMutation(server.url, 'checkout.placeOrder', { key: 'abandoned-1', body, cookie });
    expect(abandoned.status).toBe(503);
    expect(errorCode(abandoned.body)).toBe('PAYMENT_PROVIDER_UNAVAILABLE');

    await expect.poll(async () => (await database!.db.order.findFirst({ where: { idempotencyKey: 'abandoned-1' } }))?.status, WITHIN).toBe('PAID');
    const record = await database.db.idempotencyRecord.findFirstOrThrow({ where: { key: 'abandoned-1' } });
    expect(record).toMatchObject({ status: 'COMPLETED', responseStatus: 200, flaggedAt: null });

    const late = await postMutation(server.url, 'checkout.placeOrder', { key: 'abandoned-1', body, cookie });
    expect(late.status).toBe(200);
    expect(late.headers.get('idempotent-replayed')).toBe('true');
    expect(await database.db.order.count()).toBe(1);
    expect(await database.db.gatewayCharge.count({ where: { status: 'succeeded' } })).toBe(1);
    expect((await database.db.product.findUniqueOrThrow({ where: { id: 'limited-gesha' } })).stock).toBe(0);
  });

  it('moves to the other instance when the lease holder is SIGKILLed; every abandoned order is finished once', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    const [a, b] = [await start(), await start()];
    const lease = () => database!.db.lease.findUnique({ where: { name: 'idempotency-completer' } });
    await expect.poll(async () => (await lease())?.holder, WITHIN).toMatch(/:\d+$/);
    const holderPid = Number((await lease())!.holder.split(':').at(-1));
    const [victim, survivor] = holderPid === a.child.pid ? [a, b] : [b, a];
    expect(victim.child.pid).toBe(holderPid);

    // Abandon five checkouts on the survivor, then kill the lease holder before it can finish them.
    const cookie = await openSession(survivor.url);
    const keys = ['a-1', 'a-2', 'a-3', 'a-4', 'a-5'];
    const answers = await Promise.all(keys.map((key) => postMutation(survivor.url, 'checkout.placeOrder', { key, body: order('hario-v60', 1, 'tok_failThenSucceed'), cookie })));
    expect(answers.map((a) => a.status)).toEqual([503, 503, 503, 503, 503]);
    victim.child.kill('SIGKILL');
    expect(await victim.exited).toBe('SIGKILL');
    const killedAt = Date.now();

    await expect.poll(async () => (await lease())?.holder.endsWith(`:${survivor.child.pid}`), WITHIN).toBe(true);
    const tookOverMs = Date.now() - killedAt;
    await expect.poll(() => database!.db.order.count({ where: { status: 'PAID' } }), WITHIN).toBe(5);

    expect(await database.db.order.count()).toBe(5);
    expect(await database.db.gatewayCharge.count()).toBe(5);
    const records = await database.db.idempotencyRecord.findMany({ where: { key: { in: keys } } });
    expect(records.map((r) => r.status)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    // The lease expires LEASE_TTL_MS after its last renewal; the survivor checks every INTERVAL_MS.
    console.log(`${provider}: lease moved ${tookOverMs} ms after the SIGKILL (lease TTL ${LEASE_TTL_MS} ms)`);
  });
});
