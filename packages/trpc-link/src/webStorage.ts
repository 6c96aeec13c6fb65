import type { JournalStorage } from './JournalStorage.js';

/** The part of the Web Storage API used; `localStorage` and `sessionStorage` fit. Declared here so
 * that the package's types do not need the DOM lib. */
export interface WebStorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(name: string): string | null;
  setItem(name: string, value: string): void;
  removeItem(name: string): void;
}

/**
 * A journal storage on Web Storage: `localStorage` by default, so pending keys survive a reload and
 * are shared by the tabs of an origin. Synchronous, so the journal write before the first send
 * costs microseconds.
 *
 * `localStorage` is looked up on each call, not when this is created: reading it throws in
 * sandboxed iframes and with storage disabled, and the journal then falls back to memory.
 *
 * @example idempotencyLink({ storage: webStorage() })
 * @example idempotencyLink({ storage: webStorage(sessionStorage) }) // per tab
 */
export function webStorage(storage?: WebStorageLike): JournalStorage {
  const resolve = (): WebStorageLike => {
    const found = storage ?? globalThis.localStorage;
    if (found === undefined) throw new ReferenceError('localStorage is not available in this environment.');
    return found;
  };
  return {
    getItem: (name) => resolve().getItem(name),
    setItem: (name, value) => resolve().setItem(name, value),
    removeItem: (name) => resolve().removeItem(name),
    keys: () => {
      const s = resolve();
      const names: string[] = [];
      for (let i = 0; i < s.length; i++) {
        const name = s.key(i);
        if (name !== null) names.push(name);
      }
      return names;
    },
  };
}
