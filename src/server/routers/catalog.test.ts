import { describe, expect, it } from 'vitest';
import { dataOf, errorCode, getQuery } from '../../../e2e/support/api';
import { useShopApi } from '../../../e2e/support/shop-api';
import { catalog } from '../../../prisma/catalog';
import { PROVIDERS } from '~/test/test-database';

type Listed = { id: string; name: string; category: string; priceCents: number; stock: number; imageUrl: string | null };

describe.each(PROVIDERS)('catalog.list and catalog.byId on %s', (provider) => {
  const shop = useShopApi(provider);
  const list = async (input?: object) => {
    const response = await getQuery(shop.url, 'catalog.list', { input });
    expect(response.status, response.body).toBe(200);
    return dataOf<Listed[]>(response);
  };

  it('lists every seeded product with its aisle and image, in stock first, then by aisle', async () => {
    const all = await list();
    expect(all).toHaveLength(catalog.length);
    expect(all.every((p) => p.imageUrl === `/products/${p.id}.svg`)).toBe(true);
    expect([...new Set(all.map((p) => p.category))]).toEqual(['BREWERS', 'GRINDERS', 'BEANS', 'ACCESSORIES']);
  });

  it('filters by aisle, search and sort from the same cached catalog', async () => {
    const beans = await list({ category: 'BEANS' });
    expect(beans.map((p) => p.id).sort()).toEqual(catalog.filter((p) => p.category === 'BEANS').map((p) => p.id).sort());
    expect((await list({ q: 'GRINDER' })).map((p) => p.id)).toEqual(['baratza-encore']);
    expect((await list({ q: 'kenya', category: 'BREWERS' })).map((p) => p.id)).toEqual([]);
    const cheapFirst = (await list({ category: 'BEANS', sort: 'price-asc' })).map((p) => p.priceCents);
    expect(cheapFirst).toEqual([...cheapFirst].sort((a, b) => a - b));
    const dearFirst = (await list({ sort: 'price-desc' })).map((p) => p.priceCents);
    expect(dearFirst).toEqual([...dearFirst].sort((a, b) => b - a));
  });

  it('answers 400 BAD_REQUEST, never a 500, for an unknown aisle or sort or an over-long search', async () => {
    for (const input of [{ category: 'TEAPOTS' }, { sort: 'cheapest' }, { q: 'x'.repeat(101) }, { q: ['a'] }]) {
      const response = await getQuery(shop.url, 'catalog.list', { input });
      expect([response.status, errorCode(response.body)], JSON.stringify(input)).toEqual([400, 'BAD_REQUEST']);
    }
  });

  it('serves one product with its aisle and image; 404 PRODUCT_NOT_FOUND for an unknown id, 400 for one that cannot be an id', async () => {
    const found = dataOf<Listed>(await getQuery(shop.url, 'catalog.byId', { input: { id: 'kenya-nyeri' } }));
    expect(found).toMatchObject({ id: 'kenya-nyeri', category: 'BEANS', imageUrl: '/products/kenya-nyeri.svg' });
    const missing = await getQuery(shop.url, 'catalog.byId', { input: { id: 'no-such-thing' } });
    expect([missing.status, errorCode(missing.body)]).toEqual([404, 'PRODUCT_NOT_FOUND']);
    const invalid = await getQuery(shop.url, 'catalog.byId', { input: { id: 'spaces are not ids' } });
    expect([invalid.status, errorCode(invalid.body)]).toEqual([400, 'BAD_REQUEST']);
  });
});
