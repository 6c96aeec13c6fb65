import { isJournalItem } from './internals/journalItems.js';
import type { JournalStorage } from './JournalStorage.js';
import { JournalStorageError } from './JournalStorageError.js';

export interface ClearJournalOptions {
  /**
   * Only this scope's pending keys (the value the link's `scope` option returned for the user).
   * @default undefined — every scope's, and the unscoped ones
   */
  scope?: string;
}

/**
 * Removes `idempotencyLink`'s pending keys from a storage, e.g. on logout on a shared device. A
 * cleared key is gone for good: re-issuing a mutation whose outcome was unknown then sends a new
 * key, so the server can no longer deduplicate it. With a per-user `scope` you rarely need this:
 * clear for privacy, not for correctness. Prefer the link's own `clearJournal()` while a client
 * exists: it also clears keys the link kept in memory while storage was failing.
 *
 * Resolves to the number of journal items removed. Throws a `JournalStorageError` when the
 * storage cannot list its items (no `keys()`): failing loudly beats pretending it was cleared.
 *
 * @example await clearJournal(webStorage(), { scope: userId })
 */
export async function clearJournal(storage: JournalStorage, options: ClearJournalOptions = {}): Promise<number> {
  if (typeof storage.keys !== 'function') throw new JournalStorageError('@idem/trpc-link: cannot clear the journal: the storage has no keys() to list its items.');
  let removed = 0;
  try {
    for (const name of await storage.keys()) {
      if (!isJournalItem(name, options.scope)) continue;
      await storage.removeItem(name);
      removed++;
    }
  } catch (cause) {
    throw new JournalStorageError(`@idem/trpc-link: clearing the journal failed after ${removed} item(s).`, { cause });
  }
  return removed;
}
