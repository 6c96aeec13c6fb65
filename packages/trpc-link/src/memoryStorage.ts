import type { JournalStorage } from './JournalStorage.js';

/**
 * A journal storage that lives as long as the page or process: retries within the session reuse
 * keys, a reload forgets them. The default outside browsers, and the fallback when storage fails.
 */
export function memoryStorage(): JournalStorage {
  const items = new Map<string, string>();
  return {
    getItem: (name) => items.get(name) ?? null,
    setItem: (name, value) => void items.set(name, value),
    removeItem: (name) => void items.delete(name),
    keys: () => [...items.keys()],
  };
}
