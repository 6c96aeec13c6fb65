import { screenshot } from './playwright/screenshot';
import { expect, test } from './playwright/shop-test';

const PRODUCT = 'Chemex Six-Cup Pour-Over';

test('a shopper buys a product end to end: catalog, cart, checkout with an address, receipt and order history', async ({ page, shop }) => {
  const receiptFetches: string[] = [];
  page.on('request', (request) => request.url().includes('orders.byId') && receiptFetches.push(request.url()));

  await page.goto('/');
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: PRODUCT }) });
  await expect(card).toContainText('18 in stock');
  await shop.addToCart(PRODUCT);
  await expect(page.getByTestId('cart-count')).toContainText('1');
  await screenshot(page, 'catalog');

  await page.getByRole('link', { name: /^Cart/ }).click();
  await expect(page.getByRole('heading', { name: 'Your cart' })).toBeVisible();
  await page.getByRole('button', { name: `One more ${PRODUCT}` }).click();
  await expect(page.getByRole('status', { name: `Quantity of ${PRODUCT}` })).toHaveText('2');
  await expect(page.getByTestId('cart-total')).toHaveText('$97.90');
  await screenshot(page, 'cart');

  await page.getByRole('link', { name: 'Check out' }).click();
  await expect(page.getByTestId('summary-subtotal')).toHaveText('$97.90');
  // United States, the default: free shipping from $75, 7.25 % tax on the goods.
  await expect(page.getByTestId('summary-shipping')).toHaveText('Free');
  await expect(page.getByTestId('summary-tax')).toHaveText('$7.10');
  await expect(page.getByTestId('summary-total')).toHaveText('$105.00');
  await shop.fillAddress();
  await screenshot(page, 'checkout');
  await page.getByRole('button', { name: 'Pay $105.00' }).click();

  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeFocused();
  const receipt = page.getByRole('article', { name: /^Receipt for order IDM-/ });
  await expect(receipt).toContainText(PRODUCT);
  await expect(receipt.getByTestId('payment-line')).toContainText(/^Paid \$105\.00 with Visa •••• 4242 on .+ UTC\.$/);
  await expect(receipt).toContainText('ada@example.com');
  await expect(receipt).toContainText('500 Market Street');
  await expect(page.getByTestId('payment-notice')).toHaveCount(0);
  expect(receiptFetches, 'the receipt is placeOrder’s answer, not a second request').toEqual([]);
  const orderNumber = (await page.getByTestId('order-number').textContent()) ?? '';
  expect(orderNumber).toMatch(/^IDM-[0-9A-HJKMNP-TV-Z]{7}$/);
  const orderId = (await page.getByTestId('order-id').textContent()) ?? '';

  await page.reload();
  await expect(page.getByTestId('order-number')).toHaveText(orderNumber);
  await expect(page.getByTestId('order-id')).toHaveText(orderId);
  expect(receiptFetches, 'after a reload the receipt is fetched').toHaveLength(1);

  await page.getByRole('link', { name: 'All your orders' }).click();
  await expect(page.getByTestId('order-row')).toHaveCount(1);
  await expect(page.getByTestId('order-row')).toContainText(orderNumber);
  await expect(page.getByTestId('order-row')).toContainText('Paid');
  await expect(page.getByTestId('order-row')).toContainText('$105.00');
  await screenshot(page, 'orders');

  // Stock, read through the API (uncached): the order took two.
  const product = await page.request.get(`/api/trpc/catalog.byId?input=${encodeURIComponent(JSON.stringify({ id: 'chemex-6cup' }))}`);
  expect(((await product.json()) as { result: { data: { stock: number } } }).result.data.stock).toBe(16);
  await expect(page.getByTestId('cart-count')).toHaveCount(0);

  expect(shop.payKeys).toHaveLength(1);
  expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, paymentAttempts: 1, charges: 1, succeededCharges: 1, keys: 1, replays: 0 });
});
