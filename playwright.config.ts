/**
 * Browser tests (`npm run test:e2e`): Playwright driving Debian's Chromium — never a downloaded
 * browser — against the built app served by `next start` on a throwaway SQLite database.
 * The vitest suites own `e2e/*.test.ts`; Playwright owns `e2e/*.spec.ts`.
 */
import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

// Workers load this file again: the port and database chosen here reach them through the environment.
process.env.E2E_PORT ??= freePort();
process.env.E2E_DATABASE_URL ??= `file:${path.join(import.meta.dirname, '.data', 'e2e', 'e2e.db')}`;
// The operator credential of the test server; e2e/operator-page.spec.ts signs in with it.
process.env.E2E_OPS_TOKEN ??= `e2e-ops-${randomBytes(24).toString('base64url')}`;
const baseURL = `http://127.0.0.1:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: 'e2e',
  testMatch: '*.spec.ts',
  outputDir: 'test-results',
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // Builds what is missing (turbo, cached), recreates the database, then `next start`.
    command: 'node_modules/.bin/tsx scripts/e2e-server.ts',
    url: `${baseURL}/api/health/ready`,
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      PORT: process.env.E2E_PORT,
      HOST: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      TURBO_TELEMETRY_DISABLED: '1',
      // The operator page is tested, gateway chaos included: both are off unless enabled.
      OPS_TOKEN: process.env.E2E_OPS_TOKEN,
      ENABLE_GATEWAY_CHAOS: '1',
      // Replay counts reach the database in batches; short ones keep the specs' waits short.
      IDEMPOTENCY_REPLAY_FLUSH_MS: '100',
    },
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});

/** A port nobody listens on, found synchronously (the config cannot await). */
function freePort(): string {
  const script = "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' });
}
