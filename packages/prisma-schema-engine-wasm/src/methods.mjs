// The RPC methods the CLI calls (see `SchemaEngineCLI` in the Prisma CLI). Most map 1:1 onto the
// WASM `SchemaEngine`; the rest bridge what the WASM build does differently from the binary.

import { createDatabase } from './database.mjs';
import { SchemaEngineError } from './errors.mjs';
import { MethodNotFoundError } from './rpc.mjs';
import { resetSqliteDatabase, sqliteFilePath, sqliteResultCode } from './sqlite.mjs';

/** @typedef {import('@prisma/schema-engine-wasm').SchemaEngine} SchemaEngine */

/**
 * What the adapters reported while the current request ran (see `AdapterObserver`).
 * @typedef {object} Observed
 * @property {boolean} [migrationsTableMissing] SQLite found no `_prisma_migrations` table
 * @property {import('./adapters.mjs').ScriptFailure} [scriptFailure] the last script that failed
 */

/**
 * @typedef {object} MethodContext
 * @property {() => Promise<SchemaEngine>} engine the engine, started on first use
 * @property {string | undefined} url the datasource URL from `--datasource`
 * @property {(text: string) => Promise<void>} print shows text on the CLI's stdout
 * @property {Observed} observed what the adapters saw during this request
 * @property {() => { provider: string, main: any } | undefined} adapters the started
 *   engine's adapters
 */

/** Methods forwarded unchanged. */
const PASS_THROUGH = new Set([
  'dbExecute',
  'devDiagnostic',
  'ensureConnectionValidity',
  'introspect',
  'introspectSql',
  'markMigrationApplied',
  'markMigrationRolledBack',
  'schemaPush',
]);

/** @type {Record<string, (params: any, context: MethodContext) => Promise<unknown>>} */
const BRIDGED = {
  // The binary prints the diff itself, through a `print` request to the CLI; the WASM build returns
  // it as `stdout` instead.
  async diff(params, { engine, print }) {
    const { stdout, ...result } = await (await engine()).diff(params);
    if (stdout) await print(stdout);
    return { ...result, stdout: null };
  },

  // The SQLite adapter reads a missing `_prisma_migrations` as empty (the WASM build would fail with
  // P1014); the binary answers `hasMigrationsTable: false`, which `migrate status` words its advice on.
  async diagnoseMigrationHistory(params, { engine, observed }) {
    const result = await (await engine()).diagnoseMigrationHistory(params);
    return observed.migrationsTableMissing ? { ...result, hasMigrationsTable: false } : result;
  },

  // The binary reports a failed migration as P3018, naming the migration and the database's error
  // code; the WASM build passes on the adapter's error without a code. The failure is recorded in
  // `_prisma_migrations` by the engine either way.
  async applyMigrations(params, { engine, observed }) {
    try {
      return await (await engine()).applyMigrations(params);
    } catch (error) {
      throw migrationFailedError(error, params, observed.scriptFailure) ?? error;
    }
  },

  // On SQLite the WASM build's reset deletes rows but keeps the tables; the binary empties the file.
  async reset(params, { engine, adapters, url }) {
    const running = await engine();
    const started = adapters();
    if (started?.provider === 'sqlite' && url) return resetSqliteDatabase(started.main, sqliteFilePath(url));
    return running.reset(params);
  },

  // The WASM build replays the migrations folder for these two only through a cache; see below.
  evaluateDataLoss: (params, { engine }) => withMigrationsSchema('evaluateDataLoss', params, engine),
  createMigration: (params, { engine }) => withMigrationsSchema('createMigration', params, engine),

  // Named `version` in the WASM build.
  async getDatabaseVersion(params, { engine }) {
    return (await engine()).version(params ?? undefined);
  },

  // Not in the WASM build, which can only start on an existing database.
  async createDatabase(params, { url }) {
    const target = params?.datasource?.tag === 'ConnectionString' ? params.datasource.url : url;
    if (!target) throw new SchemaEngineError('createDatabase needs a connection string.');
    return { databaseName: await createDatabase(target) };
  },

  // Makes the engine panic, for the CLI's panic reporting (FORCE_PANIC_SCHEMA_ENGINE).
  async debugPanic(params, { engine }) {
    (await engine()).debugPanic();
  },
};

