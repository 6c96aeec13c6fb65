import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { order, postMutation } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

// Adversarial review of the SIGTERM drain: API_SHUTDOWN_TIMEOUT_MS bounds the wait for requests,
// but `release` (background.stop()) then awaits the completer's whole run — up to 20 abandoned
// checkouts resumed one after the other, each with its charge — with no bound and without the
// completer ever looking at the stop. A backlog of slow charges keeps a SIGTERMed instance alive
// for the whole backlog (a k8s grace period ends in SIGKILL, the leases never handed over).

const SHOPPERS = 6;
const CHARGE_LATENCY_MS = '1500';
const common = { ENABLE_GATEWAY_CHAOS: '1', GATEWAY_LATENCY_MS: CHARGE_LATENCY_MS, IDEMPOTENCY_LOCK_TIMEOUT_MS: '1000', LOG_LEVEL: 'silent' };

describe.each(PROVIDERS)('SIGTERM while the completer works through a backlog on %s (real server processes)', (provider) => {
  let database: TestDatabase | undefined;
  const servers: ServerProcess[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
    await database?.drop();
  });

  it('starts no further resumption after SIGTERM: the instance exits after the one in flight, leaving the rest to the next instance', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    await database.db.product.updateMany({ data: { stock: 1_000 } });

    // A crashed instance leaves SHOPPERS checkouts reserved, their charges never answered.
    const crashed = await startServerProcess(database.url, { ...common, IDEMPOTENCY_COMPLETER_INTERVAL_MS: '3600000' });
    servers.push(crashed);
    const cookie = await openSession(crashed.url);
    const pending = Array.from({ length: SHOPPERS }, (_, i) => postMutation(crashed.url, 'checkout.placeOrder', { key: `backlog-${i}`, body: order('hario-v60'), cookie }).catch(() => null));
    while ((await database.db.order.count()) < SHOPPERS) await new Promise((r) => setTimeout(r, 25));
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    await Promise.all(pending);

    // The next instance's completer takes the backlog over, one slow charge after the other.
    const next = await startServerProcess(database.url, { ...common, IDEMPOTENCY_COMPLETER_INTERVAL_MS: '200', API_SHUTDOWN_TIMEOUT_MS: '500' });
    servers.push(next);
    while ((await database.db.order.count({ where: { status: 'PAID' } })) === 0) await new Promise((r) => setTimeout(r, 25));
    const paidAtSigterm = await database.db.order.count({ where: { status: 'PAID' } });
    next.child.kill('SIGTERM');
    expect(await next.exited).toBe(0);

    // At most the resumption in flight (and one finishing as the signal travelled) completes after SIGTERM.
    const paidAtExit = await database.db.order.count({ where: { status: 'PAID' } });
    expect(paidAtExit).toBeLessThanOrEqual(paidAtSigterm + 2);
    expect(await database.db.gatewayCharge.count()).toBeLessThanOrEqual(SHOPPERS);
  });
});
