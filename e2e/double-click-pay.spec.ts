import { expect, test } from './playwright/shop-test';

test('double-clicking Pay sends one request with one key and places one order', async ({ page, shop }) => {
  await shop.addToCart('Kenya Nyeri AA, 340 g');
  await shop.openCheckout();

  await page.getByRole('button', { name: /^Pay / }).dblclick();

  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  expect(shop.payKeys).toHaveLength(1);
  expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, charges: 1, keys: 1 });
});

test('two presses in the same instant, before the button can disable, still make one payment', async ({ page, shop }) => {
  await shop.addToCart('Kenya Nyeri AA, 340 g');
  await shop.openCheckout();

  // Both clicks run in one task, so React has not re-rendered the button as disabled in between:
  // only the in-flight guard stands between the second press and a second key.
  await page.getByRole('button', { name: /^Pay / }).evaluate((button: HTMLButtonElement) => {
    button.click();
    button.click();
  });

  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  expect(shop.payKeys).toHaveLength(1);
  expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, charges: 1, keys: 1 });
});
