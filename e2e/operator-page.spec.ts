import { screenshot } from './playwright/screenshot';
import { expect, test } from './playwright/shop-test';

test('the operator page lists idempotency records, filters them, and sets gateway chaos', async ({ page, shop }) => {
  await shop.addToCart('Baratza Encore Burr Grinder');
  await shop.openCheckout();
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  const key = (shop.payKeys[0] ?? '').replaceAll('"', '');
  const preview = `${key.slice(0, 8)}…${key.slice(-4)}`;

  await page.getByRole('link', { name: 'Operator' }).click();
  await expect(page.getByRole('heading', { name: 'Operator' })).toBeVisible();
  const ours = page.getByTestId('record-row').filter({ hasText: preview });
  await expect(ours).toContainText('checkout.placeOrder');
  await expect(ours).toContainText('Completed');
  await expect(ours).toContainText('200');

  await page.getByLabel('Status').selectOption('IN_PROGRESS');
  await page.getByLabel('Procedure').fill('checkout.placeOrder');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=IN_PROGRESS/);
  await expect(ours).toHaveCount(0);

  await page.getByLabel('Status').selectOption('COMPLETED');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=COMPLETED&procedure=checkout.placeOrder/);
  await expect(ours).toHaveCount(1);
  await expect(page.getByLabel('Latency per charge (ms)')).toHaveValue('0');
  await screenshot(page, 'operator', { fullPage: true });

  // Set a latency and put it back: the gateway is shared with the other tests.
  for (const latency of ['250', '0']) {
    await page.getByLabel('Latency per charge (ms)').fill(latency);
    await page.getByRole('button', { name: 'Save gateway chaos' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Latency per charge (ms)')).toHaveValue(latency);
  }
});
