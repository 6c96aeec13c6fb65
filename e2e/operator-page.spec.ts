import { screenshot } from './playwright/screenshot';
import { expect, test } from './playwright/shop-test';

const OPS_TOKEN = process.env.E2E_OPS_TOKEN ?? '';

test('the operator API refuses callers without the credential: 401 with a clear message, a stable code and WWW-Authenticate', async ({ playwright }) => {
  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  try {
    const response = await anonymous.get('/api/trpc/ops.idempotencyRecords');
    expect(response.status()).toBe(401);
    expect(response.headers()['www-authenticate']).toBe('Bearer realm="idem-ops"');
    const body = (await response.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe('OPERATOR_CREDENTIAL_REQUIRED');
    expect(body.error.message).toContain('Authorization: Bearer <OPS_TOKEN>');
    const chaos = await anonymous.post('/api/trpc/ops.setGatewayChaos', { data: { latencyMs: 30000, failureRate: 1 } });
    expect(chaos.status()).toBe(401);
    const allowed = await anonymous.get('/api/trpc/ops.gatewayChaos', { headers: { authorization: `Bearer ${OPS_TOKEN}` } });
    expect(allowed.status()).toBe(200);
    expect(((await allowed.json()) as { result: { data: unknown } }).result.data).toEqual({ enabled: true, latencyMs: 0, failureRate: 0 });
  } finally {
    await anonymous.dispose();
  }
});

test('the operator signs in on /ops, lists idempotency records, filters them, sets gateway chaos, and signs out', async ({ page, shop }) => {
  expect(OPS_TOKEN.length).toBeGreaterThanOrEqual(32);
  await shop.addToCart('Baratza Encore Burr Grinder');
  await shop.openCheckout();
  await page.getByRole('button', { name: /^Pay / }).click();
  await expect(page.getByRole('heading', { name: 'Thank you — your order is paid' })).toBeVisible();
  const key = (shop.payKeys[0] ?? '').replaceAll('"', '');
  const preview = `${key.slice(0, 8)}…${key.slice(-4)}`;

  // Not in the shopper's menu; reachable at /ops, where it asks for the credential first.
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Operator' })).toHaveCount(0);
  await page.goto('/ops');
  await expect(page.getByRole('heading', { name: 'Operator sign-in' })).toBeVisible();
  await expect(page.getByTestId('record-row')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Payment gateway chaos' })).toHaveCount(0);

  await page.getByLabel('Operator token').fill(`${OPS_TOKEN.slice(0, -1)}x`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'That is not the operator token.' })).toBeVisible();
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('idem_ops');

  await page.getByLabel('Operator token').fill(OPS_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/ops$/);
  await expect(page.getByRole('heading', { name: 'Idempotency records' })).toBeVisible();
  const opsCookie = (await page.context().cookies()).find((c) => c.name === 'idem_ops');
  expect(opsCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  expect(opsCookie?.value).not.toContain(OPS_TOKEN);

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

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Operator sign-in' })).toBeVisible();
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('idem_ops');
});
