import { afterEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { readServerEnv } from '~/server/env';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import type { PaymentGateway } from '~/server/payments/payment-gateway';
import { simulatedGateway } from '~/server/payments/simulated-gateway';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { errorCode, getQuery, order } from './support/api';
import { openSession } from './support/session';

// Adversarial review of backpressure: tRPC answers a batch sent with `Accept: application/jsonl`
// (httpBatchStreamLink) with a streamed Response at once, before its procedures have run. The
// handler counts a request in flight until that Response exists, not until its work ends — so a
// streamed checkout is outside the concurrency bound, the drain and the request timeout.

/** The real simulated gateway, holding each charge until the test opens the gate. */
function gatedProvider(db: Parameters<typeof simulatedGateway>[0]) {
  const real = simulatedGateway(db);
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let entered!: () => void;
  const reached = new Promise<void>((resolve) => (entered = resolve));
  const gateway: PaymentGateway = {
    name: 'simulated',
    async charge(request) {
      entered();
      await gate;
      return real.charge(request);
    },
  };
  return { gateway, open, reached };
}

describe.each(PROVIDERS)('a streamed batch (Accept: application/jsonl) on %s', (provider) => {
  let database: TestDatabase | undefined;
  let api: ApiServer | undefined;
  afterEach(async () => {
    await api?.close();
    await database?.drop();
    [api, database] = [undefined, undefined];
  });

  it('counts as in flight until its checkout has finished: with a bound of 1, the next request is refused SERVER_BUSY', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    const provider_ = gatedProvider(database.db);
    api = await serveApi({ db: database.db, env: readServerEnv({ API_MAX_CONCURRENT_REQUESTS: '1' }), payments: provider_.gateway, provider });
    const cookie = await openSession(api.url);

    const streamed = fetch(`${api.url}/api/trpc/checkout.placeOrder?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'trpc-accept': 'application/jsonl', cookie, 'idempotency-key': '"stream-1"' },
      body: JSON.stringify({ 0: order('hario-v60') }),
    });
    // The checkout is under way: its order is reserved and its charge waits at the gate.
    await provider_.reached;

    const whileCharging = { inFlight: api.lifecycle.inFlight, next: await getQuery(api.url, 'catalog.list') };
    provider_.open();
    const body = await (await streamed).text();
    expect(body).toContain('PAID');
    expect(await database.db.order.count({ where: { status: 'PAID' } })).toBe(1);

    // One request works on the instance; with a bound of 1 the next one must be refused.
    expect([whileCharging.inFlight, whileCharging.next.status, errorCode(whileCharging.next.body)]).toEqual([1, 503, 'SERVER_BUSY']);
  });
});
