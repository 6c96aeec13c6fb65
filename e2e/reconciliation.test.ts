import { afterEach, describe, expect, it } from 'vitest';
import { parsePrometheusText, series } from '~/server/observability/prometheus-text.test-support';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { newOrderNumber } from '~/server/checkout/order-number';

const OPS_TOKEN = 'ops-token-for-reconciliation-tests-0123';

describe.each(PROVIDERS)('reconciliation as a lease-elected job on %s (real server process)', (provider) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('exports a paid order without a charge as a mismatch metric, and lists it on ops.reconciliation', async () => {
    database = await createTestDatabase(provider);
    const order = await database.db.order.create({
      data: { number: newOrderNumber(), sessionId: 's', status: 'PAID', currency: 'USD', subtotalCents: 100, totalCents: 100, payments: { create: { provider: 'simulated', providerIdempotencyKey: 'never-charged:charge', amountCents: 100, currency: 'USD', status: 'SUCCEEDED' } } },
    });
    server = await startServerProcess(database.url, { OPS_TOKEN, RECONCILIATION_INTERVAL_MS: '200', RECONCILIATION_GRACE_MS: '1000' });
    const scrape = async () => parsePrometheusText(await (await fetch(`${server!.url}/api/metrics`, { headers: { authorization: `Bearer ${OPS_TOKEN}` } })).text());

    await expect.poll(async () => (await scrape()).get(series('idem_reconciliation_mismatches', { kind: 'paid_order_without_charge' })), { timeout: 15_000, interval: 100 }).toBe(1);
    const samples = await scrape();
    expect(samples.get(series('idem_reconciliation_mismatches', { kind: 'charge_without_paid_order' }))).toBe(0);
    expect(samples.get('idem_reconciliation_last_run_timestamp_seconds')).toBeGreaterThan(0);
    const lease = await database.db.lease.findUnique({ where: { name: 'reconciliation' } });
    expect(lease?.holder).toMatch(new RegExp(`:${server.child.pid}$`));

    const listed = await fetch(`${server.url}/api/trpc/ops.reconciliation`, { headers: { authorization: `Bearer ${OPS_TOKEN}` } });
    expect(await listed.json()).toMatchObject({ result: { data: { total: 1, mismatches: [{ kind: 'paid_order_without_charge', orderId: order.id }] } } });
  });
});
