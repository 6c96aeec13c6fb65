import { TRPCClientError, type OperationResultEnvelope, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import { exponentialBackoff } from './exponentialBackoff.js';
import type { IdempotencyErrorMeta } from './IdempotencyErrorMeta.js';
import type { IdempotencyEvent } from './IdempotencyEvent.js';
import type { IdempotencyLinkOptions } from './IdempotencyLinkOptions.js';
import { idempotencyKeyOf } from './idempotencyKeyOf.js';
import { createJournal, type JournalTicket } from './internals/journal.js';
import { planRetry, type RetryPlan } from './internals/planRetry.js';
import { replayOf } from './internals/replayOf.js';
import { resilientStorage } from './internals/resilientStorage.js';
import { uuidv7 } from './internals/uuidv7.js';
import type { JournalStorage } from './JournalStorage.js';
import { memoryStorage } from './memoryStorage.js';
import { RetryAbortedError } from './RetryAbortedError.js';
import { webStorage } from './webStorage.js';

/** A storage call slower than this counts as failed (a blocked IndexedDB never answers). */
const STORAGE_TIMEOUT_MS = 2000;

type Envelope = OperationResultEnvelope<unknown, TRPCClientError<AnyRouter>>;

/**
 * Makes mutations safe to retry, and retries them. Put it first, above the terminating link; it
 * is the only layer that retries (keep TanStack Query's mutation `retry` off).
 *
 * - Keys: one per logical mutation in `op.context.idempotencyKey`, reused by every attempt; a
 *   key the caller supplied wins. Queries and subscriptions pass through untouched.
 * - Journal: a generated key is written to `storage` before the first send, under the procedure
 *   path and a hash of the input, and removed only on a definitive answer (a 2xx or a stored 4xx).
 *   After a 5xx or a lost response it stays, even when retries run out: re-issuing the same
 *   mutation (a "try again", a reload) reuses the key, so the server replays or resumes it.
 * - Retries: `shouldRetry` decides; the backoff or `Retry-After` sets the wait; `maxAttempts`,
 *   `deadlineMs` and the operation's `AbortSignal` bound it. Each retry and replay is reported.
 *
 * @example createTRPCClient<AppRouter>({ links: [idempotencyLink(), httpBatchLink({ url, headers: ({ opList }) => idempotencyHeaders(opList) })] })
 */
export function idempotencyLink<TRouter extends AnyRouter>(opts: IdempotencyLinkOptions = {}): TRPCLink<TRouter> {
  // initialized config
  const now = opts.now ?? (() => Date.now());
  const random = opts.random ?? Math.random;
  const generateKey = opts.generateKey ?? (() => uuidv7());
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 6);
  const deadlineMs = opts.deadlineMs ?? 60_000;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 30_000;
  const { retryDelay: delayOption = (retry: number) => exponentialBackoff(retry, { random }) } = opts;
  const retryDelay = typeof delayOption === 'number' ? () => delayOption : delayOption;
  const onStorageError = opts.onStorageError ?? ((error) => console.warn(error.message, error.cause));

  return () => {
    // in app: one journal per client
    const storage = resilientStorage(opts.storage ?? defaultStorage(), { onError: onStorageError, timeoutMs: STORAGE_TIMEOUT_MS });
    const journal = createJournal({ storage, ttlMs: opts.journalTtlMs ?? 82_800_000, now, generateKey });

    return ({ op, next }) => {
      // for request
      if (op.type !== 'mutation') return next(op);

      return observable<Envelope, TRPCClientError<AnyRouter>>((observer) => {
        const startedAt = now();
        const callerKey = idempotencyKeyOf(op);
        let ticket: JournalTicket | undefined;
        let attempts = 0;
        let current: Unsubscribable | undefined;
        let timer: ReturnType<typeof setTimeout> | undefined;
        let finished = false; // no more attempts: the outcome is decided
        let disposed = false; // the caller unsubscribed

        const emit = (event: IdempotencyEvent) => {
          const listeners =
            event.type === 'retry' ? [opts.onRetry, op.context['onRetry']] : event.type === 'replay' ? [opts.onReplay, op.context['onReplay']] : [];
          for (const listener of [...listeners, opts.monitor?.report]) {
            if (typeof listener !== 'function') continue;
            try {
              (listener as (event: IdempotencyEvent) => void)(event);
            } catch (error) {
              // A listener's bug must show, but must not break the operation it observes.
              console.error('@idem/trpc-link: an event listener threw', error);
            }
          }
        };

        /**
         * Ends the operation: updates the journal, reports, then delivers the result. Only a known
         * outcome drops the journal entry; an unknown one (a 5xx, a lost response, however the
         * retries ended) keeps it for the next identical mutation.
         */
        const finish = (journalOutcome: 'known' | 'unknown', outcome: 'success' | 'error' | 'cancelled', deliver: () => void) => {
          finished = true;
          clearTimeout(timer);
          op.signal?.removeEventListener('abort', onAbort);
          if (ticket) emit({ type: 'settled', key: ticket.key, path: op.path, attempts, outcome });
          let journalled = Promise.resolve();
          if (journalOutcome === 'known' && ticket) journalled = ticket.forget();
          else ticket?.release();
          // Deliver after the journal is updated: a caller who repeats the purchase right away must
          // get a new key, and so must a page reloaded right after showing the result.
          void journalled.then(() => !disposed && deliver());
        };

        const onAbort = () => {
          if (finished || timer === undefined || !ticket) return; // an attempt in flight aborts itself
          const error = new RetryAbortedError(ticket.key, attempts, { cause: op.signal?.reason });
          finish('unknown', 'cancelled', () => observer.error(TRPCClientError.from(error)));
        };
        op.signal?.addEventListener('abort', onAbort, { once: true });

        const attempt = (key: string) => {
          timer = undefined;
          const n = ++attempts;
          let result: Envelope | undefined;
          const subscription = next({ ...op, context: { ...op.context, idempotencyKey: key, idempotencyAttempt: n } }).subscribe({
            next(envelope) {
              result = envelope;
              const replay = replayOf(envelope.context);
              if (replay) emit({ type: 'replay', key, path: op.path, attempt: n, ...replay });
            },
            complete() {
              finish('known', 'success', () => {
                if (result) observer.next(result);
                observer.complete();
              });
            },
            error(error) {
              const replay = replayOf(error.meta);
              if (replay) emit({ type: 'replay', key, path: op.path, attempt: n, ...replay });
              let plan: RetryPlan;
              try {
                plan = planRetry({ error, op, attempt: n, now: now(), startedAt, retry: opts.retry ?? true, maxAttempts, deadlineMs, retryDelay, maxRetryAfterMs });
              } catch (policyError) {
                // A throwing `retry` or `retryDelay` is a bug to show, not a reason to hang the operation.
                console.error('@idem/trpc-link: the retry policy threw; not retrying', policyError);
                plan = { retry: false, stoppedBy: 'declined', outcome: 'unknown' };
              }
              if (!plan.retry) {
                const meta: IdempotencyErrorMeta = { key, attempts: n, stoppedBy: plan.stoppedBy, outcome: plan.outcome };
                finish(plan.outcome, 'error', () => observer.error(TRPCClientError.from(error, { meta: { idempotency: meta } })));
                return;
              }
              timer = setTimeout(() => attempt(key), plan.delayMs);
              const { reason, delayMs, delaySource } = plan;
              emit({ type: 'retry', key, path: op.path, attempt: n + 1, maxAttempts, delayMs, retryAt: now() + delayMs, reason, delaySource, error });
            },
          });
          // A link below may answer synchronously, even after we were torn down.
          if (disposed) subscription.unsubscribe();
          else if (attempts === n) current = subscription;
        };

        // The key: the caller's, else a pending one from the journal or a new one, written to
        // storage before the first send.
        const begin = callerKey !== undefined ? Promise.resolve(undefined) : journal.begin(op.path, op.input);
        begin.then(
          (journalTicket) => {
            ticket = journalTicket ?? { key: callerKey as string, forget: async () => {}, release: () => {} };
            if (disposed) ticket.release();
            else attempt(ticket.key);
          },
          (cause: unknown) => !disposed && observer.error(TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause)))),
        );

        return () => {
          if (!finished && ticket) {
            finished = true;
            ticket.release();
            emit({ type: 'settled', key: ticket.key, path: op.path, attempts, outcome: 'cancelled' });
          }
          disposed = true;
          clearTimeout(timer);
          op.signal?.removeEventListener('abort', onAbort);
          current?.unsubscribe();
        };
      });
    };
  };
}

/** Persist where the platform can (browsers), else keep keys for the life of the process. */
function defaultStorage(): JournalStorage {
  try {
    if (typeof globalThis.localStorage?.getItem === 'function') return webStorage();
  } catch {
    // reading `localStorage` throws where storage is disabled
  }
  return memoryStorage();
}
