import { JournalStorageError } from '../JournalStorageError.js';
import { abandonKey } from './abandonKey.js';
import { journalItemStore, type JournalItemStore } from './journalItemStore.js';
import { isJournalItem, itemName, JOURNAL_PREFIX, scopeSegment, type JournalEntry } from './journalItems.js';
import type { ResilientStorage } from './resilientStorage.js';
import { stableStringify } from './stableStringify.js';

/** What `begin` keeps with a resumable operation's key. */
export interface ResumeRecord {
  /** The caller's JSON data (what the page showed), handed back by `pending`. */
  data?: unknown;
}

/** A pending resumable operation, as `pending` lists it. */
export interface PendingEntry {
  key: string;
  path: string;
  input: unknown;
  data: unknown;
  createdAt: number;
  expiresAt: number;
}

/** The key an operation uses, and what to do with its journal entry once it ends. */
export interface JournalTicket {
  key: string;
  /**
   * The journal scope (signed-in user) the operation started in. A retry after the scope changed
   * would go out under another user's session, so the link stops instead.
   */
  scope: string | undefined;
  /** The key came from an existing entry: an operation whose outcome was unknown is sent again. */
  resumed: boolean;
  /** The outcome is known (success or a final error): drop the entry. Resolves once dropped. */
  forget(): Promise<void>;
  /** The outcome is unknown (gave up, cancelled): keep the entry for a later re-issue. */
  release(): void;
}

export interface Journal {
  /**
   * The key for a new operation, written to storage before it returns. With `resume`, the entry
   * also keeps the path, the input and `resume.data`, for `pending`.
   */
  begin(path: string, input: unknown, scope?: string, resume?: ResumeRecord): Promise<JournalTicket>;
  /**
   * The resumable operations of `scope` (exactly that scope; `undefined` is the unscoped journal)
   * whose outcome is unknown and that no operation of this journal holds right now, oldest first;
   * only `path`'s when given. Needs `keys()`.
   */
  pending(scope: string | undefined, path?: string): Promise<PendingEntry[]>;
  /**
   * Forgets a pending key for good — the caller gives up on that operation, and the same input
   * sent again is a new operation with a new key. Resolves to whether an entry was removed; a key
   * held by an operation in flight is not removed (`false`), checked under the item's lock, so a
   * re-issue that took the key first keeps it. Rejects with a `JournalStorageError` when the
   * removal could not reach the storage (it is applied there once the storage recovers) or the
   * storage could not be searched.
   */
  abandon(key: string): Promise<boolean>;
  /**
   * Drops pending keys: the scope's, or every scope's when `scope` is empty. Resolves to the
   * number of items removed. Needs a storage that lists its items (`keys()`). Rejects with a
   * `JournalStorageError` when the storage could not be listed or cleared: the items the journal
   * knows of are removed from memory now and from the storage once it recovers; others may remain.
   */
  clear(scope?: string): Promise<number>;
}

export interface JournalOptions {
  storage: ResilientStorage;
  ttlMs: number;
  now: () => number;
  generateKey: () => string;
}

/** The ticket of an operation whose key is not journalled (the caller's own, or an input storage cannot hold). */
export function unjournaledTicket(key: string, scope: string | undefined): JournalTicket {
  return { key, scope, resumed: false, forget: async () => {}, release: () => {} };
}

/**
 * The journal of pending operations (items laid out as `journalItems` describes), holding the keys
 * of operations whose outcome is not known yet.
 *
 * An operation takes the oldest unexpired key that no operation of this journal currently holds
 * — one left by a page that crashed or reloaded mid-request — or writes a new one. Two identical
 * purchases in flight together therefore get two keys; a purchase repeated after a definitive
 * outcome gets a new key, because the outcome removed the old entry. A scope (the signed-in user)
 * keeps one user's pending keys from ever being handed to another on a shared client.
 */
export function createJournal({ storage, ttlMs, now, generateKey }: JournalOptions): Journal {
  const items = journalItemStore(storage, now);
  /** The keys operations of this journal are sending right now: never handed out twice. */
  const held = new Set<string>();
  /** The item of each key this journal handed out, so `abandon` finds it without listing storage. */
  const itemOf = new Map<string, string>();
  let swept = false;

  /** Takes the oldest free key of item `name`, or writes a new one, before any send. */
  const take = (name: string, scope: string | undefined, resumable: Pick<JournalEntry, 'path' | 'input' | 'data'> | undefined) =>
    items.exclusive(name, async (): Promise<JournalTicket> => {
      const entries = await items.read(name);
      const pending = entries.find((entry) => !held.has(entry.key));
      const at = now();
      const entry: JournalEntry = pending ?? { key: generateKey(), createdAt: at, expiresAt: at + ttlMs };
      if (!pending) entries.push(entry);
      if (resumable) Object.assign(entry, resumable);
      await items.write(name, entries);
      held.add(entry.key);
      itemOf.set(entry.key, name);
      const forget = () =>
        items.exclusive(name, async () => {
          held.delete(entry.key);
          itemOf.delete(entry.key);
          await items.write(name, (await items.read(name)).filter((other) => other.key !== entry.key));
        });
      return { key: entry.key, scope, resumed: pending !== undefined, forget, release: () => void held.delete(entry.key) };
    });

  return {
    async begin(path, input, scope, resume) {
      if (!swept) {
        swept = true; // once, in the background: drops expired entries of operations nobody re-issued
        void items.sweep();
      }
      const serialized = input === undefined ? '' : stableStringify(input);
      if (serialized === undefined) return unjournaledTicket(generateKey(), scope); // FormData, Map, …: not persisted
      const resumable = resume && { path, input: input === undefined ? null : JSON.parse(serialized), data: resume.data ?? null };
      return take(itemName(scope, path, serialized), scope, resumable);
    },

    pending: (scope, path) => listPending(items, held, scope, path),

    abandon: (key) => abandonKey({ items, held, itemOf }, key),

    async clear(scope) {
      const { names, complete } = await items.listing();
      const matching = names.filter((name) => isJournalItem(name, scope));
      let stored = complete;
      for (const name of matching) stored = (await items.exclusive(name, () => storage.removeItem(name))) && stored;
      if (stored) return matching.length;
      throw new JournalStorageError(
        `@idem/trpc-link: the journal storage could not be ${complete ? 'cleared' : 'listed'}: ${matching.length} item(s) were removed from memory and are removed from the storage once it recovers; others it holds remain.`,
      );
    },
  };
}

/** The resumable entries of `scope` (only `path`'s when given) that no operation holds, oldest first. */
async function listPending(items: JournalItemStore, held: ReadonlySet<string>, scope: string | undefined, path: string | undefined): Promise<PendingEntry[]> {
  const prefix = `${JOURNAL_PREFIX}${scopeSegment(scope)}`;
  const found: PendingEntry[] = [];
  for (const name of await items.names()) {
    // Unscoped names have no `@hash/` segment: never list another scope's items as unscoped.
    if (!name.startsWith(prefix) || (!scope && name.startsWith(`${prefix}@`))) continue;
    for (const entry of await items.read(name)) {
      if (held.has(entry.key) || typeof entry.path !== 'string' || !('input' in entry)) continue;
      if (path !== undefined && entry.path !== path) continue;
      const { key, createdAt, expiresAt, input, data } = entry;
      found.push({ key, path: entry.path, input: input ?? undefined, data: data ?? undefined, createdAt, expiresAt });
    }
  }
  return found.sort((a, b) => a.createdAt - b.createdAt);
}
