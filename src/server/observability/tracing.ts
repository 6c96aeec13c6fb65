import { context, ROOT_CONTEXT, SpanStatusCode, trace, type Attributes, type Context, type Span, type SpanKind } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** The instrumentation scope every span of the shop is recorded under. */
export const TRACER_NAME = 'idem-shop';

/**
 * Read explicitly, not through the global propagator: without the SDK (tracing off) the global one
 * is a no-op, and the incoming trace id must still reach the log lines.
 */
const w3c = new W3CTraceContextPropagator();
const headerGetter = {
  keys: (headers: Headers) => [...headers.keys()],
  get: (headers: Headers, key: string) => headers.get(key) ?? undefined,
};

/**
 * The context a request's spans descend from: the active one when it already has a span (Next.js
 * starts one per request when tracing is on), else the caller's W3C `traceparent`, else none.
 */
export function incomingTraceContext(headers: Headers): Context {
  const active = context.active();
  if (trace.getSpanContext(active) !== undefined) return active;
  return w3c.extract(ROOT_CONTEXT, headers, headerGetter);
}

/** The trace id of `ctx`'s span, when it has a valid one. */
export function traceIdOf(ctx: Context): string | undefined {
  const span = trace.getSpanContext(ctx);
  return span && trace.isSpanContextValid(span) ? span.traceId : undefined;
}

export interface SpanOptions {
  attributes?: Attributes;
  kind?: SpanKind;
  /** @default the active context */
  parent?: Context;
}

/**
 * Runs `work` inside a new active span named `name`, ended when `work` settles; a throw is recorded
 * on the span (status ERROR) and rethrown. With tracing off this is a plain call.
 */
export function withSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const tracer = trace.getTracer(TRACER_NAME);
  return tracer.startActiveSpan(name, { attributes: options.attributes, kind: options.kind }, options.parent ?? context.active(), async (span) => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  });
}
