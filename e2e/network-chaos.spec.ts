import { collectConsoleErrors } from './playwright/page-checks';
import { recordPaymentProgress } from './playwright/progress-log';
import { screenshot } from './playwright/screenshot';
import { expect, test } from './playwright/shop-test';

test('responses lost after the server processed them: the retries show, one order is placed, and the console stays clean', async ({ page, shop }) => {
  const consoleErrors = collectConsoleErrors(page);
  await shop.addToCart('Colombia Huila Washed, 340 g');
  await shop.openCheckout();

  await page.getByText('Network chaos:').click();
  await page.getByLabel('Lose responses after the server processed them').check();
  await page.getByLabel('Responses lost per payment').selectOption({ label: 'the first 2' });
  await page.getByLabel('Extra latency per request').selectOption({ label: '300 ms' });
  await expect(page.locator('.chaos-menu summary')).toContainText('Network chaos: on');
  await page.getByText('Network chaos:').click();

  const progressLog = await recordPaymentProgress(page);
  await page.getByRole('button', { name: /^Pay / }).click();
  const progress = page.getByRole('status').filter({ hasText: 'Network hiccup' });
  await expect(progress).toContainText(/Network hiccup — retrying (in \d s|now), attempt [23] of 6/);
  await expect(page.getByRole('button', { name: /Paying/ })).toBeDisabled();
  await screenshot(page, 'checkout-retrying');

  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  await expect(page.getByTestId('payment-notice')).toHaveText('The connection dropped after your payment went through. We checked: you were charged once.');
  await screenshot(page, 'confirmation-replayed');

  const shown = await progressLog();
  expect(shown).toContainEqual(expect.stringMatching(/^Network hiccup — retrying (in 1 s|now), attempt 2 of 6$/));
  expect(shown).toContainEqual(expect.stringMatching(/^Network hiccup — retrying (in 1 s|now), attempt 3 of 6$/));
  expect(shop.payKeys).toHaveLength(3);
  expect(new Set(shop.payKeys).size, 'every attempt carries the same key').toBe(1);
  // Replay counts are written in batches (IDEMPOTENCY_REPLAY_FLUSH_MS): wait for them to land.
  await expect.poll(() => shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, charges: 1, keys: 1, replays: 2 });
  expect(consoleErrors, 'no console errors through the whole chaotic purchase').toEqual([]);
});

test('the payment provider loses its first answer: the link retries the 503 and the card is charged once', async ({ page, shop }) => {
  await shop.addToCart('Espresso Knock Box');
  await shop.openCheckout(/Flaky gateway/);

  const progressLog = await recordPaymentProgress(page);
  await page.getByRole('button', { name: /^Pay / }).click();

  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  await expect(page.getByTestId('payment-notice'), 'the server finished the payment: nothing was replayed').toHaveCount(0);
  expect(await progressLog()).toContainEqual(expect.stringMatching(/^The payment provider did not answer — retrying (in \d s|now), attempt 2 of 6$/));
  expect(shop.payKeys).toHaveLength(2);
  expect(new Set(shop.payKeys).size).toBe(1);
  expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, charges: 1, keys: 1 });
});
