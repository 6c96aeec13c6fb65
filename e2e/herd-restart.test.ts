import { createTRPCClient } from '@trpc/client';
import { idempotencyLink, idempotentHttpLink, memoryStorage } from '@idem/trpc-link';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import type { AppRouter } from '~/server/root';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { order } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { fetchWithSession, openSession } from './support/session';

/** The herd, shortened for CI: each shopper checks out once, through the real link. */
const SHOPPERS = 30;
/** The scenario: SIGKILL this long after each time the server answers ready. */
const KILL_AFTER_READY_MS = 1_000;
/** Bounds: the test ends, whatever happens. */
const MAX_RESTARTS = 25;
const SCENARIO_BUDGET_MS = 45_000;
const PRODUCT = 'aeropress-go';

const env = {
  // A killed request's key is taken over by its retry after this long (30 s in production).
  IDEMPOTENCY_LOCK_TIMEOUT_MS: '2000',
  // Each charge takes a while, so that kills land mid-checkout: after the gateway recorded the
  // charge, before the order is settled — the case that must resume and never charge twice.
  ENABLE_GATEWAY_CHAOS: '1',
  GATEWAY_LATENCY_MS: '500',
  // Fewer slots than shoppers: the herd meets the bound, and the link honours its Retry-After.
  API_MAX_CONCURRENT_REQUESTS: '8',
  LOG_LEVEL: 'silent',
};

/** Polls readiness until 200 (a real event: the process says it is warm) or the process dies. */
async function untilReady(server: ServerProcess): Promise<boolean> {
  let dead = false;
  void server.exited.then(() => (dead = true));
  while (!dead) {
    const ready = await fetch(`${server.url}/api/health/ready`).then((r) => r.status === 200, () => false);
    if (ready) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

describe.each(PROVIDERS)('a herd of shoppers through restarts on %s', (provider) => {
  let database: TestDatabase;
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    await database.db.product.update({ where: { id: PRODUCT }, data: { stock: 1_000 } });
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it(`completes all ${SHOPPERS} checkouts exactly once with a SIGKILL ~1 s after each ready`, { timeout: 60_000 }, async () => {
    server = await startServerProcess(database.url, env);
    const port = new URL(server.url).port;
    const url = server.url;
    const cookies = await Promise.all(Array.from({ length: SHOPPERS }, () => openSession(url)));

    // Every shopper at once, each with its own session and journal, retrying through the restarts.
    let settled = 0;
    const shoppers = cookies.map(async (cookie) => {
      const client = createTRPCClient<AppRouter>({
        links: [idempotencyLink({ storage: memoryStorage(), maxAttempts: 1_000, deadlineMs: SCENARIO_BUDGET_MS }), idempotentHttpLink({ url: `${url}/api/trpc`, fetch: fetchWithSession(cookie) })],
      });
      try {
        return { cookie, answer: await client.checkout.placeOrder.mutate(order(PRODUCT)) };
      } catch (error) {
        return { cookie, error };
      } finally {
        settled++;
      }
    });

    // The killer: ~1 s after each ready, SIGKILL; restart on the same port. Bounded in count and time.
    const startedAt = Date.now();
    let kills = 0;
    while (settled < SHOPPERS && kills < MAX_RESTARTS && Date.now() - startedAt < SCENARIO_BUDGET_MS) {
      if (await untilReady(server)) {
        const killAt = Date.now() + KILL_AFTER_READY_MS;
        while (settled < SHOPPERS && Date.now() < killAt) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      if (settled === SHOPPERS) break;
      server.child.kill('SIGKILL');
      await server.exited;
      kills++;
      server = await startServerProcess(database.url, { ...env, PORT: port });
    }
    const outcomes = await Promise.all(shoppers);
    console.info(`herd on ${provider}: ${SHOPPERS} shoppers, ${kills} kills, ${Date.now() - startedAt} ms`);

    expect(kills).toBeGreaterThan(0); // the scenario really restarted the server under the herd
    // Every shopper got an answer naming its order…
    const failures = outcomes.filter((o) => 'error' in o).map((o) => String((o as { error: unknown }).error));
    expect(failures).toEqual([]);
    // …and in the database: exactly one PAID order and one succeeded charge per shopper.
    const orders = await database.db.order.findMany({ include: { payments: true } });
    expect(orders).toHaveLength(SHOPPERS);
    const bySession = new Map(orders.map((o) => [o.sessionId, o]));
    expect(bySession.size).toBe(SHOPPERS);
    for (const outcome of outcomes) {
      const answer = (outcome as { answer: { orderId: string } }).answer;
      const mine = orders.find((o) => o.id === answer.orderId);
      expect(mine?.status).toBe('PAID');
    }
    const answered = new Set(outcomes.map((o) => (o as { answer: { orderId: string } }).answer.orderId));
    expect(answered.size).toBe(SHOPPERS);
    const charges = await database.db.gatewayCharge.findMany({ where: { status: 'succeeded' } });
    expect(charges).toHaveLength(SHOPPERS);
    expect(new Set(charges.map((c) => c.idempotencyKey))).toEqual(new Set(orders.flatMap((o) => o.payments.map((p) => p.providerIdempotencyKey))));
    expect(await database.db.idempotencyRecord.count({ where: { status: 'IN_PROGRESS' } })).toBe(0);
  });
});
