import { collectConsoleErrors, lineCount, overflowsSideways, seriousViolations } from './playwright/page-checks';
import { screenshot } from './playwright/screenshot';
import { expect, test, US_ADDRESS } from './playwright/shop-test';

const UK_ADDRESS = { ...US_ADDRESS, line1: '12 St James’s Square', line2: '', city: 'London', region: '', postalCode: 'SW1Y 4JH', country: 'United Kingdom' };

/** The browser's autofill token of each field. */
const AUTOCOMPLETE = [
  ['Email', 'email'],
  ['Full name', 'name'],
  ['Address', 'address-line1'],
  ['Apartment, suite, etc.', 'address-line2'],
  ['City', 'address-level2'],
  ['State / region', 'address-level1'],
  ['Postal code', 'postal-code'],
  ['Country', 'country'],
] as const;

for (const width of [390, 1280]) {
  test.describe(`checkout, receipt and order history at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('a full purchase with an address: validation, a new quote for another country, receipt and history that fit and pass axe', async ({ page, shop }) => {
      const consoleErrors = collectConsoleErrors(page);
      await shop.addToCart('Hario V60 Ceramic Dripper');
      await page.goto('/checkout');
      const form = page.getByRole('form', { name: 'Checkout' });
      const summary = page.getByRole('complementary', { name: 'Order summary' });
      await expect(summary.getByTestId('summary-total')).toHaveText('$35.44');

      // Two columns from 1024 px (form left, summary right), one below (summary first).
      const [formBox, summaryBox] = [await form.boundingBox(), await summary.boundingBox()];
      if (!formBox || !summaryBox) throw new Error('checkout not laid out');
      if (width >= 1024) expect(summaryBox.x, 'summary right of the form').toBeGreaterThanOrEqual(formBox.x + formBox.width);
      else expect(summaryBox.y + summaryBox.height, 'summary above the form').toBeLessThanOrEqual(formBox.y);
      for (const [label, token] of AUTOCOMPLETE) await expect(form.getByLabel(label, { exact: label === 'Address' })).toHaveAttribute('autocomplete', token);
      await expect(form.getByRole('group', { name: 'Card' })).toContainText('Simulated payment');
      await expect(form.getByRole('radio', { name: /^Visa ending in 4242 Approves$/ })).toBeChecked();

      // Nothing filled in: inline messages, focus on the first field, nothing sent.
      await page.getByRole('button', { name: 'Pay $35.44' }).click();
      await expect(form.getByLabel('Email')).toBeFocused();
      await expect(form.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
      await expect(form.getByLabel('Email')).toHaveAccessibleDescription('Enter an email address like name@example.com.');
      await expect(form.getByLabel('Full name')).toHaveAccessibleDescription('Name is required.');
      expect(await seriousViolations(page), 'checkout with messages').toEqual([]);
      expect(shop.payKeys).toEqual([]);

      // Another country: shipping and tax are quoted again ($19.95 to Europe, 20 % VAT on goods and shipping).
      await shop.fillAddress(UK_ADDRESS);
      await expect(summary.getByTestId('summary-shipping')).toHaveText('$19.95');
      await expect(summary.getByTestId('summary-tax')).toHaveText('$9.49');
      await expect(summary.getByTestId('summary-total')).toHaveText('$56.94');
      await expect(summary).toContainText('delivery to United Kingdom');
      await expect(form.locator('[aria-invalid="true"]')).toHaveCount(0);
      expect(await overflowsSideways(page)).toBe(false);
      expect(await seriousViolations(page), 'checkout filled in').toEqual([]);
      await screenshot(page, `checkout-${width}`, { fullPage: true });

      await page.getByRole('button', { name: 'Pay $56.94' }).click();
      await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
      const receipt = page.getByRole('article', { name: /^Receipt for order IDM-/ });
      await expect(receipt.getByTestId('payment-line')).toContainText('Paid $56.94 with Visa •••• 4242 on');
      await expect(receipt).toContainText('12 St James’s Square');
      await expect(receipt).toContainText('United Kingdom');
      await expect(receipt.getByTestId('receipt-shipping')).toHaveText('$19.95');
      await expect(receipt.getByTestId('receipt-tax')).toHaveText('$9.49');
      expect(await lineCount(receipt.getByTestId('order-number')), 'order number on one line').toBe(1);
      expect(await lineCount(receipt.getByTestId('order-id')), 'the long id is never wrapped').toBe(1);
      expect(await overflowsSideways(page)).toBe(false);
      expect(await seriousViolations(page), 'receipt').toEqual([]);
      await screenshot(page, `receipt-${width}`, { fullPage: true });
      const orderNumber = (await receipt.getByTestId('order-number').textContent()) ?? '';

      await page.getByRole('link', { name: 'All your orders' }).click();
      const row = page.getByTestId('order-row');
      await expect(row).toHaveCount(1);
      await expect(row.getByRole('link', { name: `Order ${orderNumber}` })).toBeVisible();
      await expect(row).toContainText('Paid');
      await expect(row).toContainText('$56.94');
      expect(await lineCount(row.locator('time')), 'date on one line').toBe(1);
      expect(await overflowsSideways(page)).toBe(false);
      expect(await seriousViolations(page), 'orders').toEqual([]);
      await screenshot(page, `orders-${width}`);

      expect(await shop.counts()).toMatchObject({ orders: 1, paidOrders: 1, succeededCharges: 1, keys: 1 });
      expect(consoleErrors).toEqual([]);
    });
  });
}

test('every control of the checkout shows where keyboard focus is', async ({ page, shop }) => {
  await shop.addToCart('Hario V60 Ceramic Dripper');
  await page.goto('/checkout');
  await expect(page.getByRole('button', { name: /^Pay / })).toBeEnabled();
  await page.getByLabel('Email').focus();
  const seen = new Set<string>();
  for (let step = 0; step < 14; step++) {
    const focus = await page.evaluate(() => {
      const element = document.activeElement;
      if (!element?.matches('a, button, input, select, summary')) return null;
      const style = getComputedStyle(element);
      return { name: `${element.tagName} ${element.getAttribute('name') ?? element.textContent?.trim()}`, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    if (focus) {
      seen.add(focus.name);
      expect(focus.style, focus.name).not.toBe('none');
      expect(focus.width, focus.name).toBeGreaterThanOrEqual(2);
    }
    await page.keyboard.press('Tab');
  }
  // The form's fields, the card choice (one stop for the radio group) and the Pay button were all reached.
  expect([...seen]).toEqual(expect.arrayContaining(['INPUT email', 'INPUT name', 'INPUT line1', 'SELECT country', 'INPUT card', 'BUTTON Pay $35.44']));
});
