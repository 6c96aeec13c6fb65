import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { screenshot } from './playwright/screenshot';
import { expect, test } from './playwright/shop-test';

// Products no other spec buys, so their stock is the seeded one whatever runs alongside.
const SCALE = { id: 'acaia-pearl', name: 'Acaia Pearl Coffee Scale' };
const GESHA = { id: 'limited-gesha', name: 'Panama Gesha Lot 7, 100 g' };
const BEANS = 5;

/** Accessibility problems axe rates serious or critical on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** Whether the page is wider than the window (a sideways scroll). */
const overflowsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

/** The product cards on the catalog page. */
const cards = (page: Page) => page.locator('.product-grid > li');

for (const width of [390, 1280]) {
  test.describe(`the catalog at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('browses an aisle by its link, searches it, finds nothing and clears the search, and sorts by price', async ({ page }) => {
      await page.goto('/');
      await expect(cards(page)).toHaveCount(14);
      await page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Beans' }).click();
      await expect(page).toHaveURL(/\/\?category=beans$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beans');
      await expect(page.getByRole('navigation', { name: 'Categories' }).getByRole('link', { name: 'Beans' })).toHaveAttribute('aria-current', 'page');
      await expect(cards(page)).toHaveCount(BEANS);
      await expect(page.locator('.product-card .product-category')).toHaveText(Array(BEANS).fill('Beans'));
      await screenshot(page, `catalog-beans-${width}`);

      await page.getByRole('searchbox', { name: 'Search products' }).fill('kenya');
      await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
      await expect(page).toHaveURL(/category=beans&q=kenya/);
      await expect(cards(page)).toHaveCount(1);
      await expect(cards(page).getByRole('heading')).toHaveText('Kenya Nyeri AA, 340 g');
      await expect(page).toHaveTitle('Beans: “kenya” — Idem Shop');

      await page.getByRole('searchbox', { name: 'Search products' }).fill('teapot');
      await page.getByRole('button', { name: 'Search' }).click();
      await expect(page.getByText('Nothing matches “teapot” in Beans.')).toBeVisible();
      await expect(page.locator('.result-count')).toHaveText('0 products');
      await screenshot(page, `catalog-no-results-${width}`);
      await page.getByRole('link', { name: 'Clear the search' }).click();
      await expect(page).toHaveURL(/\/\?category=beans$/);
      await expect(cards(page)).toHaveCount(BEANS);
      await expect(page.getByRole('searchbox', { name: 'Search products' })).toHaveValue('');

      await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Price: high to low' });
      await expect(page).toHaveURL(/sort=price-desc/);
      await expect(cards(page).first().getByRole('heading')).toHaveText(GESHA.name);
      await expect(cards(page).last().getByRole('heading')).toHaveText('Colombia Huila Washed, 340 g');
    });

    test('opens a product page from the catalog and adds a chosen quantity to the cart from it', async ({ page }) => {
      await page.goto('/?category=accessories');
      await page.getByRole('link', { name: SCALE.name }).click();
      await expect(page).toHaveURL(new RegExp(`/products/${SCALE.id}$`));
      await expect(page).toHaveTitle(`${SCALE.name} — Idem Shop`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(SCALE.name);
      await expect(page.getByText('$149.95')).toBeVisible();
      await expect(page.locator('.product-page .stock')).toHaveText('7 in stock');
      const image = page.getByRole('img', { name: SCALE.name });
      await expect(image).toHaveAttribute('src', `/products/${SCALE.id}.svg`);
      expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the drawing loaded').toBe(true);
      const breadcrumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
      await expect(breadcrumbs.getByRole('link', { name: 'Accessories' })).toHaveAttribute('href', '/?category=accessories');

      await page.getByRole('combobox', { name: 'Quantity' }).selectOption('3');
      await page.getByRole('button', { name: `Add ${SCALE.name} to cart` }).click();
      await expect(page.getByRole('status').filter({ hasText: 'Added' })).toHaveText(/Added — 3 in your cart\./);
      await expect(page.getByTestId('cart-count')).toContainText('3');
      await screenshot(page, `product-page-${width}`);

      await page.goto('/cart');
      await expect(page.getByRole('status', { name: `Quantity of ${SCALE.name}` })).toHaveText('3');
      await page.goBack();
      await breadcrumbs.getByRole('link', { name: 'Accessories' }).click();
      await expect(page).toHaveURL(/\/\?category=accessories$/);
    });

    test('says how few are left of a scarce product', async ({ page }) => {
      await page.goto(`/products/${GESHA.id}`);
      await expect(page.locator('.product-page .stock')).toHaveText('Only 3 left');
    });

    test('answers an unknown product and an unknown path with the shop’s 404, with a way back', async ({ page }) => {
      for (const path of ['/products/no-such-product', '/no/such/page']) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(404);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('We couldn’t find that page');
        await expect(page).toHaveTitle(/not found — Idem Shop$/);
        await expect(page.getByRole('link', { name: 'Idem Shop' })).toBeVisible();
      }
      await screenshot(page, `not-found-${width}`);
      await page.getByRole('link', { name: 'Back to the shop' }).click();
      await expect(page).toHaveURL(/\/$/);
      await expect(cards(page)).toHaveCount(14);
    });

    test('every shopper page fits the window: no sideways scrolling', async ({ page, shop }) => {
      await shop.addToCart('Hario V60 Ceramic Dripper');
      for (const path of ['/', '/?category=grinders', '/?q=kenya', '/?q=teapot', `/products/${GESHA.id}`, '/cart', '/checkout', '/orders', '/no-such-page']) {
        await page.goto(path);
        await expect(page.locator('#main')).toBeVisible();
        expect(await overflowsSideways(page), path).toBe(false);
      }
    });

    test('has no serious or critical accessibility problems (axe) on the catalog, an aisle, a search, a product, the cart and the 404', async ({ page, shop }) => {
      await shop.addToCart('Kinto Travel Tumbler, 350 ml');
      for (const path of ['/', '/?category=brewers', '/?q=kenya', '/?q=teapot', `/products/${SCALE.id}`, '/cart', '/no-such-page']) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        expect(await seriousViolations(page), path).toEqual([]);
      }
    });
  });
}

test('every control on the catalog and product pages shows where keyboard focus is', async ({ page }) => {
  for (const path of ['/', `/products/${SCALE.id}`]) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    for (let step = 0; step < 12; step++) {
      await page.keyboard.press('Tab');
      const outline = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element?.matches('a, button, input, select, summary')) return null;
        const style = getComputedStyle(element);
        return { tag: element.tagName, style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
      });
      if (!outline) continue;
      expect(outline.style, `${path}: ${outline.tag} after ${step + 1} tabs`).not.toBe('none');
      expect(outline.width, `${path}: ${outline.tag} after ${step + 1} tabs`).toBeGreaterThanOrEqual(2);
    }
  }
});
