import type { SqlDriverAdapter as Adapter, SqlMigrationAwareDriverAdapterFactory as Factory, SqlQuery as Query, Transaction } from '@prisma/driver-adapter-utils';

export interface SerializedSqliteOptions {
  /**
   * Called each time a statement or a transaction has to wait for the connection because another
   * caller holds it — an interactive transaction is open. For metrics and tests.
   * @default no-op
   */
  onWait?: () => void;
}

/**
 * The SQLite driver adapter with its one connection handed to one caller at a time.
 *
 * better-sqlite3 holds a single connection, and Prisma's adapter serialises only interactive
 * transactions. A statement outside a transaction (an idempotency claim, a gateway ledger row)
 * would otherwise run on the connection while another request's transaction is open: inside that
 * transaction, reading its uncommitted rows and rolled back with it. Here a statement outside a
 * transaction waits until no transaction is open, and a transaction starts only when the
 * connection is free; they queue in arrival order (FIFO), so neither starves the other.
 *
 * Consequence for callers: inside a transaction, use its `tx` client. A statement on the outer
 * client from inside a transaction's callback waits for that transaction to end — until its
 * timeout rolls it back — instead of silently joining it.
 */
export function serializedSqliteAdapter(factory: Factory, options: SerializedSqliteOptions = {}): Factory {
  const onWait = options.onWait ?? (() => {});
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialize(await factory.connect(), onWait),
    connectToShadowDb: async () => serialize(await factory.connectToShadowDb(), onWait),
  };
}

function serialize(adapter: Adapter, onWait: () => void): Adapter {
  const gate = createGate(onWait);
  const holdingGate = async <T>(release: () => void, work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      release();
    }
  };
  const alone = <T>(work: () => Promise<T>): Promise<T> => {
    const acquired = gate.acquire();
    return typeof acquired === 'function' ? holdingGate(acquired, work) : acquired.then((release) => holdingGate(release, work));
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query: Query) => alone(() => adapter.queryRaw(query)),
    executeRaw: (query: Query) => alone(() => adapter.executeRaw(query)),
    executeScript: (script: string) => alone(() => adapter.executeScript(script)),
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel) {
      // Held from BEGIN until Prisma has sent COMMIT or ROLLBACK and calls commit()/rollback().
      const release = await gate.acquire();
      try {
        return holding(await adapter.startTransaction(isolationLevel), release);
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

/** The transaction, releasing the connection when it ends either way. */
function holding(tx: Transaction, release: () => void): Transaction {
  const end = (finish: () => Promise<void>) => async () => {
    try {
      await finish();
    } finally {
      release();
    }
  };
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query: Query) => tx.queryRaw(query),
    executeRaw: (query: Query) => tx.executeRaw(query),
    commit: end(() => tx.commit()),
    rollback: end(() => tx.rollback()),
    ...(tx.createSavepoint ? { createSavepoint: (name: string) => tx.createSavepoint!(name) } : {}),
    ...(tx.rollbackToSavepoint ? { rollbackToSavepoint: (name: string) => tx.rollbackToSavepoint!(name) } : {}),
    ...(tx.releaseSavepoint ? { releaseSavepoint: (name: string) => tx.releaseSavepoint!(name) } : {}),
  };
}

/** A FIFO lock. `acquire` gives a release function; releasing twice is harmless. */
function createGate(onWait: () => void) {
  let tail: Promise<void> = Promise.resolve();
  /** Callers holding or waiting for the gate. */
  let users = 0;
  return {
    /** The release function at once when the gate is free (no promise hop), else a promise of it. */
    acquire(): (() => void) | Promise<() => void> {
      const free = users++ === 0;
      if (!free) onWait();
      const previous = tail;
      let open!: () => void;
      tail = new Promise<void>((resolve) => (open = resolve));
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        users--;
        open();
      };
      return free ? release : previous.then(() => release);
    },
  };
}
