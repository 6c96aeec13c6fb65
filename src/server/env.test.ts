import { describe, expect, it } from 'vitest';
import { readServerEnv, transactionTimeoutMs } from './env';

describe('readServerEnv', () => {
  it('has defaults that hold together: TTL > lock timeout > transaction timeout', () => {
    const env = readServerEnv({});
    expect(env).toMatchObject({ IDEMPOTENCY_TTL_MS: 86_400_000, IDEMPOTENCY_LOCK_TIMEOUT_MS: 30_000, IDEMPOTENCY_COMPLETER_INTERVAL_MS: 10_000, IDEMPOTENCY_REPLAY_FLUSH_MS: 1_000 });
    expect(transactionTimeoutMs(env)).toBe(15_000);
  });
  it('bounds transactions below a short lock timeout', () => {
    expect(transactionTimeoutMs(readServerEnv({ IDEMPOTENCY_LOCK_TIMEOUT_MS: '1000' }))).toBe(500);
  });
  it('refuses a TTL not above the lock timeout, naming the variable', () => {
    expect(() => readServerEnv({ IDEMPOTENCY_TTL_MS: '30000' })).toThrow(/IDEMPOTENCY_TTL_MS must be greater than IDEMPOTENCY_LOCK_TIMEOUT_MS/);
  });
  it('refuses a replay flush interval that is not a positive number of ms', () => {
    expect(readServerEnv({ IDEMPOTENCY_REPLAY_FLUSH_MS: '50' }).IDEMPOTENCY_REPLAY_FLUSH_MS).toBe(50);
    expect(() => readServerEnv({ IDEMPOTENCY_REPLAY_FLUSH_MS: '0' })).toThrow(/IDEMPOTENCY_REPLAY_FLUSH_MS/);
  });
  it('gives an unpaid order 30 minutes by default, and refuses a window that is not a positive number of ms', () => {
    expect(readServerEnv({}).ORDER_PAYMENT_WINDOW_MS).toBe(1_800_000);
    expect(readServerEnv({ ORDER_PAYMENT_WINDOW_MS: '60000' }).ORDER_PAYMENT_WINDOW_MS).toBe(60_000);
    expect(() => readServerEnv({ ORDER_PAYMENT_WINDOW_MS: '0' })).toThrow(/ORDER_PAYMENT_WINDOW_MS/);
  });
  it('lists every invalid value at once', () => {
    expect(() => readServerEnv({ IDEMPOTENCY_COMPLETER_INTERVAL_MS: '0', API_MAX_BODY_BYTES: 'lots' })).toThrow(/IDEMPOTENCY_COMPLETER_INTERVAL_MS[\s\S]*API_MAX_BODY_BYTES|API_MAX_BODY_BYTES[\s\S]*IDEMPOTENCY_COMPLETER_INTERVAL_MS/);
  });
});

