import { formatMoney } from '~/format';
import type { Product } from '~/client/shop-types';
import { AddToCartButton } from './AddToCartButton';

/** One product in the catalog grid: what it is, what it costs, how many are left. */
export function ProductCard({ product }: { product: Product }) {
  const headingId = `product-${product.id}`;
  return (
    <li className="card product-card" aria-labelledby={headingId} data-product-id={product.id}>
      <h2 id={headingId}>{product.name}</h2>
      <p className="description">{product.description}</p>
      <p className="price">{formatMoney(product.priceCents, product.currency)}</p>
      <p className={product.stock > 0 ? 'stock' : 'stock out'}>{product.stock > 0 ? `${product.stock} in stock` : 'Out of stock'}</p>
      <AddToCartButton product={product} />
    </li>
  );
}
