import Link from 'next/link';
import { formatMoney } from '~/format';
import type { Product } from '~/client/shop-types';
import { AddToCartButton } from './AddToCartButton';
import { CATEGORY_LABELS } from './catalog-params';
import { ProductImage } from './ProductImage';
import { StockStatus } from './StockStatus';

/** Where a product's own page is. */
export const productHref = (id: string) => `/products/${encodeURIComponent(id)}`;

/** One product in the catalog grid: its picture, what it is, what it costs, how many are left. */
export function ProductCard({ product }: { product: Product }) {
  const headingId = `product-${product.id}`;
  const href = productHref(product.id);
  return (
    <li className="card product-card" aria-labelledby={headingId} data-product-id={product.id}>
      {/* The name below is the link for keyboards and screen readers; the picture is a shortcut for the mouse. */}
      <Link href={href} className="product-card-image" tabIndex={-1} aria-hidden="true">
        <ProductImage imageUrl={product.imageUrl} alt="" />
      </Link>
      <p className="product-category">{CATEGORY_LABELS[product.category]}</p>
      <h2 id={headingId}>
        <Link href={href}>{product.name}</Link>
      </h2>
      <p className="description">{product.description}</p>
      <div className="price-row">
        <p className="price">{formatMoney(product.priceCents, product.currency)}</p>
        <StockStatus stock={product.stock} />
      </div>
      <AddToCartButton product={product} />
    </li>
  );
}
