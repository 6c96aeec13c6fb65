// Prints one plain line, "N passed, N failed, N skipped, N of N reports", from the test reports of
// this run, and exits 1 unless every expected report is there, every test in them passed and none
// was skipped. A suite that wrote no report, or a test that did not run, must fail the count, not
// shrink it.
//
// Expected reports (paths relative to the working directory, the repo root):
// - packages/<name>/reports/vitest.json for every workspace package with a "test" script;
// - reports/vitest-app.json, the app's vitest run;
// - reports/playwright.json, the browser suite: required with --with-browser (CI runs it), counted
//   whenever it is there.
//
// Usage: node scripts/test-summary.mjs [--with-browser]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const withBrowser = process.argv.includes('--with-browser');
const unknown = process.argv.slice(2).filter((arg) => arg !== '--with-browser');
if (unknown.length > 0) {
  console.error(`test-summary: unknown argument(s) ${unknown.join(' ')}; usage: node scripts/test-summary.mjs [--with-browser]`);
  process.exit(2);
}

const expected = [
  ...packagesWithTests().map((dir) => ({ file: path.join(dir, 'reports', 'vitest.json'), kind: 'vitest', required: true })),
  { file: path.join('reports', 'vitest-app.json'), kind: 'vitest', required: true },
  { file: path.join('reports', 'playwright.json'), kind: 'playwright', required: withBrowser },
];

let passed = 0;
let failed = 0;
let skipped = 0;
let found = 0;
const problems = [];
for (const { file, kind, required } of expected) {
  if (!existsSync(file)) {
    if (required) problems.push(`missing report: ${file} (its suite did not run, or crashed before reporting)`);
    continue;
  }
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`unreadable report: ${file} (${error.message})`);
    continue;
  }
  found++;
  const counts = kind === 'playwright' ? playwrightCounts(report) : vitestCounts(report);
  passed += counts.passed;
  failed += counts.failed;
  skipped += counts.skipped;
  for (const name of counts.skippedNames) problems.push(`skipped: ${name} (in ${file})`);
  if (counts.skippedNames.length < counts.skipped) problems.push(`skipped: ${counts.skipped - counts.skippedNames.length} more test(s) the report does not name (in ${file})`);
  if (counts.passed + counts.failed + counts.skipped === 0) problems.push(`no tests: ${file} reports none`);
}

for (const problem of problems) console.error(problem);
const total = expected.filter((e) => e.required || existsSync(e.file)).length;
console.log(`${found} of ${total} reports read`);
// The last line alone, in the form CI's reader understands.
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
if (problems.length > 0 || failed > 0 || passed === 0) process.exit(1);

/** Workspace packages that have a test script: each writes its own vitest report. */
function packagesWithTests() {
  if (!existsSync('packages')) return [];
  return readdirSync('packages')
    .map((name) => path.join('packages', name))
    .filter((dir) => {
      const manifest = path.join(dir, 'package.json');
      return existsSync(manifest) && typeof JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test === 'string';
    })
    .sort();
}

// Playwright: `expected` tests passed, `unexpected` and `flaky` failed; errors outside tests (the
// web server did not start, a spec failed to load) count as failures too. Skipped tests include
// test.skip/fixme and the tests an interrupted run never reached.
function playwrightCounts(report) {
  const names = [];
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) if (test.status === 'skipped') names.push([...titles, spec.title].filter(Boolean).join(' › '));
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  const stats = report.stats ?? {};
  return {
    passed: stats.expected ?? 0,
    failed: (stats.unexpected ?? 0) + (stats.flaky ?? 0) + (report.errors?.length ?? 0),
    // The stats are the count; the walk only names them.
    skipped: Math.max(stats.skipped ?? 0, names.length),
    skippedNames: names,
  };
}

// vitest: skipped (`numPendingTests`) and todo (`numTodoTests`) tests are named from the per-test
// results; a failed run with no failed test (a file that did not load) counts as one failure.
function vitestCounts(report) {
  const names = [];
  for (const file of report.testResults ?? []) {
    for (const test of file.assertionResults ?? []) {
      if (['skipped', 'pending', 'todo', 'disabled'].includes(test.status)) names.push(`${path.relative(process.cwd(), file.name)} › ${test.fullName} [${test.status}]`);
    }
  }
  const orphanFailure = report.success === false && (report.numFailedTests ?? 0) === 0 ? 1 : 0;
  return {
    passed: report.numPassedTests ?? 0,
    failed: (report.numFailedTests ?? 0) + orphanFailure,
    skipped: Math.max((report.numPendingTests ?? 0) + (report.numTodoTests ?? 0), names.length),
    skippedNames: names,
  };
}
