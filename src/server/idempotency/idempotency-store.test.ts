import { prismaLeases, prismaStore } from '@idem/trpc-server';
import { describeStoreContract } from '@idem/trpc-server/testing';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../prisma/catalog';
import { seed } from '../../../prisma/seed';
import type { Tx } from '~/server/db/tx';
import { createTestDatabase, PROVIDERS } from '~/test/test-database';

// The package's store contract, on the real database of each engine, each test on a fresh database.
describe.each(PROVIDERS)('prismaStore on %s', (provider) => {
  describeStoreContract(`prismaStore (${provider})`, async () => {
    const database = await createTestDatabase(provider);
    return { store: prismaStore({ db: database.db }), leases: prismaLeases({ db: database.db }), cleanup: () => database.drop() };
  });
});

describe('prismaStore on postgresql: a deadlock inside a fenced transaction', () => {
  it('is run again, so both requests commit and neither becomes a 500', async () => {
    const database = await createTestDatabase('postgresql');
    try {
      await seed(database.db);
      const store = prismaStore<Tx>({ db: database.db });
      const claim = async (key: string) => {
        const result = await store.insert({ scope: 's', key, procedure: 'p', fingerprint: 'f', input: null, lockToken: key, lockedUntil: new Date(Date.now() + 60_000), expiresAt: new Date(Date.now() + 120_000) });
        if (!result.inserted) throw new Error('expected a fresh record');
        return result.record;
      };
      // Each transaction takes one product's row lock, waits until the other holds the other
      // product's, then asks for it: a lock cycle PostgreSQL breaks by aborting one of them.
      let arrived = 0;
      let bothHoldOne!: () => void;
      const barrier = new Promise<void>((resolve) => (bothHoldOne = resolve));
      const runs = { a: 0, b: 0 };
      const crossing = (name: 'a' | 'b', first: string, second: string) => async (tx: Tx) => {
        runs[name]++;
        await tx.product.update({ where: { id: first }, data: { stock: { decrement: 1 } } });
        if (runs[name] === 1 && ++arrived === 2) bothHoldOne();
        if (runs[name] === 1) await barrier;
        await tx.product.update({ where: { id: second }, data: { stock: { decrement: 1 } } });
        return name;
      };
      const update = () => ({ lockedUntil: new Date(Date.now() + 60_000), recoveryPoint: 'moved', phaseData: '{}' });
      const [a, b] = [await claim('a'), await claim('b')];
      const results = await Promise.all([store.fenced(a, crossing('a', 'hario-v60', 'baratza-encore'), update), store.fenced(b, crossing('b', 'baratza-encore', 'hario-v60'), update)]);
      expect(results).toEqual(['a', 'b']);
      expect(runs.a + runs.b).toBe(3); // one of the two was aborted once and run again
      const stock = await database.db.product.findMany({ where: { id: { in: ['hario-v60', 'baratza-encore'] } } });
      const seeded = catalog.filter((p) => p.id === 'hario-v60' || p.id === 'baratza-encore');
      expect(stock.map((p) => p.stock).sort()).toEqual(seeded.map((p) => p.stock - 2).sort());
    } finally {
      await database.drop();
    }
  });
});
