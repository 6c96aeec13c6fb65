import { describe, expect, it } from 'vitest';
import { seed } from '../../../prisma/seed';
import { createTestDatabase, PROVIDERS } from '~/test/test-database';
import { findMismatches } from './find-mismatches';
import { newOrderNumber } from '../checkout/order-number';

const OLD = new Date('2030-01-01T00:00:00Z');
const NOW = () => new Date('2030-01-01T01:00:00Z');

describe.each(PROVIDERS)('findMismatches on %s', (provider) => {
  it('finds a double charge, a paid order without a charge, a wrong amount and an order charged by two attempts; a clean order, a declined-then-paid order and a young charge are not mismatches', async () => {
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

      // Several attempts on one order: a declined one then a paid one is clean; a PAID order whose
      // other attempt was charged too, or with two SUCCEEDED attempts, was charged more than once.
      const attempts = async (key: string, statuses: ('DECLINED' | 'SUCCEEDED' | 'PENDING')[]) =>
        db.order.create({
          data: {
            number: newOrderNumber(),
            sessionId: 's',
            status: 'PAID',
            currency: 'USD',
            subtotalCents: 2750,
            totalCents: 2750,
            paymentAttempts: statuses.length,
            payments: { create: statuses.map((status, i) => ({ attempt: i + 1, provider: 'simulated', providerIdempotencyKey: `${key}-${i + 1}:charge`, amountCents: 2750, currency: 'USD', status })) },
          },
        });
      const declinedCharge = (key: string) =>
        db.gatewayCharge.create({ data: { idempotencyKey: key, token: 'tok_chargeDeclined', amountCents: 2750, currency: 'USD', status: 'declined', declineCode: 'generic_decline', createdAt: OLD } });
      await attempts('retried', ['DECLINED', 'SUCCEEDED']);
      await declinedCharge('retried-1:charge');
      await charge('retried-2:charge');
      const twice = await attempts('twice', ['PENDING', 'SUCCEEDED']);
      const extra = await charge('twice-1:charge'); // the first attempt's charge went through after all
      await charge('twice-2:charge');
      const twoSucceeded = await attempts('two-succeeded', ['SUCCEEDED', 'SUCCEEDED']);
      await charge('two-succeeded-1:charge');
      await charge('two-succeeded-2:charge');

      const found = await findMismatches(db, { now: NOW, pageSize: 2 });
      expect(found.map(({ kind, chargeId, orderId }) => ({ kind, chargeId, orderId })).sort((a, b) => a.kind.localeCompare(b.kind) || String(a.chargeId).localeCompare(String(b.chargeId)))).toEqual([
        { kind: 'amount_differs', chargeId: wrongCharge.id, orderId: wrong.id },
        { kind: 'charge_without_paid_order', chargeId: second.id, orderId: null },
        { kind: 'order_charged_more_than_once', chargeId: extra.id, orderId: twice.id },
        { kind: 'order_charged_more_than_once', chargeId: null, orderId: twoSucceeded.id },
        { kind: 'paid_order_without_charge', chargeId: null, orderId: unpaid.id },
      ]);
      expect(doubled.status).toBe('PAID');
    } finally {
      await database.drop();
    }
  });
});
