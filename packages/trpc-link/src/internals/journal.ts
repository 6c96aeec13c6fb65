import { hashString } from './hashString.js';
import type { ResilientStorage } from './resilientStorage.js';
import { stableStringify } from './stableStringify.js';

/** Names of journal items start with this, so a shared storage can hold other data too. */
export const JOURNAL_PREFIX = 'idem-journal:';

/**
 * The part of an item name that a scope adds after the prefix: a hash, so a user id or an email
 * never appears in storage; unscoped items have none (and keep the names they always had).
 */
export function scopeSegment(scope: string | undefined): string {
  return scope ? `@${hashString(scope)}/` : '';
}

/** Whether a storage item belongs to the journal: to `scope`'s part of it, or to any part when `scope` is empty. */
export function isJournalItem(name: string, scope?: string): boolean {
  return name.startsWith(`${JOURNAL_PREFIX}${scopeSegment(scope)}`);
}

/**
 * One pending operation: its key, and when the key stops being worth reusing. A resumable one also
 * keeps its procedure, its input (as sent) and the caller's data, so a page can list it and send
 * it again after a reload.
 */
interface JournalEntry {
  key: string;
  createdAt: number;
  expiresAt: number;
  path?: string;
  input?: unknown;
  data?: unknown;
}

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
   * held by an operation in flight is not removed (`false`).
   */
  abandon(key: string): Promise<boolean>;
  /**
   * Drops pending keys: the scope's, or every scope's when `scope` is empty. Resolves to the
   * number of items removed. Needs a storage that lists its items (`keys()`).
   */
  clear(scope?: string): Promise<number>;
}

export interface JournalOptions {
  storage: ResilientStorage;
  ttlMs: number;
  now: () => number;
  generateKey: () => string;
}

/**
 * The journal of pending operations, one item per scope + procedure path + hash of the canonical
 * input, holding the keys of operations with that input whose outcome is not known yet.
 *
 * An operation takes the oldest unexpired key that no operation of this journal currently holds
 * — one left by a page that crashed or reloaded mid-request — or writes a new one. Two identical
 * purchases in flight together therefore get two keys; a purchase repeated after a definitive
 * outcome gets a new key, because the outcome removed the old entry. A scope (the signed-in user)
 * keeps one user's pending keys from ever being handed to another on a shared client.
 */
