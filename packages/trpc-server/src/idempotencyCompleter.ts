import type { TRPCError } from '@trpc/server';
import { completeAbandoned } from './internals/completeAbandoned.js';
import { leaderJob, type LeaderJob } from './leaderJob.js';
import { isTransientFailure } from './internals/transientFailure.js';
import type { AbandonedRecord, IdempotencyStore, LeaseStore } from './store.js';

/** Undoes an abandoned request's committed phases inside `tx` and says what its client will be answered. */
export type Compensation<TTx> = (tx: TTx, record: AbandonedRecord) => Promise<TRPCError>;

/** What one run of the completer and the sweeper did. */
export interface CompleterEvent {
  type: 'resumed' | 'compensated' | 'failed' | 'flagged' | 'swept' | 'error';
  /** The record concerned; absent for `swept` and for errors outside one record. */
  record?: Pick<AbandonedRecord, 'id' | 'scope' | 'key' | 'procedure' | 'recoveryPoint'>;
  /** `swept`: how many records were deleted. */
  count?: number;
  error?: unknown;
  /** `failed`: whether the failure was transient (not counted towards flagging). */
  transient?: boolean;
}

export interface IdempotencyCompleterOptions<TTx> {
  /** The records. */
  store: IdempotencyStore<TTx>;
  /** Where the lease lives that elects the one instance doing this work. */
  leases: LeaseStore;
  /**
   * Re-issues an abandoned request from its stored input (`record.input`), under its own scope and
   * key, as the client's retry would: typically through a tRPC caller whose context carries the
   * record's principal and an `Idempotency-Key` header. The idempotency middleware then takes the
   * key over, resumes from the recovery point with the same derived keys, and stores the outcome.
   * Settles (either way) once that request answered. `input` is the stored input, parsed.
   */
  resume: (record: AbandonedRecord, input: unknown) => Promise<unknown>;
  /**
   * Procedures completed by compensation instead of resumption, by path: the completer takes the
   * key over and, in one fenced transaction, runs the compensation and stores the error it returns
   * as the key's response.
   * @default {} (every procedure is resumed)
   */
  compensate?: Record<string, Compensation<TTx>>;
  /**
   * How often to look for abandoned and expired records.
   * @default 10_000
   */
  intervalMs?: number;
  /**
   * How long the lease lasts without renewal; another instance takes over once it has expired.
   * @default 3 × intervalMs
   */
  leaseTtlMs?: number;
  /** @default 'idempotency-completer' */
  leaseName?: string;
  /** This instance's name in the lease. @default a random UUID */
  holder?: string;
  /**
   * Failed attempts to finish one record before it is flagged for an operator (and never swept).
   * Transient failures (see `isTransient`) are not counted: an outage is waited out.
   * @default 5
   */
  maxCompletionAttempts?: number;
  /**
   * Whether a failed resumption may succeed later by itself (the payment provider is down, the key
   * is held by a client's retry). Such failures are retried every run and never flag the record.
   * @default a TRPCError whose HTTP status is 408, 409, 429, 499, 502, 503 or 504, or any error
   * caused by a database that was briefly unreachable or overloaded (Prisma P1001, P1002, P1008,
   * P1017, P2024, P2028, P2034)
   */
  isTransient?: (error: unknown) => boolean;
  /**
   * The key's TTL, as given to `idempotency()`: a compensated record is remembered this long.
   * @default 86_400_000 (24 h)
   */
  ttlMs?: number;
  /** Abandoned records handled per run. @default 20 */
  batchSize?: number;
  /** Expired records deleted per run, at most. @default 500 */
  sweepBatchSize?: number;
  /** Each outcome, for logs and metrics. A throwing listener is reported and ignored. */
  onEvent?: (event: CompleterEvent) => void;
  /** The clock, injectable for tests. @default () => new Date() */
  now?: () => Date;
}

/** `start()`, `stop()` and `runOnce()`: one run takes or renews the lease and, if held, finishes abandoned records, then sweeps expired ones. */
export type IdempotencyCompleter = LeaderJob;

/**
 * Finishes what clients abandoned, and forgets what expired — in exactly one instance at a time.
 *
 * - Completer: an IN_PROGRESS record with committed phases whose lock expired is a request nobody
 *   is finishing (the client gave up, or got an unknown outcome and never came back). It is resumed
 *   as a retry would resume it, or compensated, so that its order is paid or cancelled and its stock
 *   released without the client. A later retry with the key replays the outcome.
 * - Sweeper: deletes expired records in bounded batches — never one with committed phases and no
 *   outcome; after `maxCompletionAttempts` failures such a record is flagged for an operator.
 * - Election: a lease in the database, taken and renewed with one conditional write per run.
 */
export function idempotencyCompleter<TTx>(options: IdempotencyCompleterOptions<TTx>): IdempotencyCompleter {
  const { store, leases, resume, compensate = {}, intervalMs = 10_000, maxCompletionAttempts = 5, batchSize = 20, sweepBatchSize = 500, ttlMs = 86_400_000 } = options;
  const isTransient = options.isTransient ?? isTransientFailure;
  const leaseTtlMs = options.leaseTtlMs ?? 3 * intervalMs;
  const leaseName = options.leaseName ?? 'idempotency-completer';
  const now = options.now ?? (() => new Date());
  const emit = (event: CompleterEvent) => {
    try {
      options.onEvent?.(event);
    } catch (error) {
      console.error('@idem/trpc-server: the completer onEvent listener threw', error);
    }
  };
  const settings = { store, resume, compensate, maxCompletionAttempts, isTransient, ttlMs, leaseTtlMs, now, emit };

  const job = leaderJob({
    leases,
    leaseName,
    holder: options.holder,
    intervalMs,
    leaseTtlMs,
    now,
    onError: (error) => emit({ type: 'error', error }),
    async run(signal) {
      for (const record of await store.findAbandoned({ now: now(), limit: batchSize })) {
        if (signal.aborted) return; // stopping: the rest waits for the next holder of the lease
        await completeAbandoned(settings, record);
      }
      const count = await store.sweepExpired({ now: now(), limit: sweepBatchSize });
      if (count > 0) emit({ type: 'swept', count });
    },
  });
  return job;
}
