import { describe, expect, it } from 'vitest';
import { catalogHref, parseCatalogParams } from './catalog-params';

describe('parseCatalogParams', () => {
  it('reads the aisle slug, the search and the sort', () => {
    expect(parseCatalogParams({ category: 'beans', q: ' kenya ', sort: 'price-desc' })).toEqual({ category: 'BEANS', q: 'kenya', sort: 'price-desc' });
  });

  it('defaults to every aisle, no search, featured', () => {
    expect(parseCatalogParams({})).toEqual({ sort: 'featured' });
    expect(parseCatalogParams({ q: '   ', category: '', sort: '' })).toEqual({ sort: 'featured' });
  });

  it('ignores an unknown aisle or sort instead of failing the page', () => {
    expect(parseCatalogParams({ category: 'teapots', sort: 'cheapest' })).toEqual({ sort: 'featured' });
  });

  it('takes the first of repeated parameters and cuts a long search to 100 characters', () => {
    expect(parseCatalogParams({ category: ['grinders', 'beans'], q: 'y'.repeat(150) })).toEqual({ category: 'GRINDERS', q: 'y'.repeat(100), sort: 'featured' });
  });
});

describe('catalogHref', () => {
  it('leaves defaults out', () => {
    expect(catalogHref({})).toBe('/');
    expect(catalogHref({ sort: 'featured' })).toBe('/');
  });

  it('round-trips through parseCatalogParams', () => {
    const params = { category: 'ACCESSORIES', q: 'café & co', sort: 'price-asc' } as const;
    const href = catalogHref(params);
    expect(href).toBe('/?category=accessories&q=caf%C3%A9+%26+co&sort=price-asc');
    expect(parseCatalogParams(Object.fromEntries(new URLSearchParams(href.slice(2))))).toEqual(params);
  });
});
