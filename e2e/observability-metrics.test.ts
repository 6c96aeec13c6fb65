import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { readServerEnv } from '~/server/env';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { parsePrometheusText, series } from '~/server/observability/prometheus-text.test-support';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { errorCode, order, postMutation } from './support/api';
import { startServerProcess, type ServerProcess } from './support/server-process';
import { openSession } from './support/session';

// GET /api/metrics: Prometheus text for the operator credential only, with the RED metrics per
// procedure, the idempotency outcomes, the record and lease gauges, and prom-client's defaults.
const OPS_TOKEN = 'ops-token-for-metrics-tests-0123456789';
const bearer = { authorization: `Bearer ${OPS_TOKEN}` };
const PLACE = 'checkout.placeOrder';

async function scrape(url: string): Promise<Map<string, number>> {
  const response = await fetch(`${url}/api/metrics`, { headers: bearer });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await response.text());
}

/** A series' value in `after` minus `before` (an absent series counts as 0). */
const delta = (before: Map<string, number>, after: Map<string, number>, key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
const outcome = (name: string) => series('idem_idempotency_outcomes_total', { outcome: name });

describe.each(PROVIDERS)('/api/metrics on %s (API server in process)', (provider) => {
  let database: TestDatabase;
  let api: ApiServer;
  let closed: ApiServer;
  let cookie: string;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    api = await serveApi({ db: database.db, env: readServerEnv({ OPS_TOKEN }), provider });
    closed = await serveApi({ db: database.db, env: readServerEnv({}) });
    cookie = await openSession(api.url);
  });
  afterAll(async () => {
    await api?.close();
    await closed?.close();
    await database?.drop();
  });

  it('refuses a scrape without the operator credential: 401 without or with a wrong one, 403 with operator access off', async () => {
    const anonymous = await fetch(`${api.url}/api/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = await anonymous.text();
    expect(errorCode(body)).toBe('OPERATOR_CREDENTIAL_REQUIRED');
    expect(body).not.toContain('idem_');
    const wrong = await fetch(`${api.url}/api/metrics`, { headers: { authorization: `Bearer ${OPS_TOKEN.replace('0', '1')}` } });
    expect(wrong.status).toBe(401);
    await wrong.body?.cancel();
    const off = await fetch(`${closed.url}/api/metrics`, { headers: bearer });
    expect([off.status, errorCode(await off.text())]).toEqual([403, 'OPERATOR_ACCESS_DISABLED']);
  });

  it('after a checkout, its replay and a reused key: the RED series and the outcome counters moved by exactly that', async () => {
    const before = await scrape(api.url);
    const first = await postMutation(api.url, PLACE, { key: 'metrics-1', body: order('hario-v60'), cookie });
    expect(first.status, first.body).toBe(200);
    const replay = await postMutation(api.url, PLACE, { key: 'metrics-1', body: order('hario-v60'), cookie });
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([200, 'true']);
    const reused = await postMutation(api.url, PLACE, { key: 'metrics-1', body: order('knock-box'), cookie });
    expect([reused.status, errorCode(reused.body)]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    const after = await scrape(api.url);

    const red = { procedure: PLACE, type: 'mutation' };
    expect(delta(before, after, series('idem_trpc_requests_total', { ...red, status_class: '2xx' }))).toBe(2);
    expect(delta(before, after, series('idem_trpc_requests_total', { ...red, status_class: '4xx' }))).toBe(1);
    expect(delta(before, after, series('idem_trpc_errors_total', { procedure: PLACE, code: 'IDEMPOTENCY_KEY_REUSED' }))).toBe(1);
    expect(delta(before, after, series('idem_trpc_request_duration_seconds_count', red))).toBe(3);
    expect(delta(before, after, series('idem_trpc_request_duration_seconds_bucket', { ...red, le: '+Inf' }))).toBe(3);
    expect(delta(before, after, series('idem_trpc_request_duration_seconds_sum', red))).toBeGreaterThan(0);
    expect(delta(before, after, outcome('executed'))).toBe(1);
    expect(delta(before, after, outcome('replayed'))).toBe(1);
    expect(delta(before, after, outcome('mismatch'))).toBe(1);
    expect(delta(before, after, outcome('conflict'))).toBe(0);
    expect(await database.db.order.count({ where: { idempotencyKey: 'metrics-1' } })).toBe(1);
  });

  it('counts a 5xx as an error of its procedure, and reads the records in flight from the database at scrape time', async () => {
    const before = await scrape(api.url);
    const lost = await postMutation(api.url, PLACE, { key: 'metrics-lost', body: order('hario-v60', 1, 'tok_failThenSucceed'), cookie });
    expect([lost.status, errorCode(lost.body)]).toEqual([503, 'PAYMENT_PROVIDER_UNAVAILABLE']);
    const stuck = await scrape(api.url);
    const inProgress = await database.db.idempotencyRecord.count({ where: { status: 'IN_PROGRESS' } });
    expect(inProgress).toBe(1);
    expect(stuck.get('idem_idempotency_records_in_flight')).toBe(inProgress);
    expect(stuck.get('idem_idempotency_records_flagged')).toBe(0);
    expect(delta(before, stuck, series('idem_trpc_requests_total', { procedure: PLACE, type: 'mutation', status_class: '5xx' }))).toBe(1);
    expect(delta(before, stuck, series('idem_trpc_errors_total', { procedure: PLACE, code: 'PAYMENT_PROVIDER_UNAVAILABLE' }))).toBe(1);

    const retry = await postMutation(api.url, PLACE, { key: 'metrics-lost', body: order('hario-v60', 1, 'tok_failThenSucceed'), cookie });
    expect(retry.status, retry.body).toBe(200);
    const done = await scrape(api.url);
    expect(done.get('idem_idempotency_records_in_flight')).toBe(0);
    // The retry takes the released key over and resumes after `order_created`.
    expect([delta(stuck, done, outcome('executed')), delta(stuck, done, outcome('takeover')), delta(stuck, done, outcome('recovered'))]).toEqual([0, 1, 1]);
  });

  it("exports prom-client's process metrics, event-loop lag included, and every outcome from the start", async () => {
    const samples = await scrape(api.url);
    for (const name of ['nodejs_eventloop_lag_seconds', 'nodejs_eventloop_lag_p99_seconds', 'process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes']) {
      expect(samples.has(name), name).toBe(true);
    }
    for (const name of ['executed', 'replayed', 'conflict', 'mismatch', 'takeover', 'recovered', 'completer_resumed', 'swept']) expect(samples.has(outcome(name)), name).toBe(true);
  });

  it('serves the health probes next to the API', async () => {
    const live = await fetch(`${api.url}/api/health/live`);
    expect([live.status, await live.json()]).toEqual([200, { status: 'live' }]);
    const ready = await fetch(`${api.url}/api/health/ready`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });
});

describe.each(PROVIDERS)('/api/metrics of a server process with its completer on %s', (provider) => {
  let database: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('shows the lease held, completer and sweeper runs, and an abandoned checkout completed by the completer', async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    server = await startServerProcess(database.url, { OPS_TOKEN, IDEMPOTENCY_LOCK_TIMEOUT_MS: '1000', IDEMPOTENCY_COMPLETER_INTERVAL_MS: '200' });
    const cookie = await openSession(server.url);
    const abandoned = await postMutation(server.url, PLACE, { key: 'metrics-abandoned', body: order('hario-v60', 1, 'tok_failThenSucceed'), cookie });
    expect(abandoned.status).toBe(503);

    const url = server.url;
    await expect.poll(async () => (await scrape(url)).get(outcome('completer_resumed')), { timeout: 20_000, interval: 100 }).toBe(1);
    expect(await database.db.order.findFirst({ where: { idempotencyKey: 'metrics-abandoned' }, select: { status: true } })).toEqual({ status: 'PAID' });
    const samples = await scrape(url);
    expect(samples.get('idem_completer_lease_held')).toBe(1);
    expect(samples.get(series('idem_completer_runs_total', { role: 'leader' }))).toBeGreaterThanOrEqual(1);
    expect(samples.get('idem_sweeper_runs_total')).toBeGreaterThanOrEqual(1);
    expect(samples.get(outcome('takeover'))).toBe(1);
    expect(samples.get(outcome('recovered'))).toBe(1);
    expect(samples.get('idem_idempotency_records_in_flight')).toBe(0);
    expect(await database.db.idempotencyRecord.count({ where: { status: 'IN_PROGRESS' } })).toBe(0);
  });
});
