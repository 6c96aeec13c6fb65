import { JOURNAL_PREFIX, parseEntries, type JournalEntry } from './journalItems.js';
import type { ResilientStorage } from './resilientStorage.js';

/** Reads and writes the journal's items, one read-modify-write cycle per item at a time. */
export interface JournalItemStore {
  /** Runs `task` (a read-modify-write cycle on item `name`) after the item's earlier cycles. */
  exclusive<T>(name: string, task: () => Promise<T>): Promise<T>;
  /** The item's unexpired entries. Rejects with a `JournalStorageError` when they cannot be known. */
  read(name: string): Promise<JournalEntry[]>;
  /**
   * Replaces the item's entries; no entries removes the item. Resolves to whether the storage took
   * it (`false`: kept in memory until the storage recovers).
   */
  write(name: string, entries: JournalEntry[]): Promise<boolean>;
  /** The names of the journal's items (every scope's); `complete: false` when the storage could not list them. Needs `keys()`. */
  listing(): Promise<{ names: string[]; complete: boolean }>;
  /** The names of the journal's items that can be listed (every scope's). Needs `keys()`. */
  names(): Promise<string[]>;
  /** Drops the expired entries of every item, e.g. of operations nobody re-issued. Never rejects. */
  sweep(): Promise<void>;
}

export function journalItemStore(storage: ResilientStorage, now: () => number): JournalItemStore {
  const queues = new Map<string, Promise<unknown>>();

  const store: JournalItemStore = {
    exclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
      const cycle = () => storage.cycle(task);
      const run = (queues.get(name) ?? Promise.resolve()).then(cycle, cycle);
      const tail = run.then(
        () => undefined,
        () => undefined,
      );
      queues.set(name, tail);
      void tail.then(() => queues.get(name) === tail && queues.delete(name));
      return run;
    },
    async read(name) {
      return parseEntries(await storage.getItem(name), now());
    },
    async write(name, entries) {
      if (entries.length === 0) return storage.removeItem(name);
      return storage.setItem(name, JSON.stringify(entries));
    },
    async listing() {
      const { names, complete } = await storage.keys();
      return { names: names.filter((name) => name.startsWith(JOURNAL_PREFIX)), complete };
    },
    async names() {
      return (await store.listing()).names;
    },
    async sweep() {
      try {
        for (const name of await store.names()) await store.exclusive(name, async () => store.write(name, await store.read(name))).catch(() => {});
      } catch {
        // housekeeping only: an item that cannot be read now is swept next time
      }
    },
  };
  return store;
}
