import type { Metadata } from 'next';
import Link from 'next/link';
import { CATEGORY_ORDER } from '~/server/catalog/catalog-filter';
import { CATEGORY_LABELS, catalogHref } from '~/components/catalog/catalog-params';

export const metadata: Metadata = { title: 'Page not found — Idem Shop' };

/** The shop's 404: for an unknown path, and for a product that does not exist (`notFound()`). */
export default function NotFound() {
  return (
    <section aria-labelledby="page-heading" className="not-found card">
      <p className="not-found-code" aria-hidden="true">
        404
      </p>
      <h1 id="page-heading">We couldn’t find that page</h1>
      <p className="muted">The link may be mistyped, or the product is no longer in the shop.</p>
      <p>
        <Link href="/" className="button primary">
          Back to the shop
        </Link>
      </p>
      <nav aria-label="Aisles" className="not-found-aisles">
        <p className="muted small">Or browse an aisle:</p>
        <ul>
          {CATEGORY_ORDER.map((category) => (
            <li key={category}>
              <Link href={catalogHref({ category })}>{CATEGORY_LABELS[category]}</Link>
            </li>
          ))}
        </ul>
      </nav>
    </section>
  );
}
