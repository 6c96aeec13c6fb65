import { expect, test } from './playwright/shop-test';

test('reloading the page mid-payment resumes it with the same key: one order, one charge', async ({ page, shop }) => {
  await shop.addToCart('Ethiopia Guji Natural, 340 g');
  await shop.openCheckout(/Slow bank/);

  await page.getByRole('button', { name: /^Pay / }).click();
  // Reload once the server has claimed the key: the bank takes ~2 s, so the first attempt is
  // still running there when the page goes away.
  await expect.poll(async () => (await shop.counts()).keys).toBe(1);
  await page.reload();

  await expect(page.getByRole('status').filter({ hasText: /Resuming the payment|still being processed/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  await expect(page.getByText('Already paid — this is the receipt from your first attempt')).toBeVisible();

  expect(shop.payKeys.length).toBeGreaterThanOrEqual(2);
  expect(new Set(shop.payKeys).size, 'the resumed payment reuses the first key').toBe(1);
  expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, charges: 1, keys: 1 });
  expect((await shop.counts()).replays).toBeGreaterThanOrEqual(1);
});
