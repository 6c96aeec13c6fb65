import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { checkHealthAfter } from './fuzz/health-after';
import { readFuzzSettings, replayHint } from './fuzz/fuzz-settings';
import { prepareFuzzCatalog, startFuzzServer, type FuzzServer } from './fuzz/fuzz-server';
import { checkStoredRecords, settledRecords } from './fuzz/record-checks';
import { runFuzz, type FuzzReport } from './fuzz/run-fuzz';

// Fuzzing the protocol over real HTTP, CI-sized: generated keys, bodies, cookies, batches and
// principals sharing keys, against the real server process. `npm run fuzz` is the full run
// (10 000 requests); FUZZ_SEED replays a run, FUZZ_RUNS sets its size.

const settings = readFuzzSettings(process.env, { requests: 1_500 });

describe.each(PROVIDERS)('fuzzing the HTTP API on %s (real server process)', (provider) => {
  let database: TestDatabase | undefined;
  let server: FuzzServer | undefined;
  let report: FuzzReport | undefined;
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it(`answers ${settings.requests} generated requests with no 5xx, no answer to anyone but its principal, and nothing run without a session or a key`, async () => {
    database = await createTestDatabase(provider);
    await prepareFuzzCatalog(database.db);
    server = await startFuzzServer(database.url);
    console.log(`${replayHint(settings)} on ${provider}`);
    report = await runFuzz({ url: server.url, db: database.db, ...settings });
    console.log([`${provider}: ${(report.durationMs / 1000).toFixed(1)} s`, ...report.stats.table()].join('\n'));
    const log = server.recentLog().slice(-20).join('\n');
    expect(report.failure, `${replayHint(settings)}\n${report.violations.join('\n')}\n${report.failure}\nserver log:\n${log}`).toBeUndefined();
    expect(report.stats.requests).toBeGreaterThanOrEqual(settings.requests);
    expect(report.stats.serverErrors).toBe(0);
    expect(report.stats.crossPrincipalReplays).toBe(0);
    expect(report.stats.totalViolations).toBe(0);
    // The oracles had something to judge: executions, replays and order ids shown.
    expect(report.stats.byClass['2xx']).toBeGreaterThan(0);
    expect(report.stats.replays).toBeGreaterThan(0);
    expect(report.stats.orderIdsChecked).toBeGreaterThan(0);
  }, 240_000);

  it('is healthy afterwards (ready, a normal checkout and its replay) and every stored record is well formed', async () => {
    if (!server || !database || !report) throw new Error('the fuzz run did not start');
    const health = await checkHealthAfter(server.url);
    expect(health).toMatchObject({ readyStatus: 200, checkoutStatus: 200, retryStatus: 200, retryReplayed: true, sameAnswer: true });
    // Requests whose client left may still be finishing: wait for them (a record count, not a delay).
    expect(await settledRecords(database.db)).toBe(0);
    const records = await checkStoredRecords(database.db, [...report.principals.ids, health.sessionId]);
    expect(records.problems).toEqual([]);
    expect(records.records).toBeGreaterThan(0);
    expect(records.orders).toBeGreaterThan(0);
  }, 60_000);

  it('logged no 5xx and no error either: not even for a request whose client was gone before its answer', () => {
    if (!server) throw new Error('the fuzz run did not start');
    const log = server.logSummary();
    expect(log.samples, replayHint(settings)).toEqual([]);
    expect(log.requests5xx + log.errors).toBe(0);
  });
});