export function createJournal({ storage, ttlMs, now, generateKey }: JournalOptions): Journal {
  const held = new Set<string>();
  /** The item of each key this journal handed out, so `abandon` finds it without listing storage. */
  const itemOf = new Map<string, string>();
  const queues = new Map<string, Promise<unknown>>();
  let swept = false;

  /** Runs read-modify-write cycles on one item one at a time. */
  function exclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
    const cycle = () => storage.cycle(task);
    const run = (queues.get(name) ?? Promise.resolve()).then(cycle, cycle);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    queues.set(name, tail);
    void tail.then(() => queues.get(name) === tail && queues.delete(name));
    return run;
  }

  async function read(name: string): Promise<JournalEntry[]> {
    return parseEntries(await storage.getItem(name), now());
  }

  async function write(name: string, entries: JournalEntry[]): Promise<void> {
    if (entries.length === 0) await storage.removeItem(name);
    else await storage.setItem(name, JSON.stringify(entries));
  }

  /** Drops expired entries of operations nobody re-issued. Runs once, in the background. */
  async function sweep(): Promise<void> {
    for (const name of await storage.keys()) {
      if (name.startsWith(JOURNAL_PREFIX)) await exclusive(name, async () => write(name, await read(name)));
    }
  }

  function unjournaled(key: string): JournalTicket {
    return { key, resumed: false, forget: async () => {}, release: () => {} };
  }

  /** Removes `key`'s entry from item `name`; whether there was one. */
  function drop(name: string, key: string): Promise<boolean> {
    return exclusive(name, async () => {
      const entries = await read(name);
      const kept = entries.filter((other) => other.key !== key);
      if (kept.length !== entries.length) await write(name, kept);
      return kept.length !== entries.length;
    });
  }

  return {
    async begin(path, input, scope, resume) {
      if (!swept) {
        swept = true;
        void sweep();
      }
      const serialized = input === undefined ? '' : stableStringify(input);
      if (serialized === undefined) return unjournaled(generateKey()); // FormData, Map, …: not persisted
      const name = `${JOURNAL_PREFIX}${scopeSegment(scope)}${path}#${hashString(serialized)}`;
      return exclusive(name, async () => {
        const entries = await read(name);
        const pending = entries.find((entry) => !held.has(entry.key));
        const at = now();
        const entry: JournalEntry = pending ?? { key: generateKey(), createdAt: at, expiresAt: at + ttlMs };
        if (!pending) entries.push(entry);
        if (resume) Object.assign(entry, { path, input: input === undefined ? null : JSON.parse(serialized), data: resume.data ?? null });
        await write(name, entries);
        held.add(entry.key);
        itemOf.set(entry.key, name);
        return {
          key: entry.key,
          resumed: pending !== undefined,
          forget: () =>
            exclusive(name, async () => {
              held.delete(entry.key);
              itemOf.delete(entry.key);
              await write(name, (await read(name)).filter((other) => other.key !== entry.key));
            }),
          release: () => void held.delete(entry.key),
        };
      });
    },

    async pending(scope, path) {
      const prefix = `${JOURNAL_PREFIX}${scopeSegment(scope)}`;
      const found: PendingEntry[] = [];
      for (const name of await storage.keys()) {
        // Unscoped names have no `@hash/` segment: never list another scope's items as unscoped.
        if (!name.startsWith(prefix) || (!scope && name.startsWith(`${prefix}@`))) continue;
        for (const entry of await read(name)) {
          if (held.has(entry.key) || typeof entry.path !== 'string' || !('input' in entry)) continue;
          if (path !== undefined && entry.path !== path) continue;
          const { key, createdAt, expiresAt, input, data } = entry;
          found.push({ key, path: entry.path, input: input ?? undefined, data: data ?? undefined, createdAt, expiresAt });
        }
      }
      return found.sort((a, b) => a.createdAt - b.createdAt);
    },

    async abandon(key) {
      if (held.has(key)) return false;
      const known = itemOf.get(key);
      if (known !== undefined) {
        itemOf.delete(key);
        if (await drop(known, key)) return true;
      }
      for (const name of await storage.keys()) {
        if (name.startsWith(JOURNAL_PREFIX) && (await drop(name, key))) return true;
      }
      return false;
    },

    async clear(scope) {
      let removed = 0;
      for (const name of await storage.keys()) {
        if (!isJournalItem(name, scope)) continue;
        await exclusive(name, () => storage.removeItem(name));
        removed++;
      }
      return removed;
    },
  };
}

/** The unexpired entries of a stored item; a corrupt item is as good as none. */
export function parseEntries(raw: string | null, at: number): JournalEntry[] {
  if (raw === null) return [];
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((entry): entry is JournalEntry => isEntry(entry) && entry.expiresAt > at) : [];
  } catch {
    return [];
  }
}

/**
 * One item from a stored version and one kept in memory while storage was down: every entry of
 * either, once. Used when storage recovers, so neither side's pending keys are lost.
 */
export function mergeEntries(stored: string | null, inMemory: string, at: number): string {
  const merged = parseEntries(stored, at);
  for (const entry of parseEntries(inMemory, at)) if (!merged.some((other) => other.key === entry.key)) merged.push(entry);
  return JSON.stringify(merged);
}

function isEntry(value: unknown): value is JournalEntry {
  const entry = value as Partial<JournalEntry> | null;
  return typeof entry?.key === 'string' && typeof entry.createdAt === 'number' && typeof entry.expiresAt === 'number';
}
