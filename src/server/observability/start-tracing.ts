import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ConsoleSpanExporter, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-node';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import type { ServerEnv } from '../env';
import { logger } from './logger';

export interface Tracing {
  /** Exports the spans still buffered and stops the provider; call before the process exits. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions {
  /** Takes precedence over OTEL_TRACES_EXPORTER: spans go here, one by one (tests: an InMemorySpanExporter). */
  exporter?: SpanExporter;
}

/**
 * Switches tracing on for this process, as OTEL_TRACES_EXPORTER says: `console` (each span printed
 * when it ends) or `otlp` (batched to OTEL_EXPORTER_OTLP_ENDPOINT + `/v1/traces`, or the exporter's
 * own default, http://localhost:4318/v1/traces). `none` (the default) registers nothing, and every
 * `@opentelemetry/api` call stays a no-op. Registering installs the W3C propagator and the
 * AsyncLocalStorage context manager, so spans nest across awaits.
 */
export function startTracing(env: Pick<ServerEnv, 'OTEL_TRACES_EXPORTER' | 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_SERVICE_NAME'>, { exporter }: StartTracingOptions = {}): Tracing | undefined {
  const processor = exporter ? new SimpleSpanProcessor(exporter) : processorFor(env);
  if (!processor) return undefined;
  const provider = new NodeTracerProvider({ resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME }), spanProcessors: [processor] });
  provider.register();
  if (!exporter) logger.info({ exporter: env.OTEL_TRACES_EXPORTER, endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT }, 'tracing on');
  return { shutdown: () => provider.shutdown() };
}

function processorFor(env: Pick<ServerEnv, 'OTEL_TRACES_EXPORTER' | 'OTEL_EXPORTER_OTLP_ENDPOINT'>): SpanProcessor | undefined {
  switch (env.OTEL_TRACES_EXPORTER) {
    case 'none':
      return undefined;
    case 'console':
      return new SimpleSpanProcessor(new ConsoleSpanExporter());
    case 'otlp': {
      const base = env.OTEL_EXPORTER_OTLP_ENDPOINT;
      const url = base === undefined ? undefined : new URL('v1/traces', base.endsWith('/') ? base : `${base}/`).href;
      return new BatchSpanProcessor(new OTLPTraceExporter(url === undefined ? {} : { url }));
    }
  }
}
