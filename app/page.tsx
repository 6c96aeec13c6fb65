import type { Metadata } from 'next';
import { serverCaller } from '~/server/caller';
import { CatalogSearch } from '~/components/catalog/CatalogSearch';
import { CategoryNav } from '~/components/catalog/CategoryNav';
import { NoResults } from '~/components/catalog/NoResults';
import { ProductCard } from '~/components/catalog/ProductCard';
import { CATEGORY_LABELS, parseCatalogParams, type CatalogParams } from '~/components/catalog/catalog-params';

// The catalog is read from the database on every request, never baked in at build time.
export const dynamic = 'force-dynamic';

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function headingOf({ category, q }: CatalogParams): string {
  const aisle = category ? CATEGORY_LABELS[category] : 'Catalog';
  return q ? `${aisle}: “${q}”` : aisle;
}

export async function generateMetadata({ searchParams }: PageProps): Promise<Metadata> {
  const params = parseCatalogParams(await searchParams);
  return { title: params.category || params.q ? `${headingOf(params)} — Idem Shop` : 'Idem Shop — exactly-once checkout' };
}

/** The shop window: aisles, search and sort from the URL, filtered by `catalog.list` from its cached catalog. */
export default async function CatalogPage({ searchParams }: PageProps) {
  const params = parseCatalogParams(await searchParams);
  const products = await (await serverCaller()).catalog.list({ category: params.category, q: params.q, sort: params.sort });
  return (
    <section aria-labelledby="page-heading" className="catalog">
      <h1 id="page-heading">{headingOf(params)}</h1>
      <CategoryNav params={params} />
      <CatalogSearch params={params} />
      <p className="result-count muted" role="status">
        {products.length} {products.length === 1 ? 'product' : 'products'}
      </p>
      {products.length === 0 ? (
        <NoResults params={params} />
      ) : (
        <ul className="product-grid" aria-labelledby="page-heading">
          {products.map((product) => (
            <ProductCard key={product.id} product={product} />
          ))}
        </ul>
      )}
    </section>
  );
}
