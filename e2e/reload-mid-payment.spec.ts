import type { Request } from '@playwright/test';
import { expect, test } from './playwright/shop-test';
import type { SessionCounts } from './playwright/shop-db';

test('reloading the page mid-payment resumes it with the same key: one order, one charge', async ({ page, shop }) => {
  await shop.addToCart('Ethiopia Guji Natural, 340 g');
  await shop.openCheckout(/Slow bank/);

  // The answers to the payment requests the reloaded page sends: a 409 means the first attempt was
  // still running on the server when the page came back.
  const afterReload = new Set<Request>();
  const statusesAfterReload: number[] = [];
  let reloaded = false;
  page.on('request', (request) => {
    if (reloaded && request.url().includes('checkout.placeOrder')) afterReload.add(request);
  });
  page.on('response', (response) => {
    if (afterReload.has(response.request())) statusesAfterReload.push(response.status());
  });

  await page.getByRole('button', { name: /^Pay / }).click();
  // Reload once the server has claimed the key: the bank takes ~2 s, so the first attempt is
  // still running there when the page goes away.
  let atReload: SessionCounts | undefined;
  await expect.poll(async () => (atReload = await shop.counts()).keys).toBe(1);
  reloaded = true;
  await page.reload();

  await expect(page.getByRole('status').filter({ hasText: /Resuming the payment|still being processed/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  await expect(page.getByTestId('payment-notice')).toHaveText('The page reloaded while your payment was on its way. We picked it up where it left off: you were charged once.');
  // The notice lives in this page load only: a reload of the receipt does not repeat it.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  await expect(page.getByTestId('order-number')).toBeVisible();
  await expect(page.getByTestId('payment-notice')).toHaveCount(0);
  expect(page.url(), 'no flag in the URL').not.toContain('?');

  // Mid-payment, not a plain replay of a payment that had already finished: the key was still
  // IN_PROGRESS when the page went away, or the reloaded page was told 409 (still running).
  const midPayment = { inProgressAtReload: atReload?.inProgressKeys === 1, conflictAfterReload: statusesAfterReload.includes(409) };
  expect(midPayment.inProgressAtReload || midPayment.conflictAfterReload, JSON.stringify({ ...midPayment, statusesAfterReload })).toBe(true);

  expect(shop.payKeys.length).toBeGreaterThanOrEqual(2);
  expect(new Set(shop.payKeys).size, 'the resumed payment reuses the first key').toBe(1);
  expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, charges: 1, keys: 1, inProgressKeys: 0 });
  // Replay counts reach the database in batches (IDEMPOTENCY_REPLAY_FLUSH_MS): wait for them.
  await expect.poll(async () => (await shop.counts()).replays).toBeGreaterThanOrEqual(1);
});
