import { serverCaller } from '~/server/caller';
import { formatMoney } from '~/format';

// The catalog is read from the database on every request, never baked in at build time.
export const dynamic = 'force-dynamic';

export default async function CatalogPage() {
  const products = await (await serverCaller()).catalog.list();
  return (
    <section aria-labelledby="catalog-heading">
      <h1 id="catalog-heading">Catalog</h1>
      <ul className="product-grid">
        {products.map((product) => (
          <li key={product.id} className="product-card">
            <h2>{product.name}</h2>
            <p className="description">{product.description}</p>
            <p className="price">{formatMoney(product.priceCents, product.currency)}</p>
            <p className={product.stock > 0 ? 'stock' : 'stock out'}>{product.stock > 0 ? `${product.stock} in stock` : 'Out of stock'}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
