import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seed } from '../prisma/seed';
import { serveApi, type ApiServer } from '~/server/http/serve-api';
import { captureLogs } from '~/server/observability/log-capture.test-support';
import { startTracing, type Tracing } from '~/server/observability/start-tracing';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { order, postMutation } from './support/api';
import { openSession } from './support/session';

// Spans through @opentelemetry/api with the SDK switched on (an in-memory exporter): the request,
// the procedure, each idempotency phase and the payment call, in the trace of the incoming traceparent.
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const PARENT_SPAN_ID = 'b7ad6b7169203331';
const traceparent = `00-${TRACE_ID}-${PARENT_SPAN_ID}-01`;

const exporter = new InMemorySpanExporter();
let tracing: Tracing | undefined;
beforeAll(() => {
  tracing = startTracing({ OTEL_TRACES_EXPORTER: 'none', OTEL_SERVICE_NAME: 'idem-shop-test' }, { exporter });
});
afterAll(async () => {
  await tracing?.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});

const named = (spans: ReadableSpan[], name: string) => {
  const found = spans.filter((span) => span.name === name);
  expect(found, `spans named ${name}: ${spans.map((s) => s.name).join(', ')}`).toHaveLength(1);
  return found[0]!;
};
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;

describe.each(PROVIDERS)('tracing over HTTP on %s', (provider) => {
  let database: TestDatabase;
  let api: ApiServer;
  let cookie: string;
  const capture = captureLogs('info');

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    api = await serveApi({ db: database.db, logger: capture.logger });
    cookie = await openSession(api.url);
  });
  afterAll(async () => {
    await api?.close();
    await database?.drop();
  });
  beforeEach(() => exporter.reset());

  it('a checkout: request, procedure, phase, payment and finish spans nest in the incoming trace', async () => {
    const response = await postMutation(api.url, 'checkout.placeOrder', { key: 'trace-1', body: order('hario-v60'), cookie, headers: { traceparent, 'x-request-id': 'req-trace-1', 'idempotency-attempt': '1' } });
    expect(response.status, response.body).toBe(200);
    const spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === TRACE_ID);
    const request = named(spans, 'POST /api/trpc');
    const procedure = named(spans, 'trpc checkout.placeOrder');
    const phase = named(spans, 'idempotency.phase order_created');
    const payment = named(spans, 'payment.charge');
    const finish = named(spans, 'idempotency.finish');

    expect([request.kind, parentOf(request)]).toEqual([SpanKind.SERVER, PARENT_SPAN_ID]);
    expect(request.attributes).toMatchObject({ 'http.request_id': 'req-trace-1', 'http.response.status_code': 200 });
    expect(parentOf(procedure)).toBe(request.spanContext().spanId);
    expect(procedure.attributes).toMatchObject({ 'rpc.method': 'checkout.placeOrder', 'idempotency.attempt': 1, 'http.response.status_code': 200 });
    expect(procedure.events.map((event) => event.name)).toEqual(['idempotency.executed']);
    for (const child of [phase, payment, finish]) expect(parentOf(child)).toBe(procedure.spanContext().spanId);
    expect(phase.attributes).toMatchObject({ 'idempotency.key': 'trace-1', 'idempotency.phase': 'order_created', 'idempotency.resumed': false });
    expect([payment.kind, payment.attributes['payment.provider'], payment.attributes['payment.status']]).toEqual([SpanKind.CLIENT, 'simulated', 'succeeded']);
    // The card token is no attribute of any span.
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain('tok_visa');
    expect(capture.lines.find((line) => line.requestId === 'req-trace-1' && line.event === 'request')).toMatchObject({ traceId: TRACE_ID });
  });

  it('a lost payment answer marks the payment and procedure spans failed; the retry resumes in a span that says so', async () => {
    const body = order('hario-v60', 1, 'tok_failThenSucceed');
    const lost = await postMutation(api.url, 'checkout.placeOrder', { key: 'trace-2', body, cookie, headers: { traceparent } });
    expect(lost.status).toBe(503);
    const failed = exporter.getFinishedSpans();
    expect(named(failed, 'payment.charge').status.code).toBe(SpanStatusCode.ERROR);
    expect(named(failed, 'trpc checkout.placeOrder').attributes).toMatchObject({ 'error.type': 'PAYMENT_PROVIDER_UNAVAILABLE', 'http.response.status_code': 503 });
    exporter.reset();

    const retry = await postMutation(api.url, 'checkout.placeOrder', { key: 'trace-2', body, cookie });
    expect(retry.status, retry.body).toBe(200);
    const spans = exporter.getFinishedSpans();
    expect(named(spans, 'idempotency.phase order_created').attributes).toMatchObject({ 'idempotency.resumed': true, 'idempotency.recovery_point': 'order_created' });
    expect(named(spans, 'trpc checkout.placeOrder').events.map((event) => event.name)).toEqual(['idempotency.takeover', 'idempotency.recovered']);
  });

  it('without a traceparent the request starts a trace, and its id is on the log lines', async () => {
    const response = await postMutation(api.url, 'checkout.placeOrder', { key: 'trace-3', body: order('hario-v60'), cookie, headers: { 'x-request-id': 'req-trace-3' } });
    expect(response.status).toBe(200);
    const request = named(exporter.getFinishedSpans(), 'POST /api/trpc');
    expect(parentOf(request)).toBeUndefined();
    const line = capture.lines.find((l) => l.requestId === 'req-trace-3' && l.event === 'request');
    expect(line?.traceId).toBe(request.spanContext().traceId);
  });
});
