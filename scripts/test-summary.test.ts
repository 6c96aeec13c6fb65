import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const script = path.join(import.meta.dirname, 'test-summary.mjs');

/** A vitest JSON report, shaped as vitest 4 writes it, with one test per entry of `statuses`. */
function vitestReport(file: string, statuses: ('passed' | 'failed' | 'skipped' | 'todo')[], extra: Record<string, unknown> = {}) {
  const count = (status: string) => statuses.filter((s) => s === status).length;
  return {
    numTotalTests: statuses.length,
    numPassedTests: count('passed'),
    numFailedTests: count('failed'),
    numPendingTests: count('skipped'),
    numTodoTests: count('todo'),
    success: count('failed') === 0,
    testResults: [
      {
        name: file,
        status: count('failed') ? 'failed' : 'passed',
        assertionResults: statuses.map((status, i) => ({ ancestorTitles: ['suite'], fullName: `suite test ${i}`, title: `test ${i}`, status, failureMessages: [] })),
      },
    ],
    ...extra,
  };
}

/** A Playwright JSON report, shaped as Playwright 1.65 writes it. */
function playwrightReport(tests: { title: string; status: 'expected' | 'unexpected' | 'skipped' | 'flaky' }[], errors: unknown[] = []) {
  const count = (status: string) => tests.filter((t) => t.status === status).length;
  return {
    stats: { startTime: new Date().toISOString(), duration: 1, expected: count('expected'), unexpected: count('unexpected'), skipped: count('skipped'), flaky: count('flaky') },
    suites: [{ title: 'shop.spec.ts', file: 'shop.spec.ts', specs: tests.map((t) => ({ title: t.title, tests: [{ status: t.status, projectName: 'chromium', results: [] }] })), suites: [] }],
    errors,
  };
}

describe('scripts/test-summary.mjs', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'idem-summary-'));
    for (const name of ['trpc-link', 'trpc-server']) await write(`packages/${name}/package.json`, { name, scripts: { test: 'vitest run' } });
    await write('packages/docs-only/package.json', { name: 'docs-only', scripts: {} }); // no tests, no report expected
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function write(file: string, content: unknown) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), JSON.stringify(content));
  }
  async function writeAllVitestReports() {
    await write('packages/trpc-link/reports/vitest.json', vitestReport('/r/packages/trpc-link/src/a.test.ts', ['passed', 'passed']));
    await write('packages/trpc-server/reports/vitest.json', vitestReport('/r/packages/trpc-server/src/b.test.ts', ['passed']));
    await write('reports/vitest-app.json', vitestReport('/r/e2e/c.test.ts', ['passed', 'passed', 'passed']));
  }
  function summary(...args: string[]) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [script, ...args], { cwd: root }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }));
    });
  }

  it('passes and counts every suite when every expected report is there and green', async () => {
    await writeAllVitestReports();
    await write('reports/playwright.json', playwrightReport([{ title: 'buys', status: 'expected' }]));
    expect(await summary('--with-browser')).toEqual({ code: 0, stdout: '4 of 4 reports read\n7 passed, 0 failed, 0 skipped\n', stderr: '' });
  });

  it("fails when a package's report is missing, naming it", async () => {
    await writeAllVitestReports();
    await rm(path.join(root, 'packages/trpc-server/reports'), { recursive: true });
    const result = await summary();
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('2 of 3 reports read\n5 passed, 0 failed, 0 skipped\n');
    expect(result.stderr).toContain(`missing report: ${path.join('packages', 'trpc-server', 'reports', 'vitest.json')}`);
  });

  it("fails when the app's report is missing: the database suites did not run", async () => {
    await writeAllVitestReports();
    await rm(path.join(root, 'reports/vitest-app.json'));
    const result = await summary();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`missing report: ${path.join('reports', 'vitest-app.json')}`);
  });

  it('requires the Playwright report with --with-browser, and counts it whenever it is there', async () => {
    await writeAllVitestReports();
    const without = await summary('--with-browser');
    expect(without.code).toBe(1);
    expect(without.stderr).toContain(`missing report: ${path.join('reports', 'playwright.json')}`);
    expect(await summary()).toMatchObject({ code: 0, stdout: '3 of 3 reports read\n6 passed, 0 failed, 0 skipped\n' });

    await write('reports/playwright.json', playwrightReport([{ title: 'pays', status: 'unexpected' }]));
    expect(await summary()).toMatchObject({ code: 1, stdout: '4 of 4 reports read\n6 passed, 1 failed, 0 skipped\n' });
  });

  it('names skipped and todo vitest tests and fails on them', async () => {
    await writeAllVitestReports();
    await write('reports/vitest-app.json', vitestReport(path.join(root, 'e2e/c.test.ts'), ['passed', 'skipped', 'todo']));
    const result = await summary();
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('3 of 3 reports read\n4 passed, 0 failed, 2 skipped\n');
    expect(result.stderr).toContain(`skipped: ${path.join('e2e', 'c.test.ts')} › suite test 1 [skipped]`);
    expect(result.stderr).toContain(`skipped: ${path.join('e2e', 'c.test.ts')} › suite test 2 [todo]`);
  });

  it('names skipped Playwright tests and fails on them', async () => {
    await writeAllVitestReports();
    await write('reports/playwright.json', playwrightReport([{ title: 'buys', status: 'expected' }, { title: 'reloads', status: 'skipped' }]));
    const result = await summary('--with-browser');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('4 of 4 reports read\n7 passed, 0 failed, 1 skipped\n');
    expect(result.stderr).toContain('skipped: shop.spec.ts › reloads');
  });

  it('counts a vitest run that failed without a failed test (a file that did not load) as a failure', async () => {
    await writeAllVitestReports();
    await write('reports/vitest-app.json', vitestReport('/r/e2e/c.test.ts', ['passed'], { success: false }));
    expect(await summary()).toMatchObject({ code: 1, stdout: '3 of 3 reports read\n4 passed, 1 failed, 0 skipped\n' });
  });

  it('counts Playwright errors outside tests (the web server never started) as failures', async () => {
    await writeAllVitestReports();
    await write('reports/playwright.json', playwrightReport([], [{ message: 'Timed out waiting 240000ms from config.webServer.' }]));
    expect(await summary('--with-browser')).toMatchObject({ code: 1, stdout: '4 of 4 reports read\n6 passed, 1 failed, 0 skipped\n' });
  });
});
