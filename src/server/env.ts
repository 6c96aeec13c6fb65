import { z } from 'zod';

/** An unset variable and an empty one mean the same: the default. */
const unsetIfEmpty = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

/** `1`/`true` on, `0`/`false` or unset off; anything else is a typo worth stopping for. */
const flag = z.preprocess(
  unsetIfEmpty,
  z
    .enum(['1', '0', 'true', 'false'], { message: 'must be 1 or 0 (or true/false)' })
    .optional()
    .transform((value) => value === '1' || value === 'true'),
);

/** pino's levels, most severe first; `silent` writes nothing. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const schema = z
  .object({
    /** `file:/abs/path.db` (SQLite) or `postgresql://…`; unset: `.data/idem.db` (see `resolveDatabaseUrl`). */
    DATABASE_URL: z.preprocess(unsetIfEmpty, z.string().trim().regex(/^(file:|postgres(ql)?:\/\/)/, 'must be file:/path.db (SQLite) or postgresql://… (PostgreSQL)').optional()),
    /** Signs session cookies; unset: a secret generated once into `.data/` (see `loadSessionSecret`). */
    SESSION_SECRET: z.preprocess(unsetIfEmpty, z.string().trim().min(32, 'must be at least 32 characters').optional()),
    /** Where `npm start` / `npm run serve:api` listen (the scripts' own defaults: 3000 / 3001). */
    PORT: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(65_535).optional()),
    /** @default 127.0.0.1 */
    HOST: z.preprocess(unsetIfEmpty, z.string().trim().default('127.0.0.1')),
    /** How long a key is remembered (ms). */
    IDEMPOTENCY_TTL_MS: z.coerce.number().int().positive().default(86_400_000),
    /** How long a request may hold its key before a retry (or the completer) may take it over (ms). */
    IDEMPOTENCY_LOCK_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    /** How often the completer looks for abandoned requests and the sweeper for expired keys (ms). */
    IDEMPOTENCY_COMPLETER_INTERVAL_MS: z.coerce.number().int().positive().default(10_000),
    /** How long replay counts (`replayCount`) are buffered before they are written, one write per key (ms). */
    IDEMPOTENCY_REPLAY_FLUSH_MS: z.coerce.number().int().positive().default(1_000),
    /** How often the gateway's ledger is reconciled with the orders (ms; one instance at a time). */
    RECONCILIATION_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
    /** Charges younger than this are not reconciled yet: their checkout may still be settling (ms). */
    RECONCILIATION_GRACE_MS: z.coerce.number().int().positive().default(300_000),
    /**
     * How long an order may wait for payment since its last change — placed, or its last attempt
     * declined — before it is cancelled and its stock put back (ms; one instance at a time).
     */
    ORDER_PAYMENT_WINDOW_MS: z.coerce.number().int().positive().default(1_800_000),
    /** Largest request body accepted by /api/trpc (bytes); larger ones get 413. */
    API_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
    /**
     * Most tRPC requests one instance works on at once; the next one is answered at once with 503
     * SERVER_BUSY and `Retry-After`, which the link honours. Measured on 2 cores: see OPERATIONS.md.
     */
    API_MAX_CONCURRENT_REQUESTS: z.coerce.number().int().positive().default(16),
    /**
     * How long a tRPC request may run before it is answered with 503 REQUEST_TIMED_OUT (ms). The work
     * goes on and its key stays held, so the retry gets 409 in-progress, then the stored answer.
     */
    API_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** On SIGTERM, the longest wait for requests in flight before the leases are released and the process exits (ms). */
    API_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
    /** Consecutive "provider did not answer" failures that open the payment circuit breaker. */
    PAYMENT_BREAKER_FAILURES: z.coerce.number().int().positive().default(5),
    /** How long the open breaker fails charges fast before letting one trial charge through (ms); also its `Retry-After`. */
    PAYMENT_BREAKER_HALF_OPEN_MS: z.coerce.number().int().positive().default(10_000),
    /** How long a catalog read may wait for the database before the last good copy is served, marked stale (ms). */
    CATALOG_STALE_AFTER_MS: z.coerce.number().int().positive().default(1_000),
    /**
     * The operator credential (`Authorization: Bearer <OPS_TOKEN>`) for /ops and `ops.*`. Unset,
     * operator access is off. At least 32 characters: it is the only thing between the internet and
     * every customer's idempotency records.
     */
    OPS_TOKEN: z.preprocess(unsetIfEmpty, z.string().min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)').optional()),
    /** Lets an operator inject latency and lost answers into the simulated payment gateway. Off by default. */
    ENABLE_GATEWAY_CHAOS: flag,
    /** Injected latency per charge (ms); only with ENABLE_GATEWAY_CHAOS. */
    GATEWAY_LATENCY_MS: z.preprocess(unsetIfEmpty, z.coerce.number().int().min(0).max(30_000).default(0)),
    /** Share of charges (0–1) whose answer is lost; only with ENABLE_GATEWAY_CHAOS. */
    GATEWAY_FAILURE_RATE: z.preprocess(unsetIfEmpty, z.coerce.number().min(0).max(1).default(0)),
    /**
     * Believe `X-Forwarded-Proto` when deciding whether a request came over HTTPS (hence the
     * cookies' `Secure` and `__Host-`). Only behind a proxy that sets it: anyone can send it.
     */
    TRUST_PROXY: flag,
    /** A guest session older than this (seconds since its cookie was issued) is refused and replaced. */
    SESSION_MAX_AGE_S: z.coerce.number().int().positive().default(30 * 24 * 3600),
    /**
     * The least severe log lines written. Unset: `info`, except under NODE_ENV=test (`silent`: test
     * runs inject their own logger when they read the lines).
     */
    LOG_LEVEL: z.preprocess(unsetIfEmpty, z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }).optional()),
    /** Where spans go: `none` (tracing off, @opentelemetry/api is a no-op), `console` or `otlp` (OTLP/HTTP). */
    OTEL_TRACES_EXPORTER: z.preprocess(unsetIfEmpty, z.enum(['none', 'console', 'otlp'], { message: 'must be none, console or otlp' }).default('none')),
    /** The OTLP collector's base URL (spans are posted to `<url>/v1/traces`); only with OTEL_TRACES_EXPORTER=otlp. */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess(unsetIfEmpty, z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional()),
    /** The `service.name` spans carry. */
    OTEL_SERVICE_NAME: z.preprocess(unsetIfEmpty, z.string().default('idem-shop')),
  })
  .refine((env) => env.IDEMPOTENCY_TTL_MS > env.IDEMPOTENCY_LOCK_TIMEOUT_MS, {
    message: 'IDEMPOTENCY_TTL_MS must be greater than IDEMPOTENCY_LOCK_TIMEOUT_MS: a key must outlive the lock of its request',
    path: ['IDEMPOTENCY_TTL_MS'],
  })
  // Fail closed: chaos settings on a server that does not allow chaos are a mistake, not a no-op.
  .refine((env) => env.ENABLE_GATEWAY_CHAOS || (env.GATEWAY_LATENCY_MS === 0 && env.GATEWAY_FAILURE_RATE === 0), {
    message: 'GATEWAY_LATENCY_MS / GATEWAY_FAILURE_RATE need ENABLE_GATEWAY_CHAOS=1: gateway chaos is off unless enabled',
    path: ['ENABLE_GATEWAY_CHAOS'],
  })
  // An endpoint with the exporter off would silently export nothing: say so instead.
  .refine((env) => env.OTEL_EXPORTER_OTLP_ENDPOINT === undefined || env.OTEL_TRACES_EXPORTER === 'otlp', {
    message: 'OTEL_EXPORTER_OTLP_ENDPOINT needs OTEL_TRACES_EXPORTER=otlp',
    path: ['OTEL_TRACES_EXPORTER'],
  });

export type ServerEnv = z.infer<typeof schema>;

/** The server's settings from the environment, validated: a bad value stops the server with a clear message. */
export function readServerEnv(env: Record<string, string | undefined> = process.env): ServerEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * The longest a fenced database transaction may run: half the lock timeout, at most 15 s. A phase
 * that outlives its lock could be taken over while it still writes; below the lock it cannot.
 */
export function transactionTimeoutMs(env: ServerEnv): number {
  return Math.min(15_000, Math.floor(env.IDEMPOTENCY_LOCK_TIMEOUT_MS / 2));
}
