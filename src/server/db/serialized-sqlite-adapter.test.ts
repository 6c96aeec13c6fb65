import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '~/test/test-database';
import { createDb, type Db } from './create-db';

const PRODUCT = { id: 'p1', sku: 'SKU-1', name: 'Product', description: '', priceCents: 100, stock: 10 };

/** Thrown inside a transaction to roll it back. */
class Rollback extends Error {}

/**
 * On SQLite the app shares one connection. A statement issued while another caller's interactive
 * transaction is open must not run inside it: not see its uncommitted rows, not be rolled back with it.
 */
describe('the SQLite client: statements outside a transaction never join one', () => {
  let database: TestDatabase;
  let db: Db;
  /** Resolves when the client reports a caller waiting for the connection. */
  let waits: { count: number; next: Promise<void> };
  let signal: () => void;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    const arm = () => (waits.next = new Promise<void>((resolve) => (signal = resolve)));
    waits = { count: 0, next: Promise.resolve() };
    arm();
    db = createDb(database.url, { sqlite: { onWait: () => (waits.count++, signal(), arm()) } });
    await db.product.create({ data: PRODUCT });
  });
  afterEach(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('an outside insert survives a rollback, and an outside read never sees the uncommitted row', async () => {
    let outside: Promise<[number | undefined, unknown]> | undefined;
    const transaction = db.$transaction(async (tx) => {
      await tx.product.update({ where: { id: PRODUCT.id }, data: { stock: 999 } });
      await tx.cart.create({ data: { sessionId: 'inside' } });
      // Another request, outside this transaction, while it is open.
      outside = Promise.all([
        db.product.findUnique({ where: { id: PRODUCT.id } }).then((p) => p?.stock),
        db.cart.create({ data: { sessionId: 'outside' } }),
      ]);
      // Either the outside statements queue behind this transaction (the fix), or they run inside
      // it and finish (the bug); roll back once one of the two has happened.
      await Promise.race([outside, waits.next]);
      throw new Rollback();
    });

    await expect(transaction).rejects.toBeInstanceOf(Rollback);
    const [stockSeenOutside] = await outside!;
    expect(stockSeenOutside).toBe(PRODUCT.stock);
    expect((await db.cart.findMany({ orderBy: { sessionId: 'asc' } })).map((c) => c.sessionId)).toEqual(['outside']);
    expect((await db.product.findUniqueOrThrow({ where: { id: PRODUCT.id } })).stock).toBe(PRODUCT.stock);
    expect(waits.count).toBeGreaterThan(0);
  });

  it('keeps every outside write when concurrent transactions roll back', async () => {
    const ROUNDS = 50;
    const work = Array.from({ length: ROUNDS }, (_, i) => [
      // A transaction that writes, yields, and rolls back...
      db
        .$transaction(async (tx) => {
          await tx.product.update({ where: { id: PRODUCT.id }, data: { priceCents: { increment: 1000 } } });
          await tx.cart.create({ data: { sessionId: `rolled-back-${i}` } });
          throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        }),
      // ...interleaved with single statements that must all commit.
      db.product.update({ where: { id: PRODUCT.id }, data: { stock: { increment: 1 } } }),
      db.cart.create({ data: { sessionId: `kept-${i}` } }),
    ]).flat();
    await Promise.all(work);

    const product = await db.product.findUniqueOrThrow({ where: { id: PRODUCT.id } });
    expect([product.stock, product.priceCents]).toEqual([PRODUCT.stock + ROUNDS, PRODUCT.priceCents]);
    expect(await db.cart.count({ where: { sessionId: { startsWith: 'kept-' } } })).toBe(ROUNDS);
    expect(await db.cart.count({ where: { sessionId: { startsWith: 'rolled-back-' } } })).toBe(0);
  });

  it('still runs batch and interactive transactions atomically', async () => {
    await db.$transaction([db.cart.create({ data: { sessionId: 'batch-1' } }), db.cart.create({ data: { sessionId: 'batch-2' } })]);
    await expect(db.$transaction([db.cart.create({ data: { sessionId: 'batch-3' } }), db.cart.create({ data: { sessionId: 'batch-1' } })])).rejects.toMatchObject({
      code: 'P2002',
    });
    expect((await db.cart.findMany({ orderBy: { sessionId: 'asc' } })).map((c) => c.sessionId)).toEqual(['batch-1', 'batch-2']);
  });
});
