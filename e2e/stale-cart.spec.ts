import { expect, test } from './playwright/shop-test';

test('a cart changed in another tab: the stale edit gets 412, and the tab shows the current cart', async ({ page, shop }) => {
  const product = 'V60 Paper Filters, 100 pack';
  await shop.addToCart(product);
  await page.goto('/cart');
  const other = await page.context().newPage();
  await other.goto('/cart');

  await other.getByRole('button', { name: `One more ${product}` }).click();
  await expect(other.getByRole('status', { name: `Quantity of ${product}` })).toHaveText('2');

  await page.getByRole('button', { name: `One fewer ${product}` }).click();
  const notice = page.getByRole('main').getByRole('alert');
  await expect(notice).toContainText('Your cart changed in another tab');
  await expect(notice).toBeFocused();
  await expect(page.getByRole('status', { name: `Quantity of ${product}` })).toHaveText('2');

  // The refreshed cart carries the current version: the same edit now goes through.
  await page.getByRole('button', { name: `One fewer ${product}` }).click();
  await expect(page.getByRole('status', { name: `Quantity of ${product}` })).toHaveText('1');
  await expect(notice).toHaveCount(0);
});

test('paying for a cart another tab changed: 412, the summary updates, and the next press pays for the current cart', async ({ page, shop }) => {
  const product = 'Kinto Travel Tumbler, 350 ml';
  await shop.addToCart(product);
  await shop.openCheckout();
  await expect(page.getByTestId('summary-subtotal')).toHaveText('$34.00');
  await expect(page.getByTestId('summary-total')).toHaveText('$42.42');

  const other = await page.context().newPage();
  await other.goto('/cart');
  await other.getByRole('button', { name: `One more ${product}` }).click();
  await expect(other.getByRole('status', { name: `Quantity of ${product}` })).toHaveText('2');

  await page.getByRole('button', { name: 'Pay $42.42' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Your cart changed in another tab');
  await expect(page.getByTestId('summary-subtotal')).toHaveText('$68.00');
  await expect(page.getByTestId('summary-total')).toHaveText('$78.88');
  await expect(page.getByLabel('Full name'), 'the address stays as typed').toHaveValue('Ada Lovelace');

  await page.getByRole('button', { name: 'Pay $78.88' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  await expect(page.getByTestId('receipt-total')).toHaveText('$78.88');
  // Two intents, two keys: the stale one (its 412 stored) and the one that paid.
  expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, charges: 1, keys: 2 });
});
