import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { order } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

// Adversarial review of the SIGTERM drain: a batch sent with `Accept: application/jsonl` is
// answered by tRPC with a streamed Response before its procedures run, so the handler counts it
// out of flight at once. SIGTERM then finds nothing to wait for and exits in the middle of the
// checkout: the client's stream is cut and the order is left reserved, unpaid, its key held.

/** Each charge takes this long, so a checkout is surely in flight when SIGTERM comes. */
const CHARGE_LATENCY_MS = 1_500;

describe.each(PROVIDERS)('SIGTERM during a streamed checkout on %s (real server process)', (provider) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('waits for the streamed checkout in flight: it is answered PAID before the process exits', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    server = await startServerProcess(database.url, { ENABLE_GATEWAY_CHAOS: '1', GATEWAY_LATENCY_MS: String(CHARGE_LATENCY_MS), LOG_LEVEL: 'silent' });
    const { url, child } = server;
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const cookie = await openSession(url);

    const response = await fetch(`${url}/api/trpc/checkout.placeOrder?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'trpc-accept': 'application/jsonl', cookie, 'idempotency-key': '"drain-stream-1"' },
      body: JSON.stringify({ 0: order('hario-v60') }),
    });
    const body = response.text().catch((error: unknown) => `stream cut: ${String(error)}`);
    // In flight: its order is reserved and the (slow) charge is under way.
    while ((await database.db.order.count()) === 0) await new Promise((r) => setTimeout(r, 25));
    child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const report = /drained (\{.*\})/.exec(stdout)?.[1];
    const answered = await body;
    const orders = await database.db.order.findMany({ select: { status: true } });
    const records = await database.db.idempotencyRecord.findMany({ select: { key: true, status: true } });
    expect({ report: JSON.parse(report ?? '{}') as unknown, paidInStream: answered.includes('"PAID"'), orders, records }).toEqual({
      report: expect.objectContaining({ drained: true, leftInFlight: 0 }),
      paidInStream: true,
      orders: [{ status: 'PAID' }],
      records: [{ key: 'drain-stream-1', status: 'COMPLETED' }],
    });
  });
});
