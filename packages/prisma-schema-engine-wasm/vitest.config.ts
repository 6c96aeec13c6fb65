import { defineConfig } from 'vitest/config';

// Every suite runs on SQLite (temporary files) and on PostgreSQL: TEST_POSTGRES_URL's server (the
// global setup stops the run when it does not answer), or a throwaway embedded one when it is unset.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test-utils/global-setup.ts'],
    // A Prisma CLI call takes 2–6 s, more when several run at once on few cores.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', ['json', { outputFile: 'reports/vitest.json' }]],
  },
});
