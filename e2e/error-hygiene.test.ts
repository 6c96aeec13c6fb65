import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import type { FaultInjector } from '~/server/faults';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { captureLogs } from '~/server/observability/log-capture.test-support';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { errorCode, getQuery, order, postMutation } from './support/api';
import { openSession } from './support/session';

// A 500 used to carry the underlying error's text (Prisma's, the driver's). Now a 5xx says only
// that something failed, with a request id; the cause goes to the server log under that id.
const SECRET = 'relation "orders" violates password=hunter2 at /srv/app/secret.ts';

describe.each(PROVIDERS)('error hygiene over HTTP on %s', (provider) => {
  let database: TestDatabase;
  let api: ApiServer;
  let cookie: string;
  let failNext = false;
  const log = captureLogs('error');
  const faults: FaultInjector = (point) => {
    if (point === 'before_claim' && failNext) {
      failNext = false;
      throw new Error(SECRET);
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    api = await serveApi({ db: database.db, faults, logger: log.logger });
    cookie = await openSession(api.url);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });

  it('a 500 carries a generic message and the X-Request-Id it was sent with; the cause is logged under that id', async () => {
    failNext = true;
    const response = await postMutation(api.url, 'checkout.placeOrder', { key: 'hygiene-1', body: order('hario-v60'), cookie, headers: { 'x-request-id': 'req-7f3a-from-proxy' } });
    expect(response.status).toBe(500);
    expect(response.headers.get('x-request-id')).toBe('req-7f3a-from-proxy');
    const body = JSON.parse(response.body) as { error: { message: string; data: Record<string, unknown> } };
    expect(body.error.data).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', httpStatus: 500, retryable: true, requestId: 'req-7f3a-from-proxy' });
    expect(body.error.message).toMatch(/^Internal server error\./);
    for (const internal of ['hunter2', 'relation "orders"', '/srv/app', 'secret.ts', 'at ']) expect(response.body).not.toContain(internal);
    expect(body.error.data).not.toHaveProperty('stack');
    const line = log.lines.find((l) => l.requestId === 'req-7f3a-from-proxy' && l.level === 'error');
    expect(line).toMatchObject({ procedure: 'checkout.placeOrder', status: 500, err: { message: SECRET } });
    // Nothing was stored for the key: the same request now succeeds, once.
    const retry = await postMutation(api.url, 'checkout.placeOrder', { key: 'hygiene-1', body: order('hario-v60'), cookie });
    expect(retry.status, retry.body).toBe(200);
    expect(await database.db.order.count({ where: { idempotencyKey: 'hygiene-1' } })).toBe(1);
  });

  it('generates a request id when none (or a malformed one) is sent, and the 500 body names the one in the header', async () => {
    for (const sent of [undefined, 'has space', 'x'.repeat(129), 'tab\there']) {
      failNext = true;
      const response = await postMutation(api.url, 'checkout.placeOrder', { key: `hygiene-gen-${String(sent?.length)}`, body: order('hario-v60'), cookie, headers: sent === undefined ? {} : { 'x-request-id': sent } });
      expect(response.status).toBe(500);
      const header = response.headers.get('x-request-id');
      expect(header).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect((JSON.parse(response.body) as { error: { data: { requestId?: string } } }).error.data.requestId).toBe(header);
    }
  });

  it('echoes X-Request-Id on every response, and keeps it out of 4xx bodies', async () => {
    const ok = await getQuery(api.url, 'catalog.list', { headers: { 'x-request-id': 'ok-1' } });
    expect([ok.status, ok.headers.get('x-request-id')]).toEqual([200, 'ok-1']);
    const notFound = await getQuery(api.url, 'catalog.byId', { input: { id: 'no-such-product' }, headers: { 'x-request-id': 'nf-1' } });
    expect([notFound.status, notFound.headers.get('x-request-id'), errorCode(notFound.body)]).toEqual([404, 'nf-1', 'PRODUCT_NOT_FOUND']);
    expect(notFound.body).not.toContain('nf-1');
    const tooLarge = await postMutation(api.url, 'checkout.placeOrder', { key: 'big', body: 'x'.repeat(1_100_000), cookie, headers: { 'x-request-id': 'big-1' } });
    expect([tooLarge.status, tooLarge.headers.get('x-request-id')]).toEqual([413, 'big-1']);
  });
});
