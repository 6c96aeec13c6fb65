import Link from 'next/link';

/** A step back up the shop: where it leads and what it says. */
export interface Crumb {
  href: string;
  label: string;
}

/** "Catalog › Beans › Kenya Nyeri AA": the way back up, ending with the page itself. */
export function Breadcrumbs({ trail, current }: { trail: readonly Crumb[]; current: string }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumbs">
      <ol>
        {trail.map((crumb) => (
          <li key={crumb.href}>
            <Link href={crumb.href}>{crumb.label}</Link>
          </li>
        ))}
        <li>
          <span aria-current="page">{current}</span>
        </li>
      </ol>
    </nav>
  );
}
