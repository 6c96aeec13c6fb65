import { JournalStorageError } from '../JournalStorageError.js';
import type { JournalStorage } from '../JournalStorage.js';
import { memoryStorage } from '../memoryStorage.js';

/** The journal's view of storage: always async, never failing. */
export interface ResilientStorage {
  getItem(name: string): Promise<string | null>;
  setItem(name: string, value: string): Promise<void>;
  removeItem(name: string): Promise<void>;
  keys(): Promise<readonly string[]>;
}

export interface ResilientStorageOptions {
  /** Called once, when the storage first fails and the journal moves to memory. */
  onError: (error: JournalStorageError) => void;
  /** A call slower than this counts as a failure (a blocked IndexedDB never answers). */
  timeoutMs: number;
}

/**
 * Wraps a storage so that its failures degrade instead of breaking mutations: the first call that
 * throws, rejects or times out switches every later call to memory, and is reported once.
 * That call itself is then served from memory, so a write before the first send still happens.
 */
export function resilientStorage(primary: JournalStorage, options: ResilientStorageOptions): ResilientStorage {
  const fallback = memoryStorage();
  let failed = false;

  async function call<T>(method: string, use: (storage: JournalStorage) => T | Promise<T>): Promise<T> {
    if (!failed) {
      try {
        return await withTimeout(use(primary), options.timeoutMs);
      } catch (cause) {
        if (!failed) {
          failed = true;
          options.onError(
            new JournalStorageError(`@idem/trpc-link: journal storage failed in ${method}; pending keys are kept in memory for this session.`, { cause }),
          );
        }
      }
    }
    return use(fallback);
  }

  return {
    getItem: (name) => call('getItem', (s) => s.getItem(name)),
    setItem: (name, value) => call('setItem', (s) => s.setItem(name, value)),
    removeItem: (name) => call('removeItem', (s) => s.removeItem(name)),
    keys: () => call('keys', (s) => (s.keys ? s.keys() : [])),
  };
}

/** Rejects if a promise does not settle within `ms`; synchronous values pass straight through. */
function withTimeout<T>(value: T | Promise<T>, ms: number): T | Promise<T> {
  if (typeof (value as { then?: unknown } | null)?.then !== 'function') return value;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Storage did not answer within ${ms} ms.`)), ms);
  });
  return Promise.race([value, timeout]).finally(() => clearTimeout(timer));
}
