import { describe, expect, it } from 'vitest';
import { seed } from '../../../prisma/seed';
import { createTestDatabase, PROVIDERS } from '~/test/test-database';
import { findMismatches } from './find-mismatches';
import { newOrderNumber } from '../checkout/order-number';

const OLD = new Date('2030-01-01T00:00:00Z');
const NOW = () => new Date('2030-01-01T01:00:00Z');

describe.each(PROVIDERS)('findMismatches on %s', (provider) => {
  it('finds a double charge, a paid order without a charge and a wrong amount; a clean order and a young charge are not mismatches', async () => {
    const database = await createTestDatabase(provider);
    const { db } = database;
    try {
      await seed(db);
      const order = async (key: string, status: 'PAID' | 'AWAITING_PAYMENT', totalCents = 2750) =>
        db.order.create({
          data: {
            number: newOrderNumber(),
            sessionId: 's',
            status,
            currency: 'USD',
            subtotalCents: totalCents,
            totalCents,
            payments: { create: { provider: 'simulated', providerIdempotencyKey: key, amountCents: totalCents, currency: 'USD', status: status === 'PAID' ? 'SUCCEEDED' : 'PENDING' } },
          },
        });
      const charge = (key: string, amountCents = 2750, createdAt = OLD) =>
        db.gatewayCharge.create({ data: { idempotencyKey: key, token: 'tok_visa', amountCents, currency: 'USD', status: 'succeeded', createdAt } });

      await order('clean:charge', 'PAID');
      await charge('clean:charge');
      const doubled = await order('double:charge', 'PAID');
      await charge('double:charge');
      const second = await charge('double-again:charge'); // the same purchase charged under another key
      const unpaid = await order('nocharge:charge', 'PAID');
      const wrong = await order('wrong:charge', 'PAID', 5500);
      const wrongCharge = await charge('wrong:charge', 2750);
      await order('young:charge', 'AWAITING_PAYMENT');
      await charge('young:charge', 2750, new Date(NOW().getTime() - 1_000)); // still settling

      const found = await findMismatches(db, { now: NOW, pageSize: 2 });
      expect(found.map(({ kind, chargeId, orderId }) => ({ kind, chargeId, orderId })).sort((a, b) => a.kind.localeCompare(b.kind))).toEqual([
        { kind: 'amount_differs', chargeId: wrongCharge.id, orderId: wrong.id },
        { kind: 'charge_without_paid_order', chargeId: second.id, orderId: null },
        { kind: 'paid_order_without_charge', chargeId: null, orderId: unpaid.id },
      ]);
      expect(doubled.status).toBe('PAID');
    } finally {
      await database.drop();
    }
  });
});
