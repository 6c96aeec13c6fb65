import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { idempotencyCompleter, type AbandonedRecord, type CompleterEvent, type IdempotencyCompleter, type IdempotencyStore, type LeaseStore } from '@idem/trpc-server';
import type { Db } from '../db/create-db';
import { readServerEnv } from '../env';
import type { FaultInjector } from '../faults';
import { completerEventObserver } from '../observability/idempotency-observers';
import { logger as processLogger, type Logger } from '../observability/logger';
import { metrics } from '../observability/metrics';
import { requestScopes } from '../observability/request-scope';
import type { PaymentGateway } from '../payments/payment-gateway';
import { createCaller } from '../root';
import { createContext } from '../trpc';
import { idempotencyStoresFor } from './idempotency-store';

export interface StartCompleterOptions {
  db: Db;
  /** @default simulatedGatewayFor(db) */
  payments?: PaymentGateway;
  faults?: FaultInjector;
  /** @default IDEMPOTENCY_COMPLETER_INTERVAL_MS */
  intervalMs?: number;
  /** @default the process's logger */
  logger?: Logger;
  /** @default one log line and one `idem_idempotency_outcomes_total` increment per event */
  onEvent?: (event: CompleterEvent) => void;
}

/**
 * Starts the completer and the sweeper for this instance: every instance runs one, and the lease
 * lets exactly one of them work at a time. Abandoned requests are resumed as their client's retry
 * would resume them: the same procedure, the stored input, the record's principal and key.
 */
export function startIdempotencyCompleter({ db, payments, faults, intervalMs, logger = processLogger, onEvent }: StartCompleterOptions): IdempotencyCompleter {
  const stores = idempotencyStoresFor(db);
  const records = countingSweeps(stores.records);
  const leases = reportingLease(stores.leases);
  const log = logger.child({ component: 'completer' });
  const env = readServerEnv();
  const completer = idempotencyCompleter({
    store: records,
    leases,
    intervalMs: intervalMs ?? env.IDEMPOTENCY_COMPLETER_INTERVAL_MS,
    // Readable in the `leases` table: which machine and process does the work now.
    holder: `${hostname()}:${process.pid}`,
    resume: (record, input) => resume(record, input, { db, payments, faults }, log),
    ttlMs: env.IDEMPOTENCY_TTL_MS,
    onEvent: onEvent ?? completerEventObserver(log),
  });
  completer.start();
  return completer;
}

async function resume(record: AbandonedRecord, input: unknown, deps: { db: Db; payments?: PaymentGateway; faults?: FaultInjector }, log: Logger): Promise<unknown> {
  // Its own request id, so the resumed request's idempotency lines can be told from a client's.
  const requestId = `completer-${randomUUID()}`;
  const scope = { log: log.child({ requestId }), requestId, startedAt: performance.now(), outcomes: [], keys: [] };
  return requestScopes.run(scope, () => resumeAsRetry(record, input, deps));
}

async function resumeAsRetry(record: AbandonedRecord, input: unknown, deps: { db: Db; payments?: PaymentGateway; faults?: FaultInjector }): Promise<unknown> {
  const req = new Request('http://completer.internal/', { method: 'POST', headers: { 'idempotency-key': keyHeader(record.key) } });
  const ctx = createContext({ ...deps, req, resHeaders: new Headers(), session: { id: record.scope, isNew: false } });
  const procedure = record.procedure.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], createCaller(ctx));
  if (typeof procedure !== 'function') throw new Error(`The completer cannot resume ${record.procedure}: no such procedure.`);
  return (procedure as (input: unknown) => Promise<unknown>)(input);
}

/** The key as a structured-field string, the header's wire format, whatever characters it holds. */
function keyHeader(key: string): string {
  return `"${key.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/**
 * The lease store, reporting each run: every completer run starts with one `acquire` (a renewal
 * while held), so its answer is this instance's role for the run and `idem_completer_lease_held`.
 */
function reportingLease(leases: LeaseStore): LeaseStore {
  return {
    async acquire(input) {
      const held = await leases.acquire(input).catch((error: unknown) => {
        metrics.leaseHeld.set(0); // unknown: the next instance may take it over
        throw error;
      });
      metrics.leaseHeld.set(held ? 1 : 0);
      metrics.completerRuns.inc({ role: held ? 'leader' : 'follower' });
      return held;
    },
    async release(input) {
      await leases.release(input);
      metrics.leaseHeld.set(0);
    },
  };
}

/** The records, counting each sweep (`idem_sweeper_runs_total`); every other method is the store's own. */
function countingSweeps<TTx>(records: IdempotencyStore<TTx>): IdempotencyStore<TTx> {
  const counting: IdempotencyStore<TTx> = Object.create(records) as IdempotencyStore<TTx>;
  counting.sweepExpired = (input) => {
    metrics.sweeperRuns.inc();
    return records.sweepExpired(input);
  };
  return counting;
}
