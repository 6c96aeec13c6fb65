import { screenshot } from './playwright/screenshot';
import { expect, test } from './playwright/shop-test';

test('a declined card is explained; paying again with the same card replays the decline under the same key', async ({ page, shop }) => {
  await shop.addToCart('House Espresso Blend, 1 kg');
  await shop.openCheckout(/insufficient funds/);

  await page.getByRole('button', { name: 'Pay $38.00' }).click();
  const problem = page.getByRole('main').getByRole('alert');
  await expect(problem).toContainText('Card declined.');
  await expect(problem).toContainText('insufficient_funds');
  await expect(problem).toContainText('No money was taken');
  await expect(problem).toBeFocused();
  await expect(problem).not.toContainText('Same answer as your first attempt');
  await screenshot(page, 'checkout-declined');

  await page.getByRole('button', { name: 'Pay $38.00' }).click();
  await expect(problem).toContainText('Same answer as your first attempt with this card');
  expect(shop.payKeys).toHaveLength(2);
  expect(new Set(shop.payKeys).size, 'the second press reuses the declined attempt’s key').toBe(1);
  // Replay counts are written in batches (IDEMPOTENCY_REPLAY_FLUSH_MS): wait for them to land.
  await expect.poll(() => shop.counts()).toMatchObject({ orders: 1, failedOrders: 1, charges: 1, declinedCharges: 1, keys: 1, replays: 1 });

  // Another card is another intent: a new key, and the same items are paid for.
  await page.getByLabel('Test card').selectOption({ label: 'Visa •••• 4242 — approves' });
  await page.getByRole('button', { name: 'Pay $38.00' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  await expect(page.getByLabel('Receipt')).toContainText('House Espresso Blend, 1 kg');
  expect(new Set(shop.payKeys).size).toBe(2);
  expect(await shop.counts()).toMatchObject({ orders: 2, paidOrders: 1, failedOrders: 1, charges: 2, declinedCharges: 1, keys: 2 });
});
