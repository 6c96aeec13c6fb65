import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '~/test/test-database';
import { createDb, type Db } from './create-db';

// Adversarial review, round two: the SQLite gate hands the one connection to one caller at a time.
// Each way a caller can let go of it abnormally must still hand it on — or every later statement
// of the process waits for ever.

describe('the SQLite gate is handed on however a transaction ends', () => {
  let database: TestDatabase;
  let db: Db;
  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    db = createDb(database.url);
  });
  afterEach(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  it('a transaction that times out while its callback waits on the outer client releases the connection; the outer write commits alone', async () => {
    const transaction = db.$transaction(
      async (tx) => {
        await tx.cart.create({ data: { sessionId: 'inside-1' } });
        // A mistake: the outer client inside the callback. It waits for this transaction to end.
        await db.cart.create({ data: { sessionId: 'outside' } });
        await tx.cart.create({ data: { sessionId: 'inside-2' } });
      },
      { timeout: 300 },
    );
    await expect(transaction).rejects.toMatchObject({ code: 'P2028' });
    expect((await db.cart.findMany({ orderBy: { sessionId: 'asc' } })).map((c) => c.sessionId)).toEqual(['outside']);
    await db.$transaction(async (tx) => tx.cart.create({ data: { sessionId: 'after' } }));
    expect(await db.cart.count()).toBe(2);
  });

  it('a transaction that gave up waiting (maxWait) does not keep the connection when its turn comes', async () => {
    let letGo!: () => void;
    const held = new Promise<void>((resolve) => (letGo = resolve));
    const holder = db.$transaction(
      async (tx) => {
        await tx.cart.create({ data: { sessionId: 'holder' } });
        await held;
      },
      { timeout: 10_000 },
    );
    // Queued behind the holder, it gives up after 50 ms; its BEGIN is still queued on the gate.
    const impatient = db.$transaction(async (tx) => tx.cart.create({ data: { sessionId: 'impatient' } }), { maxWait: 50 });
    await expect(impatient).rejects.toMatchObject({ code: 'P2028' });
    letGo();
    await holder;
    // Statements and transactions after it still run, and the abandoned transaction wrote nothing.
    await db.cart.create({ data: { sessionId: 'plain' } });
    await db.$transaction(async (tx) => tx.cart.create({ data: { sessionId: 'tx' } }), { maxWait: 2_000 });
    expect((await db.cart.findMany({ orderBy: { sessionId: 'asc' } })).map((c) => c.sessionId)).toEqual(['holder', 'plain', 'tx']);
  });

  it('a statement that throws, inside or outside a transaction, releases the connection', async () => {
    await db.cart.create({ data: { sessionId: 'taken' } });
    await expect(db.cart.create({ data: { sessionId: 'taken' } })).rejects.toMatchObject({ code: 'P2002' });
    await expect(db.$transaction(async (tx) => tx.cart.create({ data: { sessionId: 'taken' } }))).rejects.toMatchObject({ code: 'P2002' });
    await expect(db.$executeRawUnsafe('SELECT * FROM no_such_table')).rejects.toBeDefined();
    await db.$transaction(async (tx) => tx.cart.create({ data: { sessionId: 'after' } }), { maxWait: 2_000 });
    expect(await db.cart.count()).toBe(2);
  });
});
