// The SQLite driver adapter factory handed to the WASM engine: `@prisma/adapter-better-sqlite3` with
// two fixes (see README.md), plus the reset the WASM build lacks:
//   4. the engine replays each migration.sql on the shadow database (and runs `db execute` scripts)
//      through `executeRaw`, which better-sqlite3 refuses for more than one statement;
//   - a missing `_prisma_migrations` table reads as an empty one, as the native engine treats it.

import { truncateSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';

/**
 * The file behind a `file:` URL. Relative paths resolve against the working directory, which the
 * CLI sets to the config file's folder when it spawns the engine.
 * @param {string} url e.g. `file:./dev.db`, `file:/abs/dev.db`, `file:///abs/dev.db`
 * @param {string} [cwd]
 */
export function sqliteFilePath(url, cwd = process.cwd()) {
  const location = url.replace(/^file:/, '').replace(/\?.*$/, '').replace(/^\/\/(localhost)?(?=\/)/, '');
  return location === ':memory:' ? location : path.resolve(cwd, location);
}

/** better-sqlite3's refusal to prepare a multi-statement string (a RangeError without a code). */
function isMultiStatementError(/** @type {unknown} */ error) {
  return error instanceof RangeError && error.message.includes('more than one statement');
}

const MIGRATIONS_TABLE = '_prisma_migrations';

/** The columns the engine selects from `_prisma_migrations` (its `load_migrations_table`). */
const MIGRATIONS_TABLE_COLUMNS = [
  'id',
  'checksum',
  'finished_at',
  'migration_name',
  'logs',
  'rolled_back_at',
  'started_at',
  'applied_steps_count',
];
const TEXT_COLUMN = 7; // ColumnTypeEnum.Text in @prisma/driver-adapter-utils

/**
 * @typedef {object} SqliteAdapterOptions
 * @property {() => void} [onMissingMigrationsTable] called when a read of `_prisma_migrations`
 *   found no such table (and was answered with an empty result)
 */

/**
 * @param {any} adapter
 * @param {SqliteAdapterOptions} options
 */
function withWorkarounds(adapter, { onMissingMigrationsTable }) {
  // The native SQLite engine recognises "no such table" on `_prisma_migrations` by rusqlite's error
  // code and carries on with an empty history; the WASM build lacks that check and fails with P1014
  // (`migrate dev` on a fresh database). An empty result is what the native engine works with.
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = async (/** @type {{ sql: string }} */ query) => {
    try {
      return await queryRaw(query);
    } catch (error) {
      const cause = /** @type {any} */ (error)?.cause;
      if (cause?.kind !== 'TableDoesNotExist' || cause.table !== MIGRATIONS_TABLE || !query.sql.includes(MIGRATIONS_TABLE)) {
        throw error;
      }
      onMissingMigrationsTable?.();
      return { columnNames: MIGRATIONS_TABLE_COLUMNS, columnTypes: MIGRATIONS_TABLE_COLUMNS.map(() => TEXT_COLUMN), rows: [] };
    }
  };

  // Workaround 4: retry a parameterless multi-statement `executeRaw` as `executeScript` (`db.exec`).
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (/** @type {{ sql: string, args: unknown[] }} */ query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (query.args.length > 0 || !isMultiStatementError(error)) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  // The engine may dispose an adapter that we dispose again at shutdown: close once.
  const dispose = adapter.dispose.bind(adapter);
  let disposed;
  adapter.dispose = () => (disposed ??= dispose());
  return adapter;
}

/** SQLite's primary result codes, by the names better-sqlite3 gives its errors. */
const RESULT_CODES = [
  'OK', 'ERROR', 'INTERNAL', 'PERM', 'ABORT', 'BUSY', 'LOCKED', 'NOMEM', 'READONLY', 'INTERRUPT',
  'IOERR', 'CORRUPT', 'NOTFOUND', 'FULL', 'CANTOPEN', 'PROTOCOL', 'EMPTY', 'SCHEMA', 'TOOBIG',
  'CONSTRAINT', 'MISMATCH', 'MISUSE', 'NOLFS', 'AUTH', 'FORMAT', 'RANGE', 'NOTADB',
];

/**
 * The numeric code the native engine reports for a SQLite error (`SQLITE_ERROR` → 1). Extended
 * codes (`SQLITE_CONSTRAINT_UNIQUE`) map to their primary code: better-sqlite3 only names them.
 * @param {string | undefined} name
 * @returns {number | undefined}
 */
export function sqliteResultCode(name) {
  const index = RESULT_CODES.indexOf(/^SQLITE_([A-Z]+)/.exec(name ?? '')?.[1] ?? '');
  return index === -1 ? undefined : index;
}

/**
 * Empties the database the way the native engine's reset does: release the exclusive lock the engine
 * holds, truncate the file, take the lock again. The WASM build only deletes rows, so tables (and
 * `sqlite_sequence`, which cannot be dropped) survive and `migrate reset` fails with P3005/P3018.
 * @param {any} adapter the main database's adapter
 * @param {string} file the database file
 */
export async function resetSqliteDatabase(adapter, file) {
  // Leaving exclusive mode takes effect at the next read, hence the check.
  await adapter.executeScript('PRAGMA main.locking_mode = NORMAL; PRAGMA main.quick_check;');
  truncateSync(file, 0);
  await adapter.executeScript('PRAGMA main.locking_mode = EXCLUSIVE;');
}

/**
 * The factory object the engine drives (before `bindMigrationAwareSqlAdapterFactory`).
 * @param {{ url: string }} datasource
 * @param {SqliteAdapterOptions} [options]
 */
export function sqliteAdapterFactory({ url }, options = {}) {
  const connectFile = async (/** @type {string} */ file) =>
    withWorkarounds(await new PrismaBetterSqlite3({ url: file }).connect(), options);
  return {
    provider: /** @type {const} */ ('sqlite'),
    adapterName: '@prisma/adapter-better-sqlite3',
    connect: () => connectFile(sqliteFilePath(url)),
    // Like the native engine, which ignores `shadowDatabaseUrl` on SQLite: always in memory.
    connectToShadowDb: () => connectFile(':memory:'),
  };
}
