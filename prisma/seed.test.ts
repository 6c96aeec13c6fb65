import { describe, expect, it } from 'vitest';
import { createTestDatabase, PROVIDERS } from '~/test/test-database';
import { catalog } from './catalog';
import { seed } from './seed';

describe.each(PROVIDERS)('seed on %s', (provider) => {
  it('creates the catalog once; running it again changes nothing', async () => {
    const database = await createTestDatabase(provider);
    try {
      expect(await seed(database.db)).toEqual({ created: catalog.length, updated: 0 });
      const first = await database.db.product.findMany({ orderBy: { id: 'asc' } });
      expect(await seed(database.db)).toEqual({ created: 0, updated: 0 });
      expect(await database.db.product.findMany({ orderBy: { id: 'asc' } })).toEqual(first);
    } finally {
      await database.drop();
    }
  });

  it('brings an older database in line with the catalog (aisle, image, words, price) and leaves its stock alone', async () => {
    const database = await createTestDatabase(provider);
    try {
      await seed(database.db);
      // As a database seeded before products had images and aisles, where some stock was sold.
      await database.db.product.updateMany({ data: { imageUrl: null, category: 'ACCESSORIES' } });
      await database.db.product.update({ where: { id: 'kenya-nyeri' }, data: { name: 'Kenya (old name)', priceCents: 1, stock: 2 } });
      const sold = await database.db.product.findMany({ select: { id: true, stock: true }, orderBy: { id: 'asc' } });

      const notAccessories = catalog.filter((p) => p.category !== 'ACCESSORIES').length;
      expect(await seed(database.db)).toEqual({ created: 0, updated: catalog.length });
      expect(notAccessories).toBeGreaterThan(0);
      for (const product of catalog) {
        const row = await database.db.product.findUniqueOrThrow({ where: { id: product.id } });
        expect(row, product.id).toMatchObject({ name: product.name, description: product.description, category: product.category, imageUrl: product.imageUrl, priceCents: product.priceCents });
      }
      expect(await database.db.product.findMany({ select: { id: true, stock: true }, orderBy: { id: 'asc' } })).toEqual(sold);
      expect(await seed(database.db)).toEqual({ created: 0, updated: 0 });
    } finally {
      await database.drop();
    }
  });
});
