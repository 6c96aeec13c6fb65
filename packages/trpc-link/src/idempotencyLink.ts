import { TRPCClientError, type OperationResultEnvelope, type TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import { exponentialBackoff } from './exponentialBackoff.js';
import type { IdempotencyContext } from './IdempotencyContext.js';
import type { IdempotencyErrorMeta } from './IdempotencyErrorMeta.js';
import type { IdempotencyEvent } from './IdempotencyEvent.js';
import { IdempotencyKeyNotSentError } from './IdempotencyKeyNotSentError.js';
import type { IdempotencyLinkOptions } from './IdempotencyLinkOptions.js';
import type { IdempotencyResultMeta } from './IdempotencyResultMeta.js';
import type { PendingOperation, PendingOperationsOptions } from './PendingOperation.js';
import { idempotencyKeyOf } from './idempotencyKeyOf.js';
import { defaultStorage } from './internals/defaultStorage.js';
import { createJournal, mergeEntries, type Journal, type JournalTicket } from './internals/journal.js';
import { withKeyReceipt } from './internals/keyReceipt.js';
import { notify } from './internals/notify.js';
import { outcomeOf } from './internals/outcomeOf.js';
import { planRetry, type RetryPlan } from './internals/planRetry.js';
import { replayOf } from './internals/replayOf.js';
import { resilientStorage } from './internals/resilientStorage.js';
import { uuidv7 } from './internals/uuidv7.js';
import { JournalStorageError } from './JournalStorageError.js';
import { RetryAbortedError } from './RetryAbortedError.js';

type Envelope = OperationResultEnvelope<unknown, TRPCClientError<AnyRouter>>;

/** `idempotencyLink`'s link, with a handle on its journal. */
export type IdempotencyLink<TRouter extends AnyRouter> = TRPCLink<TRouter> & {
  /**
   * Drops pending keys — `scope`'s, or all — from the storage and from the memory the link falls
   * back to, e.g. on logout on a shared device. Resolves to the number of items removed; rejects
   * with a `JournalStorageError` when the storage cannot list its items.
   */
  clearJournal(scope?: string): Promise<number>;
  /**
   * The resumable mutations (sent with `resumable` in their context) whose outcome is unknown and
   * that no call of this client is sending right now, oldest first: after a reload, what the page
   * may send again (same path and input: the journal hands the same key back). Reads the current
   * `scope` unless one is given. Rejects with a `JournalStorageError` when the storage cannot list
   * its items.
   */
  pendingOperations(options?: PendingOperationsOptions): Promise<PendingOperation[]>;
  /**
   * Forgets a pending key for good — the user gives up on an operation whose outcome is unknown,
   * and the same input sent again is a new operation with a new key (the server cannot match it to
   * the first attempt). Resolves to whether a journal entry was removed; `false` for a key an
   * operation is sending right now.
   */
  abandon(key: string): Promise<boolean>;
};

/**
 * Makes mutations safe to retry, and retries them. Put it first, above a terminating link that
 * sends its keys (`idempotentHttpBatchLink`, `idempotentHttpLink`); it is the only layer that
 * retries (keep TanStack Query's mutation `retry` off).
 *
 * - Keys: one per logical mutation in `op.context.idempotencyKey`, reused by every attempt; a
 *   key the caller supplied wins. Queries and subscriptions pass through untouched.
 * - Fail closed: an attempt is retried only if the terminating link confirmed that its key went
 *   out (`idempotencyHeaders` does); otherwise the mutation fails with an
 *   `IdempotencyKeyNotSentError` rather than run again with nothing to deduplicate it.
 * - Journal: a generated key is written to `storage` before the first send, under the `scope`,
 *   the procedure path and a hash of the input, and removed only on a definitive answer (a 2xx
 *   or a stored 4xx). After a 5xx or a lost response it stays, even when retries run out:
 *   re-issuing the same mutation (a "try again", a reload) reuses the key.
 * - Retries: `shouldRetry` decides; the backoff or `Retry-After` sets the wait; `maxAttempts`,
 *   `deadlineMs` and the operation's `AbortSignal` bound it. Each retry and replay is reported.
 *
 * @example createTRPCClient<AppRouter>({ links: [idempotencyLink(), idempotentHttpBatchLink({ url })] })
 */
export function idempotencyLink<TRouter extends AnyRouter>(opts: IdempotencyLinkOptions = {}): IdempotencyLink<TRouter> {
  // initialized config
  const now = opts.now ?? (() => Date.now());
  const random = opts.random ?? Math.random;
  const generateKey = opts.generateKey ?? (() => uuidv7());
  const maxAttempts = Math.max(1, opts.maxAttempts ?? 6);
  const deadlineMs = opts.deadlineMs ?? 60_000;
  const maxRetryAfterMs = opts.maxRetryAfterMs ?? 30_000;
  const storageRecoveryMs = opts.storageRecoveryMs ?? 30_000;
  const { retryDelay: delayOption = (retry: number) => exponentialBackoff(retry, { random }) } = opts;
  const retryDelay = typeof delayOption === 'number' ? () => delayOption : delayOption;
  const onStorageError = opts.onStorageError ?? ((error) => console.warn(error.message, error.cause));
  const scopeOf = () => (typeof opts.scope === 'function' ? opts.scope() : opts.scope) || undefined;

  // One journal per link, made on first use: the clients built from this link share its storage.
  let journal: { journal: Journal; listable: boolean } | undefined;
  const journalOf = () => {
    if (journal) return journal;
    const storage = resilientStorage(opts.storage ?? defaultStorage(), {
      onError: onStorageError,
      onModeChange: (mode, error) => {
        const at = now();
        notify([opts.monitor?.report], { type: 'storage', mode, error, at, retryAt: mode === 'memory' ? at + storageRecoveryMs : undefined } satisfies IdempotencyEvent);
      },
      timeoutMs: opts.storageTimeoutMs ?? 2000,
      recoverAfterMs: storageRecoveryMs,
      now,
      merge: (stored, inMemory) => mergeEntries(stored, inMemory, now()),
    });
    journal = { journal: createJournal({ storage, ttlMs: opts.journalTtlMs ?? 82_800_000, now, generateKey }), listable: storage.listable };
    return journal;
  };
  let reportedKeyNotSent = false;

  const link: TRPCLink<TRouter> = () => {
    const { journal } = journalOf();

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
          const { context } = op;
          const listeners = {
            attempt: [opts.onAttempt, context['onAttempt']],
            retry: [opts.onRetry, context['onRetry']],
            replay: [opts.onReplay, context['onReplay']],
            settled: [opts.onSettled, context['onSettled']],
            storage: [],
          }[event.type];
          notify([...listeners, opts.monitor?.report], event);
        };

        /**
         * Ends the operation: updates the journal, reports, then delivers the result. Only a known
         * outcome drops the journal entry; an unknown one (a 5xx, a lost response, however the
         * retries ended) keeps it for the next identical mutation.
         */
        const finish = (journalOutcome: 'known' | 'unknown', outcome: 'success' | 'error' | 'cancelled', replayed: boolean, deliver: () => void) => {
          finished = true;
          clearTimeout(timer);
          op.signal?.removeEventListener('abort', onAbort);
          if (ticket) emit({ type: 'settled', key: ticket.key, path: op.path, attempts, outcome, replayed });
          let journalled = Promise.resolve();
          if (journalOutcome === 'known' && ticket) journalled = ticket.forget();
          else ticket?.release();
          // Deliver after the journal is updated: a caller who repeats the purchase right away must
          // get a new key, and so must a page reloaded right after showing the result.
          void journalled.then(() => !disposed && deliver());
        };

        /** Rejects with `error`, adding the link's account of the operation at `meta.idempotency`. */
        const fail = (journalOutcome: 'known' | 'unknown', outcome: 'error' | 'cancelled', error: unknown, meta: IdempotencyErrorMeta) =>
          finish(journalOutcome, outcome, false, () => observer.error(TRPCClientError.from(error as Error, { meta: { idempotency: meta } })));

        const onAbort = () => {
          if (finished || timer === undefined || !ticket) return; // an attempt in flight aborts itself
          const error = new RetryAbortedError(ticket.key, attempts, { cause: op.signal?.reason });
          fail('unknown', 'cancelled', error, { key: ticket.key, attempts, stoppedBy: 'aborted', outcome: 'unknown' });
        };
        op.signal?.addEventListener('abort', onAbort, { once: true });

        const attempt = (key: string) => {
          timer = undefined;
          const n = ++attempts;
          let keySent = false; // set by the terminating link, through `idempotencyHeaders`
          let replayed = false;
          let result: Envelope | undefined;
          const context = withKeyReceipt({ ...op.context, idempotencyKey: key, idempotencyAttempt: n }, key, () => (keySent = true));
          emit({ type: 'attempt', key, path: op.path, attempt: n, maxAttempts, resumed: ticket?.resumed ?? false });
          if (disposed || finished) return; // a listener unsubscribed or aborted
          const subscription = next({ ...op, context }).subscribe({
            next(envelope) {
              result = envelope;
              const replay = replayOf(envelope.context);
              if (replay) {
                replayed = true;
                emit({ type: 'replay', key, path: op.path, attempt: n, ...replay });
              }
            },
            complete() {
              finish('known', 'success', replayed, () => {
                const idempotency: IdempotencyResultMeta = { key, attempts: n, replayed };
                if (result) observer.next({ ...result, context: { ...result.context, idempotency } });
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
                fail(plan.outcome, 'error', error, { key, attempts: n, stoppedBy: plan.stoppedBy, outcome: plan.outcome });
                return;
              }
              if (!keySent) {
                // Fail closed: a retry without the key on the wire is a second, unguarded execution.
                const refusal = new IdempotencyKeyNotSentError(key, op.path, { cause: error });
                if (!reportedKeyNotSent) {
                  reportedKeyNotSent = true;
                  console.error(refusal.message);
                }
                const outcome = outcomeOf(error);
                fail(outcome, 'error', refusal, { key, attempts: n, stoppedBy: 'key-not-sent', outcome });
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
        let begin: Promise<JournalTicket | undefined>;
        try {
          const { resumable, resumeData } = op.context as IdempotencyContext;
          const resume = resumable === true || resumeData !== undefined ? { data: resumeData } : undefined;
          begin = callerKey !== undefined ? Promise.resolve(undefined) : journal.begin(op.path, op.input, scopeOf(), resume);
        } catch (scopeError) {
          begin = Promise.reject(scopeError); // a throwing `scope` fails this mutation, before any send
        }
        begin.then(
          (journalTicket) => {
            ticket = journalTicket ?? { key: callerKey as string, resumed: false, forget: async () => {}, release: () => {} };
            if (disposed) ticket.release();
            else attempt(ticket.key);
          },
          (cause: unknown) => !disposed && observer.error(TRPCClientError.from(cause instanceof Error ? cause : new Error(String(cause)))),
        );

        return () => {
          if (!finished && ticket) {
            finished = true;
            ticket.release();
            emit({ type: 'settled', key: ticket.key, path: op.path, attempts, outcome: 'cancelled', replayed: false });
          }
          disposed = true;
          clearTimeout(timer);
          op.signal?.removeEventListener('abort', onAbort);
          current?.unsubscribe();
        };
      });
    };
  };

  const listableJournal = (what: string) => {
    const { journal, listable } = journalOf();
    if (!listable) throw new JournalStorageError(`@idem/trpc-link: cannot ${what}: the storage has no keys() to list its items.`);
    return journal;
  };

  return Object.assign(link, {
    async clearJournal(scope?: string) {
      return listableJournal('clear the journal').clear(scope || undefined);
    },
    async pendingOperations(options: PendingOperationsOptions = {}) {
      const scope = 'scope' in options ? options.scope || undefined : scopeOf();
      return listableJournal('list pending operations').pending(scope, options.path);
    },
    async abandon(key: string) {
      return journalOf().journal.abandon(key);
    },
  });
}
