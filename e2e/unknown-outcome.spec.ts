import Database from 'better-sqlite3';
import { recordPaymentProgress } from './playwright/progress-log';
import { expect, test } from './playwright/shop-test';

const PLACE_ORDER = '**/api/trpc/checkout.placeOrder**';

/** A 500 as the browser sees it, with no retry hint: the link must treat it as an unknown outcome anyway. */
const INTERNAL_ERROR = JSON.stringify([
  { error: { message: 'Internal server error', code: -32603, data: { code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, path: 'checkout.placeOrder' } } },
]);

/**
 * This session's orders and the gateway charges that succeeded for it, read straight from the
 * e2e database: through the orders' payments, and through the session's idempotency records (the
 * gateway key is derived from the record), so a charge without an order would count too.
 */
function groundTruth(sessionId: string): { orderKeys: (string | null)[]; succeededCharges: number } {
  const url = process.env.E2E_DATABASE_URL ?? '';
  const db = new Database(url.slice('file:'.length), { readonly: true, fileMustExist: true });
  try {
    const orders = db.prepare('SELECT idempotencyKey FROM orders WHERE sessionId = ?').all(sessionId) as { idempotencyKey: string | null }[];
    const { succeeded } = db
      .prepare(
        `SELECT COUNT(*) AS succeeded FROM gateway_charges g
         WHERE g.status = 'succeeded' AND (
           g.idempotencyKey IN (SELECT p.providerIdempotencyKey FROM payments p JOIN orders o ON o.id = p.orderId WHERE o.sessionId = ?)
           OR EXISTS (SELECT 1 FROM idempotency_records r WHERE r.scope = ? AND g.idempotencyKey LIKE r.id || ':%'))`,
      )
      .get(sessionId, sessionId) as { succeeded: number };
    return { orderKeys: orders.map((o) => o.idempotencyKey), succeededCharges: succeeded };
  } finally {
    db.close();
  }
}

test('a 500 after the charge: the UI keeps the payment, and "Try again" replays the same order without a second charge', async ({ page, shop }) => {
  // Six attempts with backoff (up to ~12 s) before the UI gives up, then the second press.
  test.setTimeout(90_000);
  await shop.addToCart('Colombia Huila Washed, 340 g');
  await shop.openCheckout();

  // Every attempt of the first press reaches the server, which places and charges the order (then
  // replays it), but the browser is told 500 each time — a response lost behind a failing proxy.
  const serverStatuses: number[] = [];
  await page.route(PLACE_ORDER, async (route) => {
    serverStatuses.push((await route.fetch()).status());
    await route.fulfill({ status: 500, contentType: 'application/json', body: INTERNAL_ERROR });
  });

  const progressLog = await recordPaymentProgress(page);
  await page.getByRole('button', { name: /^Pay / }).click();
  const problem = page.getByRole('main').getByRole('alert');
  await expect(problem).toContainText('We could not confirm your payment.', { timeout: 30_000 });
  await expect(problem).toContainText('your payment may have gone through');
  await expect(problem).toContainText('you will not be charged twice');
  await expect(problem).toBeFocused();

  const firstPress = [...shop.payKeys];
  expect(firstPress.length, 'the link retried the 500').toBeGreaterThan(1);
  expect(serverStatuses, 'the server itself answered every attempt').toEqual(firstPress.map(() => 200));
  expect(await progressLog()).toContainEqual(expect.stringMatching(/^The shop ran into a problem — retrying (in \d s|now), attempt 2 of 6$/));
  expect(new Set(firstPress).size, 'every attempt carried the same key').toBe(1);
  expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, keys: 1 });

  // The payment and its key survive the unknown outcome: in the link's journal — the one place the
  // key is kept, with the input to send again after a reload — and in the form.
  const journal = await page.evaluate(() => Object.keys(localStorage).filter((name) => name.startsWith('idem-journal:')).map((name) => localStorage.getItem(name)));
  expect(journal.join(), 'the link journal still holds the key').toContain(firstPress[0]!.slice(1, -1));
  expect(journal.join(), 'with the payment, to resume after a reload').toContain('"path":"checkout.placeOrder"');
  // The payment is locked until its outcome is known: its card and address cannot change.
  for (const radio of await page.getByRole('radio').all()) await expect(radio).toBeDisabled();
  await expect(page.getByLabel('Full name')).toBeDisabled();
  await expect(page.getByRole('button', { name: /^Try again — \$/ })).toBeEnabled();

  await page.unroute(PLACE_ORDER);
  await page.getByRole('button', { name: /^Try again/ }).click();

  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  await expect(page.getByTestId('payment-notice')).toHaveText(
    'Your payment had gone through — only the confirmation got lost on the way back. We checked: you were charged once.',
  );
  expect(shop.payKeys).toHaveLength(firstPress.length + 1);
  expect(new Set(shop.payKeys).size, '"Try again" reused the first key').toBe(1);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((name) => name.startsWith('idem-journal:'))), 'the receipt settled it').toEqual([]);

  const sessionId = await shop.sessionId();
  const truth = groundTruth(sessionId);
  expect(truth.orderKeys, 'exactly one order, under the first key').toEqual([firstPress[0]!.slice(1, -1)]);
  expect(truth.succeededCharges, 'exactly one successful charge').toBe(1);
  expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, charges: 1, keys: 1 });
  // Replay counts reach the database in batches (IDEMPOTENCY_REPLAY_FLUSH_MS): wait for them.
  await expect.poll(async () => (await shop.counts()).replays).toBeGreaterThanOrEqual(firstPress.length);
});
