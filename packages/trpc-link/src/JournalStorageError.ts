import { IdempotencyLinkError } from './IdempotencyLinkError.js';
import { isErrorNamed } from './internals/isErrorNamed.js';

/**
 * The journal's storage failed — quota exceeded, private mode, IndexedDB unavailable or too slow.
 * Usually not thrown at a mutation: the journal switches to memory, reports this error through
 * `onStorageError` and the monitor, and tries the storage again after `storageRecoveryMs`. A
 * mutation is refused with it (its `TRPCClientError`'s `cause`) only when the journal can tell
 * neither from memory nor from the failing storage whether a key is pending for it: sending with a
 * new key could run a pending operation twice. `clearJournal` and `abandon` reject with it when
 * their removal could not reach the storage (it is applied there once the storage recovers).
 */
export class JournalStorageError extends IdempotencyLinkError {
  override readonly name = 'JournalStorageError' as const;
  override readonly code = 'JOURNAL_STORAGE_FAILED' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Whether `value` is a `JournalStorageError`: an `Error` with its name (see `IdempotencyLinkError`). */
export function isJournalStorageError(value: unknown): value is JournalStorageError {
  return isErrorNamed(value, 'JournalStorageError');
}
