import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { dataOf, errorCode, order, postMutation } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

/** Each charge takes this long, so a checkout is surely in flight when SIGTERM comes. */
const CHARGE_LATENCY_MS = 1_500;

describe.each(PROVIDERS)('SIGTERM on a real server process on %s', (provider) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('goes not-ready at once, refuses new requests with a retryable 503, finishes the checkout in flight, releases the leases, exits 0', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    // A short completer interval: the process holds its leases by the time the test sends SIGTERM.
    server = await startServerProcess(database.url, { ENABLE_GATEWAY_CHAOS: '1', GATEWAY_LATENCY_MS: String(CHARGE_LATENCY_MS), IDEMPOTENCY_COMPLETER_INTERVAL_MS: '200', LOG_LEVEL: 'silent' });
    const { url, child } = server;
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const cookie = await openSession(url);
    const holder = new RegExp(`:${child.pid}$`);
    while (!holder.test((await database.db.lease.findUnique({ where: { name: 'idempotency-completer' } }))?.holder ?? '')) await new Promise((r) => setTimeout(r, 50));

    const inFlight = postMutation(url, 'checkout.placeOrder', { key: 'drain-1', body: order('hario-v60'), cookie });
    // In flight: its order is reserved and the (slow) charge is under way.
    while ((await database.db.order.count()) === 0) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGTERM');

    // Readiness flips at once; a new request is refused, retryably, with Retry-After.
    let ready = await fetch(`${url}/api/health/ready`);
    while (ready.status === 200) ready = await fetch(`${url}/api/health/ready`); // the signal is delivered asynchronously
    expect([ready.status, ((await ready.json()) as { reason: string }).reason]).toEqual([503, 'shutting_down']);
    const refused = await postMutation(url, 'checkout.placeOrder', { key: 'drain-2', body: order('hario-v60'), cookie });
    expect([refused.status, errorCode(refused.body), refused.headers.get('retry-after')]).toEqual([503, 'SERVER_SHUTTING_DOWN', '1']);
    expect((JSON.parse(refused.body) as { error: { data: { retryable: boolean } } }).error.data.retryable).toBe(true);

    // The checkout in flight finishes and is answered.
    const done = await inFlight;
    expect(done.status).toBe(200);
    expect(dataOf<{ status: string }>(done).status).toBe('PAID');
    expect(await server.exited).toBe(0);
    expect(stdout).toMatch(/drained \{"drained":true,"leftInFlight":0/);

    // Exactly what ran: one order, paid; the refused key never reached the database.
    expect(await database.db.order.findMany({ select: { idempotencyKey: true, status: true } })).toEqual([{ idempotencyKey: 'drain-1', status: 'PAID' }]);
    expect(await database.db.idempotencyRecord.findMany({ select: { key: true, status: true } })).toEqual([{ key: 'drain-1', status: 'COMPLETED' }]);
    // The leases are handed over, not left to expire.
    const leases = await database.db.lease.findMany({ where: { holder: { endsWith: `:${child.pid}` } } });
    expect(leases.length).toBeGreaterThan(0);
    for (const lease of leases) expect(lease.expiresAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
