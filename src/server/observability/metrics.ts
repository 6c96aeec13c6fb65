import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Every idempotency outcome counted by `idem_idempotency_outcomes_total{outcome}`. */
export const IDEMPOTENCY_OUTCOMES = [
  // the middleware's hooks
  'executed',
  'replayed',
  'conflict',
  'mismatch',
  'takeover',
  'recovered',
  'lock_lost',
  // the completer's events
  'completer_resumed',
  'completer_compensated',
  'completer_failed',
  'completer_flagged',
  'completer_error',
  // records deleted by the sweeper (incremented by the batch's size)
  'swept',
] as const;
export type IdempotencyOutcome = (typeof IDEMPOTENCY_OUTCOMES)[number];

/** Seconds; from a replay (a few ms) to a slow charge near the lock timeout. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** The shop's metrics and prom-client's default process metrics, in one registry. */
// eslint-disable-next-line max-lines-per-function -- A declarative table of metric definitions, one entry per metric.
export function createMetrics() {
  const registry = new Registry();
  // process_*, nodejs_* — including nodejs_eventloop_lag_seconds and its percentiles.
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const metrics = {
    registry,
    requests: new Counter({
      name: 'idem_trpc_requests_total',
      help: 'tRPC procedure calls, by procedure, type and HTTP status class (2xx, 4xx, 5xx).',
      labelNames: ['procedure', 'type', 'status_class'] as const,
      registers,
    }),
    errors: new Counter({
      name: 'idem_trpc_errors_total',
      help: 'tRPC procedure calls that failed, by procedure and error code (error.data.code).',
      labelNames: ['procedure', 'code'] as const,
      registers,
    }),
    duration: new Histogram({
      name: 'idem_trpc_request_duration_seconds',
      help: 'tRPC procedure call duration, from the first middleware to the answer.',
      labelNames: ['procedure', 'type'] as const,
      buckets: DURATION_BUCKETS,
      registers,
    }),
    outcomes: new Counter({
      name: 'idem_idempotency_outcomes_total',
      help: 'Idempotency protocol outcomes (middleware hooks and completer events); swept counts records.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    inFlight: new Gauge({
      name: 'idem_idempotency_records_in_flight',
      help: 'IN_PROGRESS idempotency records in the database at scrape time (all instances).',
      registers,
    }),
    flagged: new Gauge({
      name: 'idem_idempotency_records_flagged',
      help: 'IN_PROGRESS records the completer gave up on, at scrape time: each needs an operator.',
      registers,
    }),
    leaseHeld: new Gauge({
      name: 'idem_completer_lease_held',
      help: '1 while this instance holds the completer lease (it does the completing and sweeping), else 0.',
      registers,
    }),
    completerRuns: new Counter({
      name: 'idem_completer_runs_total',
      help: "This instance's completer runs, by role: leader (held the lease and worked) or follower.",
      labelNames: ['role'] as const,
      registers,
    }),
    reconciliationMismatches: new Gauge({
      name: 'idem_reconciliation_mismatches',
      help: "Mismatches between the gateway's ledger and the orders at the last reconciliation, by kind; exported by the instance holding the reconciliation lease.",
      labelNames: ['kind'] as const,
      registers,
    }),
    reconciliationLastRun: new Gauge({
      name: 'idem_reconciliation_last_run_timestamp_seconds',
      help: 'When this instance last reconciled the ledger with the orders (it held the lease).',
      registers,
    }),
    httpInFlight: new Gauge({
      name: 'idem_http_requests_in_flight',
      help: "tRPC requests this instance is working on (bounded by API_MAX_CONCURRENT_REQUESTS; a timed-out request counts until its work ends).",
      registers,
    }),
    httpRejected: new Counter({
      name: 'idem_http_rejected_total',
      help: 'tRPC requests answered 503 without running, or cut short, by reason: busy (over the bound), shutting_down, timeout, client_closed (the client left before its body arrived).',
      labelNames: ['reason'] as const,
      registers,
    }),
    paymentCircuitState: new Gauge({
      name: 'idem_payment_circuit_state',
      help: "The payment provider's circuit breaker: 1 for its current state (closed, open, half_open), 0 for the others.",
      labelNames: ['provider', 'state'] as const,
      registers,
    }),
    paymentCircuitTransitions: new Counter({
      name: 'idem_payment_circuit_transitions_total',
      help: "Transitions of the payment provider's circuit breaker, by the state entered.",
      labelNames: ['provider', 'state'] as const,
      registers,
    }),
    catalogStaleServed: new Counter({
      name: 'idem_catalog_stale_served_total',
      help: 'Catalog reads answered from the last good copy because the database was slow or down.',
      registers,
    }),
    ordersExpired: new Counter({
      name: 'idem_orders_expired_total',
      help: 'Unpaid orders this instance cancelled past the payment window (ORDER_PAYMENT_WINDOW_MS), their stock put back.',
      registers,
    }),
    sweeperRuns: new Counter({
      name: 'idem_sweeper_runs_total',
      help: "This instance's sweeper runs (one per completer run as leader).",
      registers,
    }),
  };
  // Every outcome is exported from the first scrape, at 0, so rate() and absent() behave.
  for (const outcome of IDEMPOTENCY_OUTCOMES) metrics.outcomes.inc({ outcome }, 0);
  for (const role of ['leader', 'follower']) metrics.completerRuns.inc({ role }, 0);
  for (const reason of ['busy', 'shutting_down', 'timeout', 'client_closed']) metrics.httpRejected.inc({ reason }, 0);
  return metrics;
}

export type Metrics = ReturnType<typeof createMetrics>;

// On `globalThis`, like the catalog cache: Next.js bundles each route separately, and the
// /api/metrics route must read the counters the /api/trpc route increments. (A second registry
// would also register the default process metrics twice.)
const globalForMetrics = globalThis as unknown as { idemMetrics?: Metrics };

/** The process's metrics. */
export const metrics: Metrics = (globalForMetrics.idemMetrics ??= createMetrics());
