import { DEFAULT_COUNTRY, isCountryCode, SUPPORTED_COUNTRIES, type CountryCode } from '~/shared/countries';
import { quoteOrder, SHOP_CURRENCY, type Quote } from '~/shared/pricing';
import { TEST_CARDS } from '~/shared/test-cards';
import { loadCart, type CartView } from '../cart/cart-view';
import type { Db } from '../db/create-db';
import { CONFIRMATION_INCLUDE, toConfirmation, type OrderConfirmation } from './order-confirmation';

/** A cart line as the checkout page shows it (the cart's own lines). */
export type CheckoutLine = CartView['items'][number];

/** Everything the checkout page shows, from one read-only call. */
export interface CheckoutScreen {
  /** The session's cart: the version to check out, and its lines priced as the checkout will price them. */
  cart: { version: number; currency: typeof SHOP_CURRENCY; subtotalCents: number; items: CheckoutLine[] };
  /** The country `quote` is for: the one asked for when supported, else the default (US). */
  country: CountryCode;
  /** Subtotal, shipping, tax and total of the cart shipped to `country` (see src/shared/pricing.ts). */
  quote: Quote;
  countries: { code: CountryCode; name: string }[];
  /** The simulated gateway's cards: the page offers these, and says they are simulated. */
  testCards: typeof TEST_CARDS;
  /** The session's newest order still awaiting payment after a declined attempt, to pay with another card or cancel; null if none. */
  openOrder: OrderConfirmation | null;
}

/** The checkout page's data for `sessionId`, priced for `country` (an unsupported or missing one: the default). */
export async function loadCheckoutScreen(db: Db, sessionId: string, country: string | undefined): Promise<CheckoutScreen> {
  const destination = country !== undefined && isCountryCode(country) ? country : DEFAULT_COUNTRY;
  const [cart, openOrder] = await Promise.all([loadCheckoutCart(db, sessionId), loadOpenOrder(db, sessionId)]);
  return {
    cart,
    country: destination,
    quote: quoteOrder(cart.subtotalCents, destination),
    countries: SUPPORTED_COUNTRIES.map(({ code, name }) => ({ code, name })),
    testCards: TEST_CARDS,
    openOrder,
  };
}

/** The cart with each product's current name, image and price: the prices `placeOrder` will charge, read from the database, not a cache. */
async function loadCheckoutCart(db: Db, sessionId: string): Promise<CheckoutScreen['cart']> {
  const { version, totalCents, items } = await loadCart(db, sessionId);
  return { version, currency: SHOP_CURRENCY, subtotalCents: totalCents, items };
}

/**
 * The newest order of the session awaiting payment with no attempt being charged: every attempt of
 * such an order was settled and none succeeded, so its last one was declined.
 */
async function loadOpenOrder(db: Db, sessionId: string): Promise<OrderConfirmation | null> {
  const order = await db.order.findFirst({
    where: { sessionId, status: 'AWAITING_PAYMENT', payingAttempt: null, paymentAttempts: { gt: 0 } },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    include: CONFIRMATION_INCLUDE,
  });
  return order && toConfirmation(order);
}
