import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { formatMoney } from '~/format';
import { Breadcrumbs } from '~/components/catalog/Breadcrumbs';
import { ProductImage } from '~/components/catalog/ProductImage';
import { ProductPurchase } from '~/components/catalog/ProductPurchase';
import { StockStatus } from '~/components/catalog/StockStatus';
import { CATEGORY_LABELS, catalogHref } from '~/components/catalog/catalog-params';
import { loadProduct } from './load-product';

// Stock changes with every order: read per request, never at build time.
export const dynamic = 'force-dynamic';

type PageProps = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: PageProps): Promise<Metadata> {
  const product = await loadProduct((await params).id);
  return product ? { title: `${product.name} — Idem Shop`, description: product.description } : { title: 'Product not found — Idem Shop' };
}

/** One product: its picture, words, price and stock, and the buy box. An unknown id is a 404. */
export default async function ProductPage({ params }: PageProps) {
  const product = await loadProduct((await params).id);
  if (!product) notFound();
  const aisle = CATEGORY_LABELS[product.category];
  return (
    <article aria-labelledby="page-heading" className="product-page" data-product-id={product.id}>
      <Breadcrumbs
        trail={[
          { href: '/', label: 'Catalog' },
          { href: catalogHref({ category: product.category }), label: aisle },
        ]}
        current={product.name}
      />
      <div className="product-layout">
        <ProductImage imageUrl={product.imageUrl} alt={product.name} preload className="product-page-image" />
        <div className="product-details">
          <p className="product-category">{aisle}</p>
          <h1 id="page-heading">{product.name}</h1>
          <p className="price large">{formatMoney(product.priceCents, product.currency)}</p>
          <StockStatus stock={product.stock} />
          <p className="product-description">{product.description}</p>
          <ProductPurchase product={product} />
          <dl className="product-facts">
            <div>
              <dt>SKU</dt>
              <dd className="mono">{product.sku}</dd>
            </div>
            <div>
              <dt>Category</dt>
              <dd>{aisle}</dd>
            </div>
          </dl>
        </div>
      </div>
    </article>
  );
}
