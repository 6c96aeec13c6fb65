import path from 'node:path';
import type { Page } from '@playwright/test';

/**
 * Saves a screenshot for the README under docs/screenshots/ when SCREENSHOTS=1
 * (`npm run screenshots`); otherwise does nothing, so ordinary runs leave the tree clean.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join('docs', 'screenshots', `${name}.png`), fullPage: options.fullPage ?? false, animations: 'disabled', caret: 'hide' });
}
