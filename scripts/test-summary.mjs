// Prints one plain line, "N passed, N failed", from every test report of this run: vitest's JSON
// reports (reports/*.json at the root and in each package) and Playwright's (reports/playwright.json).
// Exits 1 when a test failed or none ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dirs = ['reports', ...readdirSync('packages').map((p) => path.join('packages', p, 'reports'))];
let passed = 0;
let failed = 0;
let files = 0;
for (const dir of dirs.filter((d) => existsSync(d))) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    const counts = isPlaywrightReport(report) ? playwrightCounts(report) : vitestCounts(report);
    passed += counts.passed;
    failed += counts.failed;
    files++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
if (files === 0 || passed === 0 || failed > 0) process.exit(1);

function isPlaywrightReport(report) {
  return typeof report.stats?.expected === 'number' && Array.isArray(report.suites);
}

// Playwright: `expected` tests passed, `unexpected` failed; errors outside tests (the web server
// did not start, a spec failed to load) count as failures too.
function playwrightCounts(report) {
  return { passed: report.stats.expected, failed: report.stats.unexpected + report.stats.flaky + (report.errors?.length ?? 0) };
}

// vitest: a failed run with no failed test (a suite that did not load) counts as one failure.
function vitestCounts(report) {
  const orphanFailure = report.numTotalTestSuites > 0 && report.success === false && report.numFailedTests === 0 ? 1 : 0;
  return { passed: report.numPassedTests, failed: report.numFailedTests + orphanFailure };
}
