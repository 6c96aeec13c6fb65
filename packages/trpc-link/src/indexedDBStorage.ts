import type { JournalStorage } from './JournalStorage.js';

export interface IndexedDBStorageOptions {
  /**
   * The database to open (created on first use, version 1).
   * @default 'idem'
   */
  databaseName?: string;
  /**
   * The object store holding the journal.
   * @default 'journal'
   */
  storeName?: string;
  /**
   * The IndexedDB factory (an `IDBFactory`; typed loosely so that the package's types do not need
   * the DOM lib). Inject one in tests (`fake-indexeddb`).
   * @default globalThis.indexedDB
   */
  indexedDB?: { open(name: string, version?: number): unknown };
}

/**
 * A journal storage on IndexedDB: asynchronous, large, and available in service workers where
 * `localStorage` is not. The database opens on first use; if it cannot (no IndexedDB, private
 * mode, blocked upgrade) every call rejects and the journal falls back to memory.
 *
 * @example idempotencyLink({ storage: indexedDBStorage() })
 */
export function indexedDBStorage(options: IndexedDBStorageOptions = {}): JournalStorage {
  const { databaseName = 'idem', storeName = 'journal' } = options;
  let opening: Promise<IDBDatabase> | undefined;

  const open = (): Promise<IDBDatabase> =>
    (opening ??= new Promise<IDBDatabase>((resolve, reject) => {
      const factory = (options.indexedDB ?? globalThis.indexedDB) as IDBFactory | undefined;
      if (factory === undefined) throw new ReferenceError('IndexedDB is not available in this environment.');
      const request = factory.open(databaseName, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      request.onsuccess = () => {
        const db = request.result;
        // Another tab upgrading the database: step aside; the next call reopens.
        db.onversionchange = () => {
          db.close();
          opening = undefined;
        };
        resolve(db);
      };
      request.onerror = () => reject(request.error ?? new Error(`Cannot open IndexedDB database ${databaseName}.`));
      request.onblocked = () => reject(new Error(`Opening IndexedDB database ${databaseName} is blocked by another tab.`));
    }).catch((error: unknown) => {
      opening = undefined;
      throw error;
    }));

  /** Runs one request in its own transaction; resolves when the transaction commits. */
  const run = async <T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const db = await open();
    return new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(storeName, mode);
      const request = use(transaction.objectStore(storeName));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? request.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted.'));
    });
  };

  return {
    getItem: async (name) => {
      const value: unknown = await run('readonly', (store) => store.get(name));
      return typeof value === 'string' ? value : null;
    },
    setItem: async (name, value) => void (await run('readwrite', (store) => store.put(value, name))),
    removeItem: async (name) => void (await run('readwrite', (store) => store.delete(name))),
    keys: async () => (await run('readonly', (store) => store.getAllKeys())).filter((key): key is string => typeof key === 'string'),
  };
}
