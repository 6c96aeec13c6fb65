// Prints one plain line, "N passed, N failed", from every vitest JSON report of this run
// (reports/*.json at the root and in each package). Exits 1 when a test failed or none ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const dirs = ['reports', ...readdirSync('packages').map((p) => path.join('packages', p, 'reports'))];
let passed = 0;
let failed = 0;
let files = 0;
for (const dir of dirs.filter((d) => existsSync(d))) {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (report.numTotalTestSuites > 0 && report.success === false && report.numFailedTests === 0 ? 1 : 0);
    files++;
  }
}
console.log(`${passed} passed, ${failed} failed`);
if (files === 0 || passed === 0 || failed > 0) process.exit(1);
