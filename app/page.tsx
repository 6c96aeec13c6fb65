import { serverCaller } from '~/server/caller';
import { ProductCard } from '~/components/catalog/ProductCard';

// The catalog is read from the database on every request, never baked in at build time.
export const dynamic = 'force-dynamic';

export default async function CatalogPage() {
  const products = await (await serverCaller()).catalog.list();
  return (
    <section aria-labelledby="page-heading">
      <h1 id="page-heading">Catalog</h1>
      <ul className="product-grid">
        {products.map((product) => (
          <ProductCard key={product.id} product={product} />
        ))}
      </ul>
    </section>
  );
}
