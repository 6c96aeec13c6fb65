import { useEffect, useState } from 'react';
import type { IdempotencyLink } from '../idempotencyLink.js';
import type { PendingOperation, PendingOperationsOptions } from '../PendingOperation.js';

export interface PendingOperationsResult {
  /** The pending operations, oldest first; `undefined` until read (and on the server). */
  operations: PendingOperation[] | undefined;
  /** Why they could not be read (a `JournalStorageError`); `operations` is then `[]`. */
  error: unknown;
}

/**
 * The resumable mutations whose outcome is unknown, read once from the link's journal after
 * mount: after a reload, what the page may send again (the same input gets the same key). Read
 * in an effect, so the server's HTML and the first render agree (`operations` is `undefined`).
 *
 * @example
 * const { operations } = usePendingOperations(link, { path: 'checkout.placeOrder' });
 * useEffect(() => { if (operations?.[0]) pay.mutate(fromPending(operations[0])) }, [operations]);
 */
export function usePendingOperations(link: Pick<IdempotencyLink<never>, 'pendingOperations'>, options: PendingOperationsOptions = {}): PendingOperationsResult {
  const [result, setResult] = useState<PendingOperationsResult>({ operations: undefined, error: undefined });
  const { path } = options;
  const scoped = 'scope' in options;
  const { scope } = options;
  useEffect(() => {
    let current = true;
    link.pendingOperations(scoped ? { path, scope } : { path }).then(
      (operations) => current && setResult({ operations, error: undefined }),
      (error: unknown) => current && setResult({ operations: [], error }),
    );
    return () => {
      current = false;
    };
  }, [link, path, scoped, scope]);
  return result;
}