describe('readServerEnv: operator access, chaos, proxies and sessions', () => {
  it('leaves operator access and gateway chaos off, and proxies untrusted, by default', () => {
    const env = readServerEnv({});
    expect(env.OPS_TOKEN).toBeUndefined();
    expect(env).toMatchObject({ ENABLE_GATEWAY_CHAOS: false, TRUST_PROXY: false, SESSION_MAX_AGE_S: 2_592_000 });
    const empty = readServerEnv({ OPS_TOKEN: '', TRUST_PROXY: '' });
    expect(empty.OPS_TOKEN).toBeUndefined();
    expect(empty.TRUST_PROXY).toBe(false);
  });
  it('refuses an OPS_TOKEN shorter than 32 characters', () => {
    expect(() => readServerEnv({ OPS_TOKEN: 'short' })).toThrow(/at least 32 characters[\s\S]*OPS_TOKEN/);
    expect(readServerEnv({ OPS_TOKEN: 'x'.repeat(32) }).OPS_TOKEN).toBe('x'.repeat(32));
  });
  it('reads flags as 1/0/true/false and refuses anything else', () => {
    expect(readServerEnv({ ENABLE_GATEWAY_CHAOS: '1', TRUST_PROXY: 'true' })).toMatchObject({ ENABLE_GATEWAY_CHAOS: true, TRUST_PROXY: true });
    expect(readServerEnv({ ENABLE_GATEWAY_CHAOS: '0', TRUST_PROXY: 'false' })).toMatchObject({ ENABLE_GATEWAY_CHAOS: false, TRUST_PROXY: false });
    expect(() => readServerEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
  });
  it('refuses gateway chaos settings unless ENABLE_GATEWAY_CHAOS=1', () => {
    expect(() => readServerEnv({ GATEWAY_FAILURE_RATE: '1' })).toThrow(/need ENABLE_GATEWAY_CHAOS=1/);
    expect(readServerEnv({ GATEWAY_FAILURE_RATE: '1', GATEWAY_LATENCY_MS: '50', ENABLE_GATEWAY_CHAOS: '1' })).toMatchObject({ GATEWAY_FAILURE_RATE: 1, GATEWAY_LATENCY_MS: 50 });
    expect(readServerEnv({ GATEWAY_FAILURE_RATE: '0' }).ENABLE_GATEWAY_CHAOS).toBe(false);
  });
  it('refuses a session lifetime that is not a positive number of seconds', () => {
    expect(() => readServerEnv({ SESSION_MAX_AGE_S: '0' })).toThrow(/SESSION_MAX_AGE_S/);
    expect(readServerEnv({ SESSION_MAX_AGE_S: '60' }).SESSION_MAX_AGE_S).toBe(60);
  });
});

describe('readServerEnv: logs and tracing', () => {
  it('leaves LOG_LEVEL to the logger and tracing off by default', () => {
    const env = readServerEnv({});
    expect(env.LOG_LEVEL).toBeUndefined();
    expect(env).toMatchObject({ OTEL_TRACES_EXPORTER: 'none', OTEL_SERVICE_NAME: 'idem-shop' });
    expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
  });
  it("takes pino's levels and refuses others", () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) expect(readServerEnv({ LOG_LEVEL: level }).LOG_LEVEL).toBe(level);
    expect(() => readServerEnv({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL/);
  });
  it('takes console and otlp exporters, and an OTLP endpoint only with otlp', () => {
    expect(readServerEnv({ OTEL_TRACES_EXPORTER: 'console' }).OTEL_TRACES_EXPORTER).toBe('console');
    expect(readServerEnv({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toMatchObject({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' });
    expect(() => readServerEnv({ OTEL_TRACES_EXPORTER: 'jaeger' })).toThrow(/OTEL_TRACES_EXPORTER/);
    expect(() => readServerEnv({ OTEL_TRACES_EXPORTER: 'otlp', OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => readServerEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toThrow(/needs OTEL_TRACES_EXPORTER=otlp/);
  });
});

describe('readServerEnv: backpressure, timeouts, the payment breaker, degradation', () => {
  it('has the measured and documented defaults', () => {
    expect(readServerEnv({})).toMatchObject({
      API_MAX_CONCURRENT_REQUESTS: 16,
      API_REQUEST_TIMEOUT_MS: 10_000,
      API_SHUTDOWN_TIMEOUT_MS: 10_000,
      PAYMENT_BREAKER_FAILURES: 5,
      PAYMENT_BREAKER_HALF_OPEN_MS: 10_000,
      CATALOG_STALE_AFTER_MS: 1_000,
    });
  });
  it('refuses a bound or a timeout that is not a positive integer, naming the variable', () => {
    expect(() => readServerEnv({ API_MAX_CONCURRENT_REQUESTS: '0' })).toThrow(/API_MAX_CONCURRENT_REQUESTS/);
    expect(() => readServerEnv({ API_REQUEST_TIMEOUT_MS: 'soon' })).toThrow(/API_REQUEST_TIMEOUT_MS/);
    expect(() => readServerEnv({ PAYMENT_BREAKER_FAILURES: '-1' })).toThrow(/PAYMENT_BREAKER_FAILURES/);
    expect(readServerEnv({ API_SHUTDOWN_TIMEOUT_MS: '0' }).API_SHUTDOWN_TIMEOUT_MS).toBe(0);
  });
});

describe('readServerEnv: the variables read once, here, for the whole app', () => {
  it('refuses a short SESSION_SECRET, an unsupported DATABASE_URL and a bad PORT in one message, without echoing the URL', () => {
    const run = () => readServerEnv({ SESSION_SECRET: 'short', DATABASE_URL: 'mysql://root:hunter2@db/shop', PORT: 'eighty' });
    expect(run).toThrow(/SESSION_SECRET[\s\S]*at least 32|at least 32[\s\S]*SESSION_SECRET/);
    expect(run).toThrow(/DATABASE_URL/);
    expect(run).toThrow(/PORT/);
    expect(run).not.toThrow(/hunter2/);
  });
  it('treats blank values as unset and keeps HOST on loopback by default', () => {
    expect(readServerEnv({ SESSION_SECRET: '  ', DATABASE_URL: '', PORT: '' })).toMatchObject({ SESSION_SECRET: undefined, DATABASE_URL: undefined, PORT: undefined, HOST: '127.0.0.1' });
  });
});
