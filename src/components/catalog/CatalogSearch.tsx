import Form from 'next/form';
import { CATALOG_SORTS, MAX_SEARCH_LENGTH } from '~/server/catalog/catalog-filter';
import { SORT_LABELS, categorySlug, type CatalogParams } from './catalog-params';
import { SortSelect } from './SortSelect';

const SORT_OPTIONS = CATALOG_SORTS.map((value) => ({ value, label: SORT_LABELS[value] }));

/**
 * Search and sort: a GET form to `/` (`/?category=beans&q=kenya&sort=price-asc`), so it works
 * without JavaScript and every result has a URL; with JavaScript it navigates without a reload.
 */
export function CatalogSearch({ params }: { params: CatalogParams }) {
  const { category, q = '', sort } = params;
  return (
    // Keyed by the URL: after a category link or Back, the fields show what the page shows.
    <Form action="/" role="search" aria-label="Products" className="catalog-search" key={`${category ?? ''}|${q}|${sort}`}>
      {category ? <input type="hidden" name="category" value={categorySlug(category)} /> : null}
      <div className="field search-field">
        <label htmlFor="catalog-q">Search products</label>
        <input id="catalog-q" type="search" name="q" defaultValue={q} maxLength={MAX_SEARCH_LENGTH} placeholder="Try “kenya” or “grinder”" autoComplete="off" />
      </div>
      <div className="field sort-field">
        <label htmlFor="catalog-sort">Sort by</label>
        <SortSelect id="catalog-sort" value={sort} options={SORT_OPTIONS} />
      </div>
      <button type="submit" className="button primary">
        Search
      </button>
    </Form>
  );
}
