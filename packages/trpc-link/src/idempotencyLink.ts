import type { TRPCLink } from '@trpc/client';
import type { AnyRouter } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import type { IdempotencyLinkOptions } from './IdempotencyLinkOptions.js';
import { linkJournal } from './internals/linkJournal.js';
import { linkSettings } from './internals/linkSettings.js';
import { logOnce } from './internals/logOnce.js';
import { operationEvents } from './internals/operationEvents.js';
import { OperationRunner } from './internals/OperationRunner.js';
import type { PendingOperation, PendingOperationsOptions } from './PendingOperation.js';

/** `idempotencyLink`'s link, with a handle on its journal. */
export type IdempotencyLink<TRouter extends AnyRouter> = TRPCLink<TRouter> & {
  /**
   * Drops pending keys — `scope`'s, or all — from the storage and from the memory the link falls
   * back to, e.g. on logout on a shared device. Resolves to the number of items removed; rejects
   * with a `JournalStorageError` when the storage cannot list its items, or when (during a storage
   * outage) it could not be listed or cleared: the keys reached are then dropped from memory at
   * once and from the storage when it recovers.
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
   * operation is sending right now. Rejects with a `JournalStorageError` when the removal did not
   * reach the storage (during an outage; it is applied there once the storage recovers).
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
  const settings = linkSettings(opts);
  const journal = linkJournal(opts, settings);
  const logKeyNotSent = logOnce((message) => console.error(message));

  const link: TRPCLink<TRouter> = () => {
    // in app
    const appJournal = journal.get();
    return ({ op, next }) => {
      // for request
      if (op.type !== 'mutation') return next(op);
      return observable((observer) => {
        const runner = new OperationRunner({
          op,
          next,
          observer,
          settings,
          journal: appJournal,
          emit: operationEvents(opts, op),
          onKeyNotSent: (refusal) => logKeyNotSent(refusal.message),
        });
        runner.start();
        return runner.close;
      });
    };
  };

  return Object.assign(link, journal.methods);
}
