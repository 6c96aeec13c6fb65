import { z } from 'zod';
import type { ProductCategory } from '~/generated/sqlite/enums';

/** Where each aisle stands in the shop: the "featured" order and the order of the category tabs. */
const CATEGORY_RANK: Record<ProductCategory, number> = { BREWERS: 0, GRINDERS: 1, BEANS: 2, ACCESSORIES: 3 };

/** Every category, in the order the shop shows them. */
export const CATEGORY_ORDER = (Object.keys(CATEGORY_RANK) as ProductCategory[]).sort((a, b) => CATEGORY_RANK[a] - CATEGORY_RANK[b]);

/** How a product list can be ordered: `featured` is in stock first, then by aisle, then by name. */
export const CATALOG_SORTS = ['featured', 'price-asc', 'price-desc'] as const;
export type CatalogSort = (typeof CATALOG_SORTS)[number];

/** The longest search a shopper may type. */
export const MAX_SEARCH_LENGTH = 100;

/**
 * `catalog.list`'s optional input: which aisle, which words, which order. Anything else (an
 * unknown category or sort, an over-long search) is invalid input, a 400.
 */
export const catalogFilterSchema = z.object({
  /** One aisle only. */
  category: z.enum(CATEGORY_ORDER as [ProductCategory, ...ProductCategory[]]).optional(),
  /** Words that must all appear in the name, description, SKU or aisle (case and accents ignored). */
  q: z.string().max(MAX_SEARCH_LENGTH).optional(),
  /** @default 'featured' */
  sort: z.enum(CATALOG_SORTS).optional(),
});
export type CatalogFilter = z.infer<typeof catalogFilterSchema>;

/** What filtering and sorting need of a product. */
export interface Listable {
  name: string;
  description: string;
  sku: string;
  category: ProductCategory;
  priceCents: number;
  stock: number;
}

/** Lower case, accents dropped: "Café" and "cafe" match. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The words of a search, folded; none for an empty or blank search. */
export function searchTerms(q: string | undefined): string[] {
  return fold(q ?? '')
    .split(/\s+/)
    .filter((term) => term.length > 0);
}

const byName = (a: Listable, b: Listable) => a.name.localeCompare(b.name, 'en');

const COMPARATORS: Record<CatalogSort, (a: Listable, b: Listable) => number> = {
  featured: (a, b) => Number(b.stock > 0) - Number(a.stock > 0) || CATEGORY_RANK[a.category] - CATEGORY_RANK[b.category] || byName(a, b),
  'price-asc': (a, b) => a.priceCents - b.priceCents || byName(a, b),
  'price-desc': (a, b) => b.priceCents - a.priceCents || byName(a, b),
};

/** The products in `filter`'s aisle that match every search word, in `filter`'s order (a new array). */
export function selectProducts<P extends Listable>(products: readonly P[], filter: CatalogFilter = {}): P[] {
  const terms = searchTerms(filter.q);
  const matches = (product: P) => {
    if (filter.category && product.category !== filter.category) return false;
    if (terms.length === 0) return true;
    const text = fold(`${product.name} ${product.description} ${product.sku} ${product.category}`);
    return terms.every((term) => text.includes(term));
  };
  return products.filter(matches).sort(COMPARATORS[filter.sort ?? 'featured']);
}
