// Checking and creating databases, done directly rather than through the WASM engine: the engine
// can only start on a database that exists, and it reports connection failures without the error
// codes (P1001, P1003, …) that the CLI branches on.

import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { providerOf } from './adapters.mjs';
import { SchemaEngineError } from './errors.mjs';
import { parsePostgresUrl, quoteIdentifier, withClient, withDatabase } from './postgres.mjs';
import { sqliteFilePath } from './sqlite.mjs';

/** Postgres error code for CREATE DATABASE on an existing name. */
const DUPLICATE_DATABASE = '42P04';

/**
 * Resolves when the database at `url` exists and accepts a connection; throws a coded
 * `SchemaEngineError` otherwise (P1003 when it does not exist).
 * @param {string} url
 */
export async function canConnect(url) {
  if (providerOf(url) === 'postgresql') {
    await withClient(url, (client) => client.query('SELECT 1'));
    return;
  }
  const file = sqliteFilePath(url);
  if (!existsSync(file)) {
    throw new SchemaEngineError(`Database ${path.basename(file)} does not exist at ${file}`, { code: 'P1003' });
  }
  new Database(file, { fileMustExist: true }).close();
}

/**
 * Creates the database at `url`: for SQLite the file and its folder, for Postgres `CREATE DATABASE`
 * from the server's maintenance database. An existing database is left as it is.
 * @param {string} url
 * @returns {Promise<string>} the database's name
 */
export async function createDatabase(url) {
  if (providerOf(url) === 'sqlite') {
    const file = sqliteFilePath(url);
    mkdirSync(path.dirname(file), { recursive: true });
    new Database(file).close(); // creates an empty file, keeps an existing one
    return path.basename(file);
  }

  const { database } = parsePostgresUrl(url);
  const create = (/** @type {import('pg').Client} */ client) =>
    client.query(`CREATE DATABASE ${quoteIdentifier(database)}`).catch((error) => {
      if (error?.code !== DUPLICATE_DATABASE) throw error;
    });
  try {
    await withClient(withDatabase(url, 'postgres'), create);
  } catch (error) {
    // Like the native engine, fall back to `template1` when there is no `postgres` database.
    if (!(error instanceof SchemaEngineError && error.code === 'P1003')) throw error;
    await withClient(withDatabase(url, 'template1'), create);
  }
  return database;
}
