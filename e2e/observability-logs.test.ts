import { createTRPCClient } from '@trpc/client';
import { idempotencyLink, idempotentHttpLink, memoryStorage } from '@idem/trpc-link';
import type { AppRouter } from '~/server/root';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { readServerEnv } from '~/server/env';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { captureLogs, type LogLine } from '~/server/observability/log-capture.test-support';
import { principalHash } from '~/server/observability/request-scope';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { order, postMutation, getQuery } from './support/api';
import { fetchWithSession, openSession } from './support/session';

// One JSON line per request and one per idempotency outcome, tied together by the request id that
// came in as X-Request-Id and went back out; the principal hashed; no credential in any line.
const OPS_TOKEN = 'ops-token-for-log-tests-0123456789-abc';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const traceparent = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

describe.each(PROVIDERS)('log lines over HTTP on %s', (provider) => {
  let database: TestDatabase;
  let api: ApiServer;
  let cookie: string;
  const capture = captureLogs('debug');
  const linesOf = (requestId: string): LogLine[] => capture.lines.filter((line) => line.requestId === requestId);

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    api = await serveApi({ db: database.db, env: readServerEnv({ OPS_TOKEN }), logger: capture.logger });
    cookie = await openSession(api.url);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('a checkout: the request id from X-Request-Id is on its request line, its outcome line and the response', async () => {
    const headers = { 'x-request-id': 'req-logs-1', 'idempotency-attempt': '2', traceparent };
    const response = await postMutation(api.url, 'checkout.placeOrder', { key: 'logs-1', body: order('hario-v60'), cookie, headers });
    expect(response.status, response.body).toBe(200);
    expect(response.headers.get('x-request-id')).toBe('req-logs-1');
    const { sessionId } = await database.db.order.findFirstOrThrow({ where: { idempotencyKey: 'logs-1' }, select: { sessionId: true } });

    const lines = linesOf('req-logs-1');
    const request = lines.filter((line) => line.event === 'request');
    const outcomes = lines.filter((line) => line.event === 'idempotency');
    expect(request).toHaveLength(1);
    expect(outcomes).toHaveLength(1);
    const common = { requestId: 'req-logs-1', traceId: TRACE_ID, attempt: 2, procedure: 'checkout.placeOrder', key: 'logs-1', principal: principalHash(sessionId) };
    expect(request[0]).toMatchObject({ ...common, level: 'info', msg: 'request', method: 'POST', status: 200, outcome: 'executed' });
    expect(outcomes[0]).toMatchObject({ ...common, level: 'info', outcome: 'executed', status: 200, result: 'result' });
    for (const line of [...request, ...outcomes]) expect(line.durationMs).toEqual(expect.any(Number));
    // The hash is of the session id, and the session id itself is nowhere.
    expect(principalHash(sessionId)).toMatch(/^[0-9a-f]{16}$/);
    for (const raw of capture.raw) expect(raw).not.toContain(sessionId);
  });

  it('through the real link: a lost response and its retry log attempts 1 and 2 of one key, in one trace', async () => {
    let sends = 0;
    const loseFirst: typeof fetch = async (input, init) => {
      const response = await fetchWithSession(cookie)(input, init);
      if (++sends === 1) {
        await response.arrayBuffer(); // the server processed it; the answer is lost
        throw new TypeError('fetch failed');
      }
      return response;
    };
    const client = createTRPCClient<AppRouter>({ links: [idempotencyLink({ storage: memoryStorage(), retryDelay: 0 }), idempotentHttpLink({ url: `${api.url}/api/trpc`, fetch: loseFirst })] });
    await client.checkout.placeOrder.mutate(order('kenya-nyeri'));
    const key = (await database.db.order.findFirstOrThrow({ where: { items: { some: { productId: 'kenya-nyeri' } } } })).idempotencyKey;
    const requests = capture.lines.filter((line) => line.event === 'request' && line.key === key);
    expect(requests.map((line) => [line.attempt, line.outcome])).toEqual([
      [1, 'executed'],
      [2, 'replayed'],
    ]);
    expect(requests[0]?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(requests[1]?.traceId).toBe(requests[0]?.traceId);
  });

  it('a replay and a query without an id: each has its own lines; a missing id is generated and echoed', async () => {
    const replay = await postMutation(api.url, 'checkout.placeOrder', { key: 'logs-1', body: order('hario-v60'), cookie, headers: { 'x-request-id': 'req-logs-2' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(linesOf('req-logs-2').filter((line) => line.event !== undefined).map((line) => [line.event, line.outcome])).toEqual([
      ['idempotency', 'replayed'],
      ['request', 'replayed'],
    ]);
    expect(linesOf('req-logs-2').every((line) => line.traceId === undefined && line.attempt === undefined)).toBe(true);

    const query = await getQuery(api.url, 'catalog.list', { cookie });
    const generated = query.headers.get('x-request-id');
    expect(generated).toMatch(/^[0-9a-f-]{36}$/);
    expect(linesOf(generated!).filter((line) => line.event === 'request')).toEqual([expect.objectContaining({ procedure: 'catalog.list', method: 'GET', status: 200, outcome: 'ok' })]);
  });

  it('never writes a cookie, an authorization header, a card token or the operator token — and redacts the headers it logs at debug', async () => {
    const authorization = `Bearer ${OPS_TOKEN}`;
    const card = 'tok_visa';
    const headers = { 'x-request-id': 'req-logs-3', authorization };
    const response = await postMutation(api.url, 'checkout.placeOrder', { key: 'logs-3', body: order('hario-v60', 1, card), cookie, headers });
    expect(response.status, response.body).toBe(200);
    const ops = await getQuery(api.url, 'ops.idempotencyRecords', { headers: { 'x-request-id': 'req-logs-4', authorization } });
    expect(ops.status, ops.body).toBe(200);

    const debug = linesOf('req-logs-3').find((line) => line.msg === 'request headers');
    expect(debug?.headers).toMatchObject({ cookie: '[Redacted]', authorization: '[Redacted]', 'x-request-id': 'req-logs-3', 'idempotency-key': 'logs-3' });
    const cookieValue = cookie.slice(cookie.indexOf('=') + 1);
    expect(capture.raw.length).toBeGreaterThan(10);
    for (const raw of capture.raw) {
      for (const secret of [cookieValue, OPS_TOKEN, card]) expect(raw).not.toContain(secret);
    }
  });

  it('a 5xx: the cause is logged at error under the request id, and the request line says server_error', async () => {
    const response = await postMutation(api.url, 'checkout.placeOrder', { key: 'logs-5', body: order('hario-v60', 1, 'tok_failThenSucceed'), cookie, headers: { 'x-request-id': 'req-logs-5' } });
    expect(response.status).toBe(503);
    const lines = linesOf('req-logs-5');
    expect(lines.find((line) => line.code === 'PAYMENT_PROVIDER_UNAVAILABLE')).toMatchObject({ level: 'warn', procedure: 'checkout.placeOrder', status: 503 });
    expect(lines.find((line) => line.event === 'request')).toMatchObject({ level: 'warn', status: 503, outcome: 'server_error', key: 'logs-5' });
  });
});
