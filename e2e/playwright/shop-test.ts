import { test as base, expect, type Page, type Request } from '@playwright/test';
import { countsForSession, type SessionCounts } from './shop-db';

export { expect };

/** Helpers for one shopper: a fresh browser context, hence a fresh guest session and cart. */
export interface Shop {
  /** The guest session's id, from its signed cookie (`<id>.<issued-at>.<signature>`). */
  sessionId(): Promise<string>;
  /** This shopper's rows in the database. */
  counts(): Promise<SessionCounts>;
  /** The `Idempotency-Key` of every `checkout.placeOrder` request the page sent, in order. */
  payKeys: string[];
  /** Adds `times` of a product from the catalog page. */
  addToCart(productName: string, times?: number): Promise<void>;
  /** Opens the checkout with the given test card selected. */
  openCheckout(cardLabel?: RegExp): Promise<void>;
}

export const test = base.extend<{ shop: Shop }>({
  shop: async ({ page }, use) => {
    const payKeys: string[] = [];
    const record = (request: Request) => {
      if (request.url().includes('checkout.placeOrder')) payKeys.push(request.headers()['idempotency-key'] ?? '<none>');
    };
    page.context().on('request', record);
    await use({
      payKeys,
      sessionId: () => sessionIdOf(page),
      counts: async () => countsForSession(await sessionIdOf(page)),
      addToCart: (productName, times = 1) => addToCart(page, productName, times),
      openCheckout: (cardLabel) => openCheckout(page, cardLabel),
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

async function openCheckout(page: Page, cardLabel?: RegExp): Promise<void> {
  await page.goto('/checkout');
  await expect(page.getByRole('heading', { name: 'Checkout' })).toBeVisible();
  if (cardLabel) await page.getByLabel('Test card').selectOption({ label: await optionLabel(page, cardLabel) });
}

async function optionLabel(page: Page, label: RegExp): Promise<string> {
  const labels = await page.getByLabel('Test card').locator('option').allTextContents();
  const match = labels.find((l) => label.test(l));
  if (!match) throw new Error(`No test card matches ${label}; have ${labels.join(', ')}`);
  return match;
}