/** The WASM build's SQLite and PostgreSQL error for a shadow database it would have to make itself. */
const NO_OWN_SHADOW_DB = /shadow DB must be provided through an external factory/;

/**
 * Runs `evaluateDataLoss` or `createMigration`. Both need the schema the migrations folder produces,
 * but unlike `devDiagnostic` and `diff` the WASM build gives them no adapter factory: they read it
 * from the engine's cache (keyed by the migrations list) and, on a miss, fall back to a shadow
 * database of the engine's own, which the WASM build lacks. The cache is filled through the factory
 * only by `devDiagnostic`/`diagnoseMigrationHistory`, and only for the migrations applied at that
 * moment; so `migrate dev` misses whenever it first applies pending migrations (a new database,
 * pulled migrations). The miss fails before touching anything: diagnose again, now that the list is
 * applied, which caches its schema, and retry. Migrations still pending then (never in `migrate dev`)
 * fail again: without applying them, only the binary can replay them.
 * @param {'evaluateDataLoss' | 'createMigration'} method
 * @param {any} params
 * @param {() => Promise<SchemaEngine>} engine
 */
async function withMigrationsSchema(method, params, engine) {
  const running = /** @type {any} */ (await engine());
  try {
    return await running[method](params); // called as a method: the bindings read `this`
  } catch (error) {
    if (!NO_OWN_SHADOW_DB.test(String(/** @type {any} */ (error)?.message))) throw error;
  }
  const { migrationsList, filters } = params;
  await running.diagnoseMigrationHistory({ migrationsList, filters, optInToShadowDatabase: true });
  return running[method](params);
}

/**
 * The native engine's P3018 for a migration script that failed, or undefined when `error` is not one.
 * @param {any} error what the WASM engine threw: no code, or one for the adapter's error kind (P1014)
 * @param {any} params the applyMigrations request, whose migrations list holds the scripts
 * @param {import('./adapters.mjs').ScriptFailure | undefined} failure the script that failed
 */
function migrationFailedError(error, params, failure) {
  const migration = params.migrationsList.migrationDirectories.find(
    (/** @type {any} */ dir) => failure && dir.migrationFile.content?.value === failure.script,
  );
  if (!failure || !migration) return undefined;
  const { cause } = failure;
  const meta = {
    migration_name: migration.path,
    // Postgres: the SQL state. SQLite: the numeric result code, as rusqlite reports it.
    database_error_code: String(
      cause.kind === 'sqlite' ? cause.extendedCode : (sqliteResultCode(cause.originalCode) ?? cause.originalCode ?? 'none'),
    ),
    database_error: cause.originalMessage ?? String(error?.message).split('\n')[0],
  };
  // Worded as prisma-engines' `ApplyMigrationError` (user-facing-errors).
  const message =
    'A migration failed to apply. New migrations cannot be applied before the error is recovered from. ' +
    'Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve\n\n' +
    `Migration name: ${meta.migration_name}\n\nDatabase error code: ${meta.database_error_code}\n\nDatabase error:\n${meta.database_error}\n`;
  return new SchemaEngineError(message, { code: 'P3018', meta, cause: error });
}

/**
 * Answers one request.
 * @param {string} method
 * @param {any} params
 * @param {MethodContext} context
 */
export async function handleMethod(method, params, context) {
  const bridged = Object.hasOwn(BRIDGED, method) ? BRIDGED[method] : undefined;
  if (bridged) return bridged(params, context);
  if (!PASS_THROUGH.has(method)) throw new MethodNotFoundError(`Unknown method \`${method}\``);
  const engine = /** @type {any} */ (await context.engine());
  // Call as a method: the WASM bindings read `this.__wbg_ptr`.
  return engine[method](params);
}
