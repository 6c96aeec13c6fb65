import { test as base, expect, type Page, type Request } from '@playwright/test';
import type { AddressFormValues } from '~/components/checkout/address-form';
import { cartForSession, countsForSession, type SessionCounts } from './shop-db';

export { expect };

/**
 * What the checkout form asks for, field by field as the form has them; `country` is the name the
 * picker shows (the form's own value is the ISO code behind it).
 */
export type TestAddress = Omit<AddressFormValues, 'country'> & { country: string };

/** A United States address: the default destination, so the quote does not change when it is chosen. */
export const US_ADDRESS: TestAddress = {
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  line1: '500 Market Street',
  line2: 'Suite 4',
  city: 'San Francisco',
  region: 'CA',
  postalCode: '94105',
  country: 'United States',
};

/** Helpers for one shopper: a fresh browser context, hence a fresh guest session and cart. */
export interface Shop {
  /** The guest session's id, from its signed cookie (`<id>.<issued-at>.<signature>`). */
  sessionId(): Promise<string>;
  /** This shopper's rows in the database. */
  counts(): Promise<SessionCounts>;
  /** This shopper's cart lines in the database, by product id. */
  cart(): Promise<Record<string, number>>;
  /** The `Idempotency-Key` of every `checkout.placeOrder` request the page sent, in order. */
  payKeys: string[];
  /** The `Idempotency-Key` of every `checkout.payOrder` request (another card on an open order), in order. */
  payOrderKeys: string[];
  /** Adds `times` of a product from the catalog page. */
  addToCart(productName: string, times?: number): Promise<void>;
  /** Opens the checkout, fills in the contact and shipping address, and chooses a card (by its accessible name). */
  openCheckout(card?: RegExp, address?: TestAddress): Promise<void>;
  /** Fills in the checkout's contact and shipping address. */
  fillAddress(address?: TestAddress): Promise<void>;
  /** Chooses a simulated card, e.g. `/Visa ending in 4242/`. */
  chooseCard(card: RegExp): Promise<void>;
}

export const test = base.extend<{ shop: Shop }>({
  shop: async ({ page }, use) => {
    const payKeys: string[] = [];
    const payOrderKeys: string[] = [];
    const record = (request: Request) => {
      const key = request.headers()['idempotency-key'] ?? '<none>';
      if (request.url().includes('checkout.placeOrder')) payKeys.push(key);
      if (request.url().includes('checkout.payOrder')) payOrderKeys.push(key);
    };
    page.context().on('request', record);
    await use({
      payKeys,
      payOrderKeys,
      sessionId: () => sessionIdOf(page),
      counts: async () => countsForSession(await sessionIdOf(page)),
      cart: async () => cartForSession(await sessionIdOf(page)),
      addToCart: (productName, times = 1) => addToCart(page, productName, times),
      openCheckout: (card, address) => openCheckout(page, card, address),
      fillAddress: (address) => fillAddress(page, address),
      chooseCard: (card) => chooseCard(page, card),
    });
  },
});

async function sessionIdOf(page: Page): Promise<string> {
  const cookie = (await page.context().cookies()).find((c) => c.name === 'idem_session');
  if (!cookie) throw new Error('No guest session yet: open a page first.');
  return cookie.value.split('.')[0]!;
}

async function addToCart(page: Page, productName: string, times: number): Promise<void> {
  await page.goto('/');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: productName }) });
  for (let n = 1; n <= times; n++) {
    await card.getByRole('button', { name: `Add ${productName} to cart` }).click();
    await expect(card.getByRole('status')).toContainText(`Added — ${n} in your cart.`);
  }
}

async function openCheckout(page: Page, card?: RegExp, address: TestAddress = US_ADDRESS): Promise<void> {
  await page.goto('/checkout');
  await expect(page.getByRole('heading', { name: 'Checkout', level: 1 })).toBeVisible();
  await fillAddress(page, address);
  if (card) await chooseCard(page, card);
}

async function fillAddress(page: Page, address: TestAddress = US_ADDRESS): Promise<void> {
  const form = page.getByRole('form', { name: 'Checkout' });
  await form.getByLabel('Email').fill(address.email);
  await form.getByLabel('Full name').fill(address.name);
  await form.getByLabel('Address', { exact: true }).fill(address.line1);
  await form.getByLabel('Apartment, suite, etc.').fill(address.line2);
  await form.getByLabel('City').fill(address.city);
  await form.getByLabel('State / region').fill(address.region);
  await form.getByLabel('Postal code').fill(address.postalCode);
  await form.getByLabel('Country').selectOption({ label: address.country });
}

async function chooseCard(page: Page, card: RegExp): Promise<void> {
  await page.getByRole('radio', { name: card }).check();
}
