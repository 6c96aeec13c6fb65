import Link from 'next/link';
import { CATEGORY_LABELS, catalogHref, type CatalogParams } from './catalog-params';

/** What an empty result says, with the way out: clear the search, or search every aisle. */
export function NoResults({ params }: { params: CatalogParams }) {
  const { category, q, sort } = params;
  const aisle = category ? ` in ${CATEGORY_LABELS[category]}` : '';
  return (
    <div className="empty no-results">
      <p className="no-results-title">{q ? `Nothing matches “${q}”${aisle}.` : `Nothing${aisle} right now.`}</p>
      <p>
        {q ? <Link href={catalogHref({ category, sort })}>Clear the search</Link> : <Link href="/">See everything</Link>}
        {q && category ? (
          <>
            {' '}
            or <Link href={catalogHref({ q, sort })}>search every aisle</Link>
          </>
        ) : null}
        .
      </p>
    </div>
  );
}
