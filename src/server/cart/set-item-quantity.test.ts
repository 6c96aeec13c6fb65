import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../../prisma/seed';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { TRPCError } from '@trpc/server';
import { ShopError } from '../errors';
import { ensureCart, setItemQuantity, type SetItemQuantityInput } from './set-item-quantity';

const EDITORS = 6;
const ROUNDS = 5;

describe.each(PROVIDERS)('setItemQuantity under concurrent edits on %s', (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
  });
  afterAll(() => database?.drop());

  /** As the procedure runs it: the cart row first, then the conditional edit in a transaction. */
  async function edit(sessionId: string, input: SetItemQuantityInput) {
    await ensureCart(database.db, sessionId);
    return database.db.$transaction((tx) => setItemQuantity(tx, sessionId, input));
  }

  /** Each editor sets a different quantity of one product; exactly one must win, the rest 412. */
  async function race(sessionId: string, expectedVersion: number) {
    const results = await Promise.allSettled(
      Array.from({ length: EDITORS }, (_, i) => edit(sessionId, { productId: 'hario-v60', quantity: i + 1, expectedVersion })),
    );
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [codeOf(r.reason)] : []));
    expect(won).toHaveLength(1);
    expect(codes).toEqual(Array(EDITORS - 1).fill('CART_VERSION_STALE'));
    const cart = await database.db.cart.findUniqueOrThrow({ where: { sessionId }, include: { items: { where: { productId: 'hario-v60' } } } });
    expect(cart.version).toBe(expectedVersion + 1);
    // The stored line is the winner's, as it answered.
    expect(cart.items.map((i) => i.quantity)).toEqual(won[0]!.items.filter((i) => i.productId === 'hario-v60').map((i) => i.quantity));
  }

  it(`lets one of ${EDITORS} first edits of a new cart in and answers the others 412, never a unique violation`, async () => {
    for (let round = 0; round < ROUNDS; round++) await race(`first-edit-${round}`, 0);
    expect(await database.db.cart.count({ where: { sessionId: { startsWith: 'first-edit-' } } })).toBe(ROUNDS);
  });

  it(`lets one of ${EDITORS} edits of an existing cart version in`, async () => {
    await edit('existing', { productId: 'kinto-mug', quantity: 1, expectedVersion: 0 });
    for (let round = 1; round <= ROUNDS; round++) await race('existing', round);
  });
});

function codeOf(error: unknown): string {
  return error instanceof TRPCError && error.cause instanceof ShopError ? error.cause.code : String(error);
}
