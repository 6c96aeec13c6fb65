import { describe, expect, it } from 'vitest';
import { createTestDatabase, PROVIDERS } from '~/test/test-database';
import { simulatedGateway } from './simulated-gateway';

const request = (key: string, token: string) => ({ idempotencyKey: key, token, amountCents: 1234, currency: 'USD' });

describe.each(PROVIDERS)('the simulated gateway on %s', (provider) => {
  it('knows its cards: each answer names the brand and last four digits; an unknown token is refused and nothing is recorded', async () => {
    const database = await createTestDatabase(provider);
    const slept: number[] = [];
    const gateway = simulatedGateway(database.db, { random: () => 1, sleep: async (ms) => void slept.push(ms) });
    try {
      expect(await gateway.charge(request('k-visa', 'tok_visa'))).toMatchObject({ status: 'succeeded', card: { brand: 'Visa', last4: '4242' } });
      expect(await gateway.charge(request('k-mc', 'tok_mastercard'))).toMatchObject({ status: 'succeeded', card: { brand: 'Mastercard', last4: '4444' } });
      expect(await gateway.charge(request('k-poor', 'tok_chargeDeclinedInsufficientFunds'))).toMatchObject({ status: 'declined', declineCode: 'insufficient_funds', card: { brand: 'Visa', last4: '9995' } });
      expect(await gateway.charge(request('k-slow', 'tok_slow'))).toMatchObject({ status: 'succeeded', card: { last4: '3220' } });
      expect(slept).toEqual([2_000]);
      for (const token of ['tok_unknown', 'toString', '__proto__']) expect(await gateway.charge(request(`k-${token}`, token)), token).toEqual({ status: 'invalid_token' });
      expect((await database.db.gatewayCharge.findMany({ orderBy: { idempotencyKey: 'asc' } })).map((c) => [c.idempotencyKey, c.status])).toEqual([
        ['k-mc', 'succeeded'],
        ['k-poor', 'declined'],
        ['k-slow', 'succeeded'],
        ['k-visa', 'succeeded'],
      ]);
      // The same key is the same charge, never a second one.
      const again = await gateway.charge(request('k-visa', 'tok_visa'));
      expect([again.status, await database.db.gatewayCharge.count()]).toEqual(['succeeded', 4]);
    } finally {
      await database.drop();
    }
  });
});
