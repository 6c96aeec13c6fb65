import { JournalStorageError } from '../JournalStorageError.js';
import type { JournalStorage } from '../JournalStorage.js';
import { memoryStorage } from '../memoryStorage.js';
import { cycleGate } from './cycleGate.js';

/** Where the journal's items live right now. */
export type StorageMode = 'persistent' | 'memory';

/** The journal's view of storage: always async, never failing. */
export interface ResilientStorage {
  getItem(name: string): Promise<string | null>;
  setItem(name: string, value: string): Promise<void>;
  removeItem(name: string): Promise<void>;
  keys(): Promise<readonly string[]>;
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
  /** Combines an item kept in memory during the outage with the stored one, on recovery. */
  merge: (stored: string | null, inMemory: string) => string;
}

/**
 * Wraps a storage so that its failures degrade instead of breaking mutations. A call that throws,
 * rejects or times out moves the journal to memory (that call is then served from memory, so a
 * write before the first send still happens) and is reported. It is not for good: the first call
 * `recoverAfterMs` later probes the storage in the background; if it answers, what was kept in
 * memory is merged into it and the journal goes back to it. A probe or copy that fails restarts
 * the cool-down.
 */
export function resilientStorage(primary: JournalStorage, options: ResilientStorageOptions): ResilientStorage {
  let fallback = memoryStorage();
  let mode: StorageMode = 'persistent';
  let failedAt = 0;
  let recovering = false;
  const cycles = cycleGate(); // a recovery copies memory into storage while no cycle runs

  const fail = (method: string, cause: unknown) => {
    failedAt = options.now();
    if (mode === 'memory') return;
    mode = 'memory';
    const error = new JournalStorageError(
      `@idem/trpc-link: journal storage failed in ${method}; pending keys are kept in memory, and the storage is tried again in ${options.recoverAfterMs} ms.`,
      { cause },
    );
    options.onError(error);
    options.onModeChange('memory', error);
  };

  const primaryCall: PrimaryCall = <T>(use: (storage: JournalStorage) => T | Promise<T>) => withTimeout(use(primary), options.timeoutMs);

  async function call<T>(method: string, use: (storage: JournalStorage) => T | Promise<T>): Promise<T> {
    if (mode === 'persistent') {
      try {
        return await primaryCall(use);
      } catch (cause) {
        fail(method, cause);
      }
    } else if (!recovering && options.now() - failedAt >= options.recoverAfterMs) {
      recovering = true;
      void recover().finally(() => (recovering = false));
    }
    return use(fallback);
  }

  async function recover(): Promise<void> {
    try {
      await primaryCall((s) => s.getItem(PROBE)); // a storage still down costs nobody a wait
    } catch {
      failedAt = options.now();
      return;
    }
    await cycles.alone(async () => {
      try {
        await copyBack(fallback, primaryCall, options.merge);
        fallback = memoryStorage();
        mode = 'persistent';
        options.onModeChange('persistent');
      } catch {
        failedAt = options.now(); // still failing: stay in memory, try again after another cool-down
      }
    });
  }

  return {
    getItem: (name) => call('getItem', (s) => s.getItem(name)),
    setItem: (name, value) => call('setItem', (s) => s.setItem(name, value)),
    removeItem: (name) => call('removeItem', (s) => s.removeItem(name)),
    keys: () => call('keys', (s) => (s.keys ? s.keys() : [])),
    listable: typeof primary.keys === 'function',
    cycle: (task) => cycles.cycle(task),
  };
}

/** Merges every item kept in `memory` during an outage into the primary storage. */
async function copyBack(memory: JournalStorage, primaryCall: PrimaryCall, merge: ResilientStorageOptions['merge']): Promise<void> {
  for (const name of (await memory.keys?.()) ?? []) {
    const kept = await memory.getItem(name);
    if (kept === null) continue;
    const stored = await primaryCall((s) => s.getItem(name));
    await primaryCall((s) => s.setItem(name, merge(stored, kept)));
  }
}

type PrimaryCall = <T>(use: (storage: JournalStorage) => T | Promise<T>) => T | Promise<T>;

/** The item a recovery probe reads; never written. */
const PROBE = 'idem-journal-probe';

/** Rejects if a promise does not settle within `ms`; synchronous values pass straight through. */
function withTimeout<T>(value: T | Promise<T>, ms: number): T | Promise<T> {
  if (typeof (value as { then?: unknown } | null)?.then !== 'function') return value;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Storage did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([value, timeout]).finally(() => clearTimeout(timer));
}
