// Picks the driver adapter factory for a datasource URL and keeps track of every adapter it hands
// out. The engine does not reliably dispose them: after `engine.free()` a SQLite file stays in
// exclusive locking mode and a `pg` pool keeps the process alive, so we dispose what is left.
// It also reports what the engine's errors lose on the way through the WASM boundary.

import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { SchemaEngineError } from './errors.mjs';
import { postgresAdapterFactory } from './postgres.mjs';
import { sqliteAdapterFactory } from './sqlite.mjs';

/** @typedef {'sqlite' | 'postgresql'} Provider */

/**
 * What the adapters saw that the engine's answer does not carry.
 * @typedef {object} AdapterObserver
 * @property {() => void} [onMissingMigrationsTable] SQLite: a read of `_prisma_migrations` found no
 *   such table (and was answered with an empty result)
 * @property {(failure: ScriptFailure) => void} [onScriptFailure] a script (a migration, `db execute`)
 *   failed; the adapter's error keeps the database's own error code, which the WASM engine drops
 */

/** @typedef {{ script: string, cause: DriverErrorCause }} ScriptFailure */

/**
 * The `cause` of a DriverAdapterError. Both adapters keep the driver's code and message.
 * @typedef {{ kind: string, originalCode?: string, originalMessage?: string, extendedCode?: number }} DriverErrorCause
 */

/**
 * Which adapter a URL needs, by scheme.
 * @param {string} url
 * @returns {Provider}
 */
export function providerOf(url) {
  if (url.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(url)) return 'postgresql';
  throw new SchemaEngineError(
    `The provided database string is invalid. The WASM schema-engine stand-in supports \`file:\` (SQLite) and \`postgresql://\` URLs.`,
    { code: 'P1013' },
  );
}

/**
 * The adapter factory for the WASM engine, bound with Prisma's error registry, plus `disposeAll`.
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource
 * @param {AdapterObserver} [observer]
 */
export function createAdapterFactory(datasource, observer = {}) {
  const inner =
    providerOf(datasource.url) === 'sqlite'
      ? sqliteAdapterFactory(datasource, { onMissingMigrationsTable: observer.onMissingMigrationsTable })
      : postgresAdapterFactory(datasource);

  /** @type {Set<any>} */
  const open = new Set();
  const track = (/** @type {any} */ adapter) => {
    open.add(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      open.delete(adapter);
      await dispose();
    };
    const executeScript = adapter.executeScript.bind(adapter);
    adapter.executeScript = async (/** @type {string} */ script) => {
      try {
        return await executeScript(script);
      } catch (error) {
        const cause = /** @type {any} */ (error)?.cause;
        if (typeof cause?.kind === 'string') observer.onScriptFailure?.({ script, cause });
        throw error;
      }
    };
    return adapter;
  };

  /** The adapter on the main database: the engine connects once, at start. @type {any} */
  let main;
  const factory = bindMigrationAwareSqlAdapterFactory(
    /** @type {any} */ ({
      provider: inner.provider,
      adapterName: inner.adapterName,
      connect: async () => (main = track(await inner.connect())),
      connectToShadowDb: async () => track(await inner.connectToShadowDb()),
    }),
  );

  return {
    factory,
    /** The main database's adapter (unbound: errors are thrown, not returned), once connected. */
    get main() {
      return main;
    },
    /** Disposes every adapter still open (shadow databases are dropped), even if some fail. */
    async disposeAll() {
      const results = await Promise.allSettled([...open].map((adapter) => adapter.dispose()));
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}
