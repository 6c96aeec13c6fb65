import { describe, expect, it } from 'vitest';
import { createTestDatabase, PROVIDERS } from '~/test/test-database';
import type { Db } from '../db/create-db';
import { readServerEnv } from '../env';
import { createCaller } from '../root';
import { createContext } from '../trpc';
import { newOrderNumber } from '../checkout/order-number';

const OPS_TOKEN = 'ops-token-for-tests-0123456789-abcdef';

/** The operator, in-process: a request carrying the credential, on a server with OPS_TOKEN set. */
function operatorContext(db: Db) {
  const req = new Request('http://test/', { headers: { authorization: `Bearer ${OPS_TOKEN}` } });
  return createContext({ db, req, resHeaders: new Headers(), session: { id: 'operator', isNew: false }, env: readServerEnv({ OPS_TOKEN }) });
}

describe.each(PROVIDERS)('ops.idempotencyRecords on %s', (provider) => {
  it('lists records the completer gave up on under FLAGGED, with the reason and attempts, and no input', async () => {
    const database = await createTestDatabase(provider);
    try {
      const base = { scope: 'session-1', procedure: 'checkout.placeOrder', fingerprint: 'f', input: '{"secret":"input"}', expiresAt: new Date(Date.now() + 60_000) };
      await database.db.idempotencyRecord.create({ data: { ...base, key: 'stuck', recoveryPoint: 'order_created', completionAttempts: 6, flaggedAt: new Date(), flagReason: 'not finished after 5 attempts' } });
      await database.db.idempotencyRecord.create({ data: { ...base, key: 'fine' } });
      const ctx = operatorContext(database.db);
      const flagged = await createCaller(ctx).ops.idempotencyRecords({ status: 'FLAGGED' });
      expect(flagged).toHaveLength(1);
      expect(flagged[0]).toMatchObject({ keyPreview: 'stuck', recoveryPoint: 'order_created', completionAttempts: 6, flagReason: 'not finished after 5 attempts' });
      expect(JSON.stringify(flagged)).not.toContain('secret');
      expect(await createCaller(ctx).ops.idempotencyRecords({ status: 'IN_PROGRESS' })).toHaveLength(2);
    } finally {
      await database.drop();
    }
  });
});

describe.each(PROVIDERS)('ops.retryFlaggedRecord on %s', (provider) => {
  it('hands a flagged record back to the completer once, and leaves finished records alone', async () => {
    const database = await createTestDatabase(provider);
    try {
      const base = { scope: 's', procedure: 'checkout.placeOrder', fingerprint: 'f', input: '{}', expiresAt: new Date(Date.now() + 60_000), recoveryPoint: 'order_created' };
      const flagged = await database.db.idempotencyRecord.create({ data: { ...base, key: 'stuck', completionAttempts: 5, flaggedAt: new Date(), flagReason: 'gave up' } });
      const done = await database.db.idempotencyRecord.create({ data: { ...base, key: 'done', status: 'COMPLETED', flaggedAt: new Date() } });
      const ctx = operatorContext(database.db);
      const caller = createCaller(ctx);
      expect(await caller.ops.retryFlaggedRecord({ id: flagged.id })).toEqual({ handedBack: true });
      expect(await caller.ops.retryFlaggedRecord({ id: flagged.id })).toEqual({ handedBack: false });
      expect(await caller.ops.retryFlaggedRecord({ id: done.id })).toEqual({ handedBack: false });
      expect(await database.db.idempotencyRecord.findUniqueOrThrow({ where: { id: flagged.id } })).toMatchObject({ flaggedAt: null, flagReason: null, completionAttempts: 0 });
    } finally {
      await database.drop();
    }
  });
});

describe.each(PROVIDERS)('ops.reconciliation on %s', (provider) => {
  it('lists a paid order the gateway never charged, and nothing for a clean one', async () => {
    const database = await createTestDatabase(provider);
    try {
      const paid = (key: string) =>
        database.db.order.create({
          data: { number: newOrderNumber(), sessionId: 's', status: 'PAID', currency: 'USD', subtotalCents: 100, totalCents: 100, payments: { create: { provider: 'simulated', providerIdempotencyKey: key, amountCents: 100, currency: 'USD', status: 'SUCCEEDED' } } },
        });
      await paid('clean:charge');
      await database.db.gatewayCharge.create({ data: { idempotencyKey: 'clean:charge', token: 'tok_visa', amountCents: 100, currency: 'USD', status: 'succeeded', createdAt: new Date(Date.now() - 3_600_000) } });
      const unpaid = await paid('never-charged:charge');
      const report = await createCaller(operatorContext(database.db)).ops.reconciliation();
      expect(report.total).toBe(1);
      expect(report.mismatches).toEqual([expect.objectContaining({ kind: 'paid_order_without_charge', orderId: unpaid.id, amountCents: 100 })]);
    } finally {
      await database.drop();
    }
  });
});
