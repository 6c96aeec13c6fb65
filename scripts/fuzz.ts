/**
 * `npm run fuzz`: the full fuzz run. Starts the real API server on a fresh database of its own
 * (SQLite; `--postgres` or FUZZ_DATABASE=postgresql for PostgreSQL at TEST_POSTGRES_URL), sends
 * FUZZ_RUNS (default 10 000) generated requests from FUZZ_SEED (printed; new each run when unset),
 * then checks the server is healthy and every stored record well formed. Prints a summary table and
 * exits 1 on any violation. The database is deleted after a clean run and kept after a failed one.
 */
import { checkHealthAfter } from '../e2e/fuzz/health-after';
import { checkStoredRecords, settledRecords } from '../e2e/fuzz/record-checks';
import { readFuzzSettings, replayHint } from '../e2e/fuzz/fuzz-settings';
import { startFuzzServer } from '../e2e/fuzz/fuzz-server';
import { runFuzz } from '../e2e/fuzz/run-fuzz';
import { createFuzzDatabase } from './fuzz-database';
import { redactDatabaseUrl } from '~/server/db/database-url';

const provider = process.argv.includes('--postgres') || process.env.FUZZ_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';
const settings = readFuzzSettings(process.env, { requests: 10_000 });
console.log(`${replayHint(settings)} on ${provider}`);

const database = await createFuzzDatabase(provider);
const server = await startFuzzServer(database.url);
let clean = false;
try {
  let printed = 0;
  const report = await runFuzz({
    url: server.url,
    db: database.db,
    ...settings,
    onProgress: (stats) => {
      if (stats.requests - printed < 1_000) return;
      printed = stats.requests;
      console.log(`  ${stats.requests} requests, ${stats.serverErrors} × 5xx, ${stats.totalViolations} violations`);
    },
  });
  const health = await checkHealthAfter(server.url);
  await settledRecords(database.db);
  const records = await checkStoredRecords(database.db, [...report.principals.ids, health.sessionId]);

  console.log(`\n${replayHint(settings)} on ${provider}: ${(report.durationMs / 1000).toFixed(1)} s, ${Math.round(report.stats.requests / (report.durationMs / 1000))} requests/s`);
  for (const line of report.stats.table()) console.log(line);
  console.log(`records checked: ${records.records} (orders ${records.orders}), problems: ${records.problems.length}`);
  for (const problem of records.problems.slice(0, 20)) console.log(`  ${problem}`);
  const log = server.logSummary();
  console.log(`server log: ${log.requests5xx} request(s) with a 5xx status, ${log.errors} other error line(s)`);
  for (const line of log.samples) console.log(`  ${line}`);
  console.log(`afterwards: ready ${health.readyStatus}, checkout ${health.checkoutStatus}, retry ${health.retryStatus} (replayed ${health.retryReplayed}, same answer ${health.sameAnswer})`);
  if (report.failure) {
    console.log(`\nFAILED — shrunk counterexample:\n${report.violations.join('\n')}\n\n${report.failure}`);
    console.log(`\nserver log (last lines):\n${server.recentLog().slice(-40).join('\n')}`);
  }
  const logClean = log.requests5xx === 0 && log.errors === 0;
  clean = !report.failure && report.stats.totalViolations === 0 && report.stats.serverErrors === 0 && logClean && health.healthy && records.problems.length === 0;
  console.log(clean ? '\nOK: no 5xx (answered or logged), no cross-principal replay, healthy, records well formed.' : `\nFAILED (database kept: ${redactDatabaseUrl(database.url)})`);
} finally {
  await server.stop();
  await database.close({ drop: clean });
}
process.exit(clean ? 0 : 1);
