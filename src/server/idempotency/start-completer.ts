import { hostname } from 'node:os';
import { idempotencyCompleter, type AbandonedRecord, type CompleterEvent, type IdempotencyCompleter } from '@idem/trpc-server';
import type { Db } from '../db/create-db';
import { readServerEnv } from '../env';
import type { FaultInjector } from '../faults';
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
  /** @default logs failures and flags with console.warn */
  onEvent?: (event: CompleterEvent) => void;
}

/**
 * Starts the completer and the sweeper for this instance: every instance runs one, and the lease
 * lets exactly one of them work at a time. Abandoned requests are resumed as their client's retry
 * would resume them: the same procedure, the stored input, the record's principal and key.
 */
export function startIdempotencyCompleter({ db, payments, faults, intervalMs, onEvent = logEvent }: StartCompleterOptions): IdempotencyCompleter {
  const { records, leases } = idempotencyStoresFor(db);
  const env = readServerEnv();
  const completer = idempotencyCompleter({
    store: records,
    leases,
    intervalMs: intervalMs ?? env.IDEMPOTENCY_COMPLETER_INTERVAL_MS,
    // Readable in the `leases` table: which machine and process does the work now.
    holder: `${hostname()}:${process.pid}`,
    resume: (record, input) => resume(record, input, { db, payments, faults }),
    ttlMs: env.IDEMPOTENCY_TTL_MS,
    onEvent,
  });
  completer.start();
  return completer;
}

async function resume(record: AbandonedRecord, input: unknown, deps: { db: Db; payments?: PaymentGateway; faults?: FaultInjector }): Promise<unknown> {
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

function logEvent(event: CompleterEvent): void {
  if (event.type === 'failed' || event.type === 'flagged' || event.type === 'error') {
    const record = event.record ? `${event.record.procedure} (record ${event.record.id}, at ${event.record.recoveryPoint})` : '';
    console.warn(`idempotency completer: ${event.type} ${record}`, event.error instanceof Error ? event.error.message : '');
  }
}
