import type { Page } from '@playwright/test';
import { seriousViolations } from './playwright/page-checks';
import { screenshot } from './playwright/screenshot';
import { expect, test } from './playwright/shop-test';

/** A product's stock, read through the API (uncached). */
async function stockOf(page: Page, id: string): Promise<number> {
  const response = await page.request.get(`/api/trpc/catalog.byId?input=${encodeURIComponent(JSON.stringify({ id }))}`);
  return ((await response.json()) as { result: { data: { stock: number } } }).result.data.stock;
}

test('a declined card keeps the order open; paying it with another card makes one order with two attempts and one charge', async ({ page, shop }) => {
  // $38.00 to the United States: $5.95 shipping, 7.25 % tax on the goods ($2.76).
  await shop.addToCart('House Espresso Blend, 1 kg');
  await shop.openCheckout(/Visa ending in 9995/);

  await page.getByRole('button', { name: 'Pay $46.71' }).click();
  const problem = page.getByRole('main').getByRole('alert');
  await expect(problem).toContainText('Your payment was declined.');
  await expect(problem).toContainText('Your card has insufficient funds.');
  await expect(problem).toContainText('No money was taken');
  await expect(problem).not.toContainText('insufficient_funds');
  await expect(problem).toBeFocused();
  const heading = page.getByRole('heading', { name: /^Finish paying order IDM-[0-9A-Z]{7}$/ });
  await expect(heading).toBeVisible();
  const orderNumber = ((await heading.textContent()) ?? '').replace('Finish paying order ', '');
  await expect(problem).toContainText(`order ${orderNumber}`);
  await expect(page.getByRole('complementary', { name: `Order ${orderNumber}` }).getByTestId('summary-total')).toHaveText('$46.71');
  expect(await seriousViolations(page), 'the declined checkout').toEqual([]);
  await screenshot(page, 'checkout-declined', { fullPage: true });
  expect(await shop.counts()).toMatchObject({ orders: 1, awaitingOrders: 1, paymentAttempts: 1, declinedCharges: 1, succeededCharges: 0 });

  // Another card: the decline message goes, and "Pay" pays the same order.
  await shop.chooseCard(/Visa ending in 4242/);
  await expect(problem).toHaveCount(0);
  await page.getByRole('button', { name: 'Pay $46.71' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  await expect(page.getByTestId('order-number')).toHaveText(orderNumber);
  const receipt = page.getByRole('article', { name: `Receipt for order ${orderNumber}` });
  await expect(receipt.getByTestId('payment-line')).toContainText('Paid $46.71 with Visa •••• 4242 on');
  const attempts = receipt.getByTestId('payment-attempt');
  await expect(attempts).toHaveCount(2);
  await expect(attempts.nth(0)).toContainText(/^Declined\s*Visa •••• 9995/);
  await expect(attempts.nth(1)).toContainText(/^Paid\s*Visa •••• 4242/);
  await expect(receipt).not.toContainText(/succeeded|declined|insufficient_funds/);
  await screenshot(page, 'receipt-two-attempts', { fullPage: true });

  await page.getByRole('link', { name: 'All your orders' }).click();
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('order-row')).toContainText(orderNumber);
  await expect(page.getByTestId('order-row')).toContainText('Paid');

  expect(shop.payKeys, 'one placeOrder').toHaveLength(1);
  expect(shop.payOrderKeys, 'one payOrder, under its own key').toHaveLength(1);
  expect(shop.payOrderKeys[0]).not.toBe(shop.payKeys[0]);
  expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, paymentAttempts: 2, charges: 2, declinedCharges: 1, succeededCharges: 1, keys: 1, payOrderKeys: 1 });
});

test('back at the checkout later, the open order is offered for payment; cancelling it puts its lines back in the cart', async ({ page, shop }) => {
  const before = await stockOf(page, 'aeropress-go');
  await shop.addToCart('AeroPress Go Travel Coffee Press', 2);
  await shop.openCheckout(/Visa ending in 0002/);
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('Your card was declined.');
  expect(await shop.cart(), 'the order took the cart').toEqual({});
  expect(await stockOf(page, 'aeropress-go'), 'the open order holds the stock').toBe(before - 2);

  // The same declined card again is a new attempt on the same order, with a new key.
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('main').getByRole('alert')).toBeFocused();
  await expect.poll(async () => (await shop.counts()).paymentAttempts).toBe(2);

  await page.goto('/');
  await page.goto('/checkout');
  const heading = page.getByRole('heading', { name: /^Finish paying order IDM-/ });
  await expect(heading).toBeVisible();
  await expect(page.getByText('the last card you tried, Visa •••• 0002, was declined')).toBeVisible();
  await expect(page.getByRole('main').getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Checkout' })).toContainText('ada@example.com');

  await page.getByRole('button', { name: 'Cancel order and return to cart' }).click();
  await expect(page.getByRole('heading', { name: 'Your cart' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Quantity of AeroPress Go Travel Coffee Press' })).toHaveText('2');
  expect(await shop.cart()).toEqual({ 'aeropress-go': 2 });
  expect(await stockOf(page, 'aeropress-go'), 'the stock is back on the shelf').toBe(before);
  expect(shop.payOrderKeys).toHaveLength(1);
  expect(await shop.counts()).toMatchObject({ orders: 1, cancelledOrders: 1, paidOrders: 0, paymentAttempts: 2, declinedCharges: 2, succeededCharges: 0, cancelOrderKeys: 1 });

  await page.goto('/orders');
  await expect(page.getByTestId('order-row')).toContainText('Cancelled');
});

test('a card token the provider does not know: a clear message, nothing charged, and the same order is paid with a real card', async ({ page, shop }) => {
  await shop.addToCart('Espresso Knock Box');
  await shop.openCheckout();
  // The page only offers the simulated cards: swap the token on the way out, as a tampered client would.
  const PLACE_ORDER = '**/api/trpc/checkout.placeOrder**';
  await page.route(PLACE_ORDER, (route) => route.continue({ postData: (route.request().postData() ?? '').replace('"tok_visa"', '"tok_doesNotExist"') }));
  await page.getByRole('button', { name: 'Pay $37.05' }).click();
  const problem = page.getByRole('main').getByRole('alert');
  await expect(problem).toContainText('This card could not be used.');
  await expect(problem).toContainText('These card details could not be used.');
  await expect(problem).not.toContainText(/invalid_token|tok_/);
  await page.unroute(PLACE_ORDER);
  expect(await shop.counts()).toMatchObject({ orders: 1, awaitingOrders: 1, charges: 0 });

  await shop.chooseCard(/Mastercard ending in 4444/);
  await expect(problem).toHaveCount(0);
  await page.getByRole('button', { name: 'Pay $37.05' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  await expect(page.getByTestId('payment-line')).toContainText('Paid $37.05 with Mastercard •••• 4444');
  await expect(page.getByTestId('payment-attempt')).toHaveCount(2);
  expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, paymentAttempts: 2, charges: 1, succeededCharges: 1 });
});
