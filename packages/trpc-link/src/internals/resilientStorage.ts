import { JournalStorageError } from '../JournalStorageError.js';
import type { JournalStorage } from '../JournalStorage.js';
import { cycleGate } from './cycleGate.js';
import { primaryStorage } from './primaryStorage.js';
import { storageShadow } from './storageShadow.js';

/** Where the journal's items live right now. */
export type StorageMode = 'persistent' | 'memory';

/** The journal's view of storage: always async; fails only where failing is the safe answer. */
export interface ResilientStorage {
  /**
   * The item, from the storage or, while it fails, from what the journal knows of it. Rejects with
   * a `JournalStorageError` when neither can tell (see `resilientStorage`).
   */
  getItem(name: string): Promise<string | null>;
  /** Resolves to `true` when the storage took the write, `false` when it was kept in memory until the storage recovers. */
  setItem(name: string, value: string): Promise<boolean>;
  /** Like `setItem`: `false` when the removal waits in memory for the storage to recover. */
  removeItem(name: string): Promise<boolean>;
  /** The item names; `complete: false` when the storage could not list them (only those the journal knows of). */
  keys(): Promise<{ names: readonly string[]; complete: boolean }>;
  /** Whether `keys()` can list the items (the storage has `keys`). */
  readonly listable: boolean;
  /**
   * Runs one read-modify-write cycle of the journal. A recovery waits until no cycle is running
   * and holds new ones back while it copies memory into the storage, so no cycle reads one side
   * and writes the other.
   */
  cycle<T>(task: () => Promise<T>): Promise<T>;
}

export interface ResilientStorageOptions {
  /** Called each time the storage fails and the journal moves to memory. */
  onError: (error: JournalStorageError) => void;
  /** Called when the mode changes (memory after a failure, persistent after a recovery). */
  onModeChange: (mode: StorageMode, error?: JournalStorageError) => void;
  /** A call slower than this counts as a failure (a blocked IndexedDB never answers). */
  timeoutMs: number;
  /** How long after a failure the storage is tried again. */
  recoverAfterMs: number;
  /** The clock. */
  now: () => number;
  /**
   * One item on recovery: as stored now, as kept in memory (`null`: removed), and as stored before
   * the journal changed it in memory. `null`: remove the item.
   */
  merge: (stored: string | null, kept: string | null, base: string | null) => string | null;
}

/**
 * Wraps a storage so that its failures degrade instead of breaking mutations — but never into
 * handing out a new key for an operation the storage may hold a pending key of.
 *
 * A call that throws, rejects or times out moves the journal to memory and is reported. In memory,
 * an item is what the journal changed during the outage, else what the storage last held of it
 * (every item read or written while the storage answered is remembered), else it is read from the
 * storage (reads often still work when writes hit the quota). When that read fails too, the call
 * rejects with a `JournalStorageError`: the mutation is refused rather than sent with a new key.
 * Only a storage that has not answered once since the link started is taken as empty: this page
 * cannot have left a key in it.
 *
 * Writes and removals made in memory wait there; the first call `recoverAfterMs` after the failure
 * probes the storage in the background, and if it answers, each one is merged into the stored item
 * (removals included) and the journal goes back to the storage. A probe or copy that fails
 * restarts the cool-down.
 */
export function resilientStorage(primary: JournalStorage, options: ResilientStorageOptions): ResilientStorage {
  const shadow = storageShadow();
  const cycles = cycleGate(); // a recovery copies memory into storage while no cycle runs
  const storage = primaryStorage(primary, options, { shadow, cycles });

  async function getItem(name: string): Promise<string | null> {
    const wasPersistent = storage.mode === 'persistent';
    const stored = await storage.attempt('getItem', (s) => s.getItem(name));
    if (stored) {
      shadow.saw(name, stored.value);
      return stored.value;
    }
    const known = shadow.get(name);
    if (known !== undefined) return known;
    if (!storage.answered) return null; // nothing of this page's can be in a storage that never answered
    if (!wasPersistent) {
      try {
        const value = await storage.call((s) => s.getItem(name)); // reads may work while writes fail
        shadow.saw(name, value);
        return value;
      } catch (cause) {
        throw unreadable(name, cause);
      }
    }
    throw unreadable(name);
  }

  async function write(method: string, name: string, value: string | null): Promise<boolean> {
    const done = await storage.attempt(method, (s) => (value === null ? s.removeItem(name) : s.setItem(name, value)));
    if (done) {
      shadow.saw(name, value);
      return true;
    }
    if (!shadow.knows(name) && storage.answered) {
      // A change kept in memory is merged into what the storage held: learn it, if it can be read.
      await storage.call((s) => s.getItem(name)).then((stored) => shadow.saw(name, stored), () => {});
    }
    shadow.keep(name, value);
    return false;
  }

  async function keys(): Promise<{ names: readonly string[]; complete: boolean }> {
    // A storage without `keys` lists nothing (not a failure): only the items the journal knows of.
    if (typeof primary.keys !== 'function') return { names: shadow.names(), complete: true };
    const list = (s: JournalStorage) => s.keys?.() ?? [];
    const wasPersistent = storage.mode === 'persistent';
    const listed = (await storage.attempt('keys', list)) ?? (!wasPersistent && storage.answered ? await storage.call(list).then((value) => ({ value }), () => undefined) : undefined);
    if (listed && storage.mode === 'persistent') return { names: listed.value, complete: true };
    const names = new Set([...(listed?.value ?? []), ...shadow.names()].filter((name) => !shadow.removed(name)));
    return { names: [...names], complete: listed !== undefined };
  }

  return {
    getItem,
    setItem: (name, value) => write('setItem', name, value),
    removeItem: (name) => write('removeItem', name, null),
    keys,
    listable: typeof primary.keys === 'function',
    cycle: (task) => cycles.cycle(task),
  };
}

/** The refusal when an item can be read neither from memory nor from the storage. */
function unreadable(name: string, cause?: unknown): JournalStorageError {
  return new JournalStorageError(
    `@idem/trpc-link: cannot read journal item ${name}: the storage is failing and may hold a pending key for it. Refusing rather than sending with a new key.`,
    { cause },
  );
}
