import Link from 'next/link';
import { CartCount } from './CartCount';
import { NavLink } from './NavLink';
import { NetworkChaosMenu } from './NetworkChaosMenu';
import { RetryingRequestsIndicator } from './RetryingRequestsIndicator';

/**
 * The top bar on every page: brand, main navigation, retry indicator and the chaos switch. The
 * operator page is not in the shopper's menu: operators open /ops directly.
 */
export function SiteHeader() {
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="brand">
          Idem Shop
        </Link>
        <span className="tagline">exactly-once checkout</span>
        <nav aria-label="Main" className="main-nav">
          <NavLink href="/">Catalog</NavLink>
          <NavLink href="/cart">
            Cart
            <CartCount />
          </NavLink>
          <NavLink href="/orders">Orders</NavLink>
        </nav>
        <RetryingRequestsIndicator />
        <NetworkChaosMenu />
      </div>
    </header>
  );
}
