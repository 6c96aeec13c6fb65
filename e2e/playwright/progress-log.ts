import type { Page } from '@playwright/test';

/**
 * Records every text the checkout's payment-progress region shows, as it changes, so a test can
 * assert the whole sequence ("attempt 2 of 6", then "attempt 3 of 6") however fast it went by.
 * Survives client-side navigation (same document), not a reload.
 */
export async function recordPaymentProgress(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __paymentProgress: string[] }).__paymentProgress = seen;
    const capture = () => {
      const text = document.querySelector('[data-testid="payment-progress"]')?.textContent?.trim();
      if (text && text !== seen.at(-1)) seen.push(text);
    };
    new MutationObserver(capture).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __paymentProgress: string[] }).__paymentProgress);
}
