import Link from 'next/link';
import { CATEGORY_ORDER } from '~/server/catalog/catalog-filter';
import { CATEGORY_LABELS, catalogHref, type CatalogParams } from './catalog-params';

/** The aisles as links (`/?category=beans`): shareable, and they keep the search and the order. */
export function CategoryNav({ params }: { params: CatalogParams }) {
  const { q, sort } = params;
  const tabs = [{ key: 'all', label: 'All', category: undefined }, ...CATEGORY_ORDER.map((category) => ({ key: category, label: CATEGORY_LABELS[category], category }))];
  return (
    <nav aria-label="Categories" className="category-nav">
      <ul>
        {tabs.map(({ key, label, category }) => (
          <li key={key}>
            <Link href={catalogHref({ category, q, sort })} className="category-link" aria-current={params.category === category ? 'page' : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
