import type { ProductCategory } from '~/generated/sqlite/enums';
import { CATALOG_SORTS, CATEGORY_ORDER, MAX_SEARCH_LENGTH, type CatalogSort } from '~/server/catalog/catalog-filter';

/** The aisles as the shop names them. */
export const CATEGORY_LABELS: Record<ProductCategory, string> = { BREWERS: 'Brewers', GRINDERS: 'Grinders', BEANS: 'Beans', ACCESSORIES: 'Accessories' };

/** The sort choices as the shop names them. */
export const SORT_LABELS: Record<CatalogSort, string> = { featured: 'Featured', 'price-asc': 'Price: low to high', 'price-desc': 'Price: high to low' };

/** What the catalog page shows, read from its URL: `/?category=beans&q=kenya&sort=price-asc`. */
export interface CatalogParams {
  category?: ProductCategory;
  /** The search as typed, trimmed; absent when blank. */
  q?: string;
  sort: CatalogSort;
}

/** The URL form of a category: `beans` for BEANS. */
export const categorySlug = (category: ProductCategory) => category.toLowerCase();

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Reads the catalog page's URL leniently: a link someone shared or mistyped still shows the shop.
 * An unknown category or sort is ignored, and an over-long search is cut to what the API accepts.
 */
export function parseCatalogParams(searchParams: SearchParams): CatalogParams {
  const slug = first(searchParams.category)?.trim().toUpperCase();
  const category = CATEGORY_ORDER.find((c) => c === slug);
  const q = first(searchParams.q)?.trim().slice(0, MAX_SEARCH_LENGTH).trim();
  const sortParam = first(searchParams.sort);
  const sort = CATALOG_SORTS.find((s) => s === sortParam) ?? 'featured';
  return { ...(category ? { category } : {}), ...(q ? { q } : {}), sort };
}

/** The catalog page's URL for `params`, defaults left out so links stay short and shareable. */
export function catalogHref(params: Partial<CatalogParams>): string {
  const query = new URLSearchParams();
  if (params.category) query.set('category', categorySlug(params.category));
  if (params.q) query.set('q', params.q);
  if (params.sort && params.sort !== 'featured') query.set('sort', params.sort);
  const search = query.toString();
  return search ? `/?${search}` : '/';
}
