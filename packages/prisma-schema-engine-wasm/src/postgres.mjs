// The PostgreSQL driver adapter factory handed to the WASM engine: `@prisma/adapter-pg` with three
// fixes, each for a bug we hit (see README.md):
//   1. executeScript sends the whole script in one `query()` instead of splitting it on `;`;
//   2. columns of type "char" (oid 18), which the engine reads from the catalog, come back as text;
//   3. the shadow database is our own throwaway database, never the main one.

import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { SchemaEngineError, postgresConnectionError } from './errors.mjs';
import { log } from './logger.mjs';

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

/** Quotes an identifier for SQL (`my"db` → `"my""db"`). */
export const quoteIdentifier = (/** @type {string} */ name) => `"${name.replaceAll('"', '""')}"`;

/**
 * Splits a Prisma Postgres URL into what `pg` understands and the Prisma-only `schema` parameter.
 * @param {string} url
 */
export function parsePostgresUrl(url) {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema, database: decodeURIComponent(parsed.pathname.slice(1)) };
}

/** The same server and credentials, another database. */
export function withDatabase(/** @type {string} */ url, /** @type {string} */ database) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/**
 * Runs `fn` on a single connection, closed afterwards. Connection failures become the native
 * engine's coded errors (P1001, P1003, …).
 * @template T
 * @param {string} url
 * @param {(client: pg.Client) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withClient(url, fn) {
  const client = new pg.Client({ connectionString: parsePostgresUrl(url).connectionString });
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw postgresConnectionError(error, url);
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** @param {any} result a `pg` result, or an array of them for a multi-statement query */
function charAsText(result) {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of one?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
  }
  return result;
}

/**
 * Workaround 2: adapter-pg throws "Unsupported column type" for "char" columns, which the engine's
 * catalog queries return (`pg_proc.prokind`, `pg_constraint.contype`, …). `pg` already parses them
 * as strings, so relabelling the field as text is enough. Doing it in the client class covers both
 * pool queries and transaction connections.
 */
class CharAsTextClient extends pg.Client {
  /**
   * @override
   * @param {any[]} args
   */
  query(...args) {
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      // pg-pool's `pool.query()` calls `client.query(text, values, callback)`.
      const callback = args[last];
      args[last] = (/** @type {unknown} */ error, /** @type {unknown} */ result) =>
        callback(error, error ? result : charAsText(result));
      return /** @type {any} */ (super.query)(...args);
    }
    const returned = /** @type {any} */ (super.query)(...args);
    return returned instanceof Promise ? returned.then(charAsText) : returned;
  }
}

/**
 * Connects an adapter-pg adapter with workarounds 1 and 2. Its `dispose` closes the pool, once.
 * @param {string} url
 */
async function connectAdapter(url) {
  const { connectionString, schema } = parsePostgresUrl(url);
  const pool = new pg.Pool({
    connectionString,
    Client: CharAsTextClient,
    // The engine's generated SQL is unqualified; like the native engine, honour `?schema=`.
    ...(schema && { options: `-c search_path=${quoteIdentifier(schema)}` }),
  });
  const adapter = /** @type {any} */ (await new PrismaPg(pool, { schema }).connect());

  // Workaround 1: adapter-pg's executeScript splits on every `;`, which cuts `$$ … $$` function
  // bodies apart. One simple-protocol query runs the whole script, as one implicit transaction.
  adapter.executeScript = async (/** @type {string} */ script) => {
    try {
      await pool.query(script);
    } catch (error) {
      adapter.onError(error); // rethrows as a DriverAdapterError, so the engine sees the SQL state
    }
  };

  let ended;
  adapter.dispose = () => (ended ??= pool.end());
  return adapter;
}

/**
 * Workaround 3: PrismaPg.connectToShadowDb replays the shadow migrations on the *main* database
 * when built from a connection string, and drops its shadow database before closing the pool that
 * still uses it. Ours creates a uniquely named database, and on dispose closes the pool *then*
 * drops the database.
 * @param {string} url the main database, used only to issue CREATE/DROP DATABASE
 */
async function connectThrowawayShadowDb(url) {
  const name = `prisma_migrate_shadow_db_${randomUUID()}`;
  await withClient(url, (client) => client.query(`CREATE DATABASE ${quoteIdentifier(name)}`));
  // Named in the logs so that a leftover database can be traced (the CLI shows them with
  // DEBUG=prisma:schemaEngine:stderr).
  log('INFO', 'schema_engine::shadow_database', { message: 'Created the shadow database', database: name });
  const drop = async () => {
    await withClient(url, (client) => client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)}`));
    log('INFO', 'schema_engine::shadow_database', { message: 'Dropped the shadow database', database: name });
  };

  let adapter;
  try {
    adapter = await connectAdapter(withDatabase(url, name));
  } catch (error) {
    await drop();
    throw error;
  }
  const closePool = adapter.dispose;
  let disposed;
  adapter.dispose = () => (disposed ??= (async () => {
    await closePool();
    await drop();
  })());
  return adapter;
}

/**
 * A configured `shadowDatabaseUrl`: like the native engine, refuse the main database, and reset the
 * shadow database before use instead of creating one.
 * @param {string} url
 * @param {string} shadowDatabaseUrl
 */
async function connectConfiguredShadowDb(url, shadowDatabaseUrl) {
  const main = new URL(parsePostgresUrl(url).connectionString);
  const shadow = new URL(parsePostgresUrl(shadowDatabaseUrl).connectionString);
  if (main.host === shadow.host && main.pathname === shadow.pathname) {
    throw new SchemaEngineError(
      'The shadow database you configured appears to be the same as the main database. Please specify another shadow database.',
    );
  }
  const schema = quoteIdentifier(parsePostgresUrl(shadowDatabaseUrl).schema ?? 'public');
  await withClient(shadowDatabaseUrl, (client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`));
  return connectAdapter(shadowDatabaseUrl);
}

/**
 * The factory object the engine drives (before `bindMigrationAwareSqlAdapterFactory`).
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource
 */
export function postgresAdapterFactory({ url, shadowDatabaseUrl }) {
  return {
    provider: /** @type {const} */ ('postgres'),
    adapterName: '@prisma/adapter-pg',
    connect: () => connectAdapter(url),
    connectToShadowDb: () =>
      shadowDatabaseUrl ? connectConfiguredShadowDb(url, shadowDatabaseUrl) : connectThrowawayShadowDb(url),
  };
}
