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

// Replays are counted in memory and written in batches; the count must still reach the database.
describe.each(PROVIDERS)('prismaStore on %s: buffered replay counts', (provider) => {
  it('writes the replays of each record as one increment on flush, and ignores a record gone meanwhile', async () => {
    const database = await createTestDatabase(provider);
    try {
      const store = prismaStore<Tx>({ db: database.db, replayFlushMs: 3_600_000 });
      const completed = async (key: string) => {
        const result = await store.insert({ scope: 's', key, procedure: 'p', fingerprint: 'f', input: null, lockToken: key, lockedUntil: new Date(Date.now() + 60_000), expiresAt: new Date(Date.now() + 120_000) });
        if (!result.inserted) throw new Error('expected a fresh record');
        const response = { status: 200, body: '{"result":null}' };
        await store.fenced(result.record, async () => null, () => ({ lockedUntil: new Date(Date.now() + 60_000), response }));
        return result.record;
      };
      const [a, b] = [await completed('a'), await completed('b')];
      const gone = await store.insert({ scope: 's', key: 'gone', procedure: 'p', fingerprint: 'f', input: null, lockToken: 'g', lockedUntil: new Date(Date.now() + 60_000), expiresAt: new Date(Date.now() + 120_000) });
      if (!gone.inserted) throw new Error('expected a fresh record');
      await store.release(gone.record);
      const last = new Date('2030-01-01T00:00:03.000Z');
      for (const at of [new Date('2030-01-01T00:00:01.000Z'), last, new Date('2030-01-01T00:00:02.000Z')]) await store.recordReplay({ id: a.id, at });
      await store.recordReplay({ id: b.id, at: last });
      await store.recordReplay({ id: gone.record.id, at: last });
      const counts = async () => (await database.db.idempotencyRecord.findMany({ orderBy: { key: 'asc' } })).map((r) => [r.key, r.replayCount, r.lastReplayedAt?.toISOString() ?? null]);
      expect(await counts()).toEqual([['a', 0, null], ['b', 0, null]]); // buffered: no write per replay
      await store.flushReplays?.();
      expect(await counts()).toEqual([['a', 3, last.toISOString()], ['b', 1, last.toISOString()]]);
      await store.recordReplay({ id: a.id, at: last });
      await store.flushReplays?.();
      expect(await counts()).toEqual([['a', 4, last.toISOString()], ['b', 1, last.toISOString()]]);
    } finally {
      await database.drop();
    }
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
