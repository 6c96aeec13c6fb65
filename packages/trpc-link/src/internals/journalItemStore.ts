import { JOURNAL_PREFIX, parseEntries, type JournalEntry } from './journalItems.js';
import type { ResilientStorage } from './resilientStorage.js';

/** Reads and writes the journal's items, one read-modify-write cycle per item at a time. */
export interface JournalItemStore {
  /** Runs `task` (a read-modify-write cycle on item `name`) after the item's earlier cycles. */
  exclusive<T>(name: string, task: () => Promise<T>): Promise<T>;
  /** The item's unexpired entries. */
  read(name: string): Promise<JournalEntry[]>;
  /** Replaces the item's entries; no entries removes the item. */
  write(name: string, entries: JournalEntry[]): Promise<void>;
  /** Removes `key`'s entry from item `name`; whether there was one. */
  drop(name: string, key: string): Promise<boolean>;
  /** The names of the journal's items (every scope's). Needs `keys()`. */
  names(): Promise<string[]>;
  /** Drops the expired entries of every item, e.g. of operations nobody re-issued. */
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
      if (entries.length === 0) await storage.removeItem(name);
      else await storage.setItem(name, JSON.stringify(entries));
    },
    drop(name, key) {
      return store.exclusive(name, async () => {
        const entries = await store.read(name);
        const kept = entries.filter((other) => other.key !== key);
        if (kept.length !== entries.length) await store.write(name, kept);
        return kept.length !== entries.length;
      });
    },
    async names() {
      return (await storage.keys()).filter((name) => name.startsWith(JOURNAL_PREFIX));
    },
    async sweep() {
      for (const name of await store.names()) await store.exclusive(name, async () => store.write(name, await store.read(name)));
    },
  };
  return store;
}
