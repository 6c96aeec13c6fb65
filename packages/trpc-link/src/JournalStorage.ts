/**
 * Where the journal of pending operations lives: a string key-value store, synchronous or
 * asynchronous. Any Web Storage (`localStorage`, `sessionStorage`) already satisfies it; adapters:
 * `memoryStorage()`, `webStorage()`, `indexedDBStorage()`. Write your own for React Native's
 * AsyncStorage, a file, or a server.
 *
 * A method that throws or rejects (quota exceeded, private mode) makes the journal fall back to
 * memory until it answers again (tried every `storageRecoveryMs`); the mutation itself never fails because of storage.
 */
export interface JournalStorage {
  /** The stored string, or `null` when there is none. */
  getItem(name: string): string | null | Promise<string | null>;
  setItem(name: string, value: string): void | Promise<void>;
  removeItem(name: string): void | Promise<void>;
  /**
   * Every stored name, so expired entries of operations never re-issued can be swept.
   * Optional: without it, an expired entry is dropped only when the same operation is read again.
   */
  keys?(): readonly string[] | Promise<readonly string[]>;
}
