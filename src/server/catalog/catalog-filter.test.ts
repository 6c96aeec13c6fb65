import { describe, expect, it } from 'vitest';
import { catalog } from '../../../prisma/catalog';
import { CATEGORY_ORDER, catalogFilterSchema, searchTerms, selectProducts, type Listable } from './catalog-filter';

const product = (name: string, over: Partial<Listable> = {}): Listable & { id: string } => ({
  id: name.toLowerCase(),
  name,
  description: '',
  sku: 'X-1',
  category: 'ACCESSORIES',
  priceCents: 1000,
  stock: 5,
  ...over,
});
const names = (products: readonly { name: string }[]) => products.map((p) => p.name);

describe('selectProducts', () => {
  const shelf = [
    product('Tumbler', { category: 'ACCESSORIES', priceCents: 3400 }),
    product('Sold-out Scale', { category: 'ACCESSORIES', priceCents: 100, stock: 0 }),
    product('Kenya', { category: 'BEANS', priceCents: 2200, description: 'Blackcurrant and grapefruit' }),
    product('Colombia', { category: 'BEANS', priceCents: 1750 }),
    product('Grinder', { category: 'GRINDERS', priceCents: 16995 }),
    product('Dripper', { category: 'BREWERS', priceCents: 2750 }),
  ];

  it('orders "featured" by in stock first, then aisle, then name', () => {
    expect(names(selectProducts(shelf))).toEqual(['Dripper', 'Grinder', 'Colombia', 'Kenya', 'Tumbler', 'Sold-out Scale']);
    expect(names(selectProducts(shelf, { sort: 'featured' }))).toEqual(names(selectProducts(shelf)));
  });

  it('orders by price both ways, ties by name', () => {
    const tied = [...shelf, product('Aardvark Mug', { priceCents: 1750 })];
    expect(names(selectProducts(tied, { sort: 'price-asc' }))).toEqual(['Sold-out Scale', 'Aardvark Mug', 'Colombia', 'Kenya', 'Dripper', 'Tumbler', 'Grinder']);
    expect(names(selectProducts(tied, { sort: 'price-desc' }))).toEqual(['Grinder', 'Tumbler', 'Dripper', 'Kenya', 'Aardvark Mug', 'Colombia', 'Sold-out Scale']);
  });

  it('keeps one aisle', () => {
    expect(names(selectProducts(shelf, { category: 'BEANS' }))).toEqual(['Colombia', 'Kenya']);
  });

  it('matches every word of the search in name, description, SKU or aisle, ignoring case and accents', () => {
    expect(names(selectProducts(shelf, { q: 'GRAPEFRUIT' }))).toEqual(['Kenya']);
    expect(names(selectProducts(shelf, { q: 'kenya grapefruit' }))).toEqual(['Kenya']);
    expect(names(selectProducts(shelf, { q: 'kenya tumbler' }))).toEqual([]);
    expect(names(selectProducts(shelf, { q: 'grinders' }))).toEqual(['Grinder']);
    expect(names(selectProducts([product('Café Crème')], { q: 'cafe creme' }))).toEqual(['Café Crème']);
    expect(names(selectProducts(shelf, { q: 'beans', category: 'BEANS', sort: 'price-desc' }))).toEqual(['Kenya', 'Colombia']);
  });

  it('treats a blank search as none, and never changes its input', () => {
    const before = names(shelf);
    expect(selectProducts(shelf, { q: '   ' })).toHaveLength(shelf.length);
    expect(names(shelf)).toEqual(before);
    expect(searchTerms(' a  b ')).toEqual(['a', 'b']);
  });

  it('finds the seeded catalog by aisle', () => {
    for (const category of CATEGORY_ORDER) {
      const listed = selectProducts(catalog, { category });
      expect(listed.length, category).toBeGreaterThan(0);
      expect(listed.every((p) => p.category === category)).toBe(true);
    }
  });
});

describe('catalogFilterSchema', () => {
  it('accepts nothing, or a known aisle, a search and a known sort', () => {
    expect(catalogFilterSchema.parse({})).toEqual({});
    expect(catalogFilterSchema.parse({ category: 'BEANS', q: 'kenya', sort: 'price-asc' })).toEqual({ category: 'BEANS', q: 'kenya', sort: 'price-asc' });
  });

  it('refuses an unknown aisle or sort, a lower-case aisle, and a search over 100 characters', () => {
    for (const bad of [{ category: 'TEAPOTS' }, { category: 'beans' }, { sort: 'cheapest' }, { q: 'x'.repeat(101) }, { q: 42 }]) {
      expect(catalogFilterSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
