// One RPC session: the engine the CLI talks to between spawning the binary and closing its stdin.
// The engine starts on the first request, not at spawn: the CLI spawns it before creating a missing
// database, and the WASM engine cannot start without one.

import { readFile } from 'node:fs/promises';
import { createAdapterFactory, providerOf } from './adapters.mjs';
import { canConnect } from './database.mjs';
import { SchemaEngineError, userFacingError } from './errors.mjs';
import { forwardEngineLog, logError } from './logger.mjs';
import { handleMethod } from './methods.mjs';
import { withDatabase } from './postgres.mjs';
import { isWasmPanic, startSchemaEngine } from './wasm.mjs';

/** Whether a request reads the live database: all do but a `diff` between files and migrations. */
function readsLiveDatabase(/** @type {string} */ method, /** @type {any} */ params) {
  if (method !== 'diff') return true;
  return [params?.from, params?.to].some((target) => target?.tag === 'schemaDatasource' || target?.tag === 'url');
}

/** The provider named by the datasource block of Prisma schema texts. */
function providerInSchemas(/** @type {string[]} */ schemas) {
  for (const text of schemas) {
    const provider = /datasource\s+\w+\s*\{[^}]*provider\s*=\s*"(\w+)"/.exec(text)?.[1];
    if (provider) return provider;
  }
  return undefined;
}

/** Schema texts carried by a request (`diff` targets). */
function schemasIn(/** @type {any} */ params) {
  return [params?.from, params?.to].flatMap((target) => target?.files ?? []).map((/** @type {any} */ file) => file.content);
}

/**
 * The database the engine connects to: the configured one, except for a `diff` between schema files
 * and/or a migrations folder. The binary runs those without touching the database, which may not
 * exist yet; the WASM engine still needs a connection to know its SQL dialect. So SQLite diffs run
 * on an in-memory database (no file created, no lock taken), and Postgres ones on the server's
 * `postgres` database when the configured one does not exist.
 *
 * Postgres is probed first: the engine reports connection failures without the codes (P1001,
 * P1003, …) that the CLI and users go by.
 * @param {string | undefined} url the configured datasource URL
 * @param {string} method the session's first request
 * @param {unknown} params its params
 * @param {string[]} datamodels the texts of `--datamodels`
 */
async function engineUrl(url, method, params, datamodels) {
  const live = readsLiveDatabase(method, params);
  const provider = url ? providerOf(url) : providerInSchemas([...datamodels, ...schemasIn(params)]);
  if (!live && provider === 'sqlite') return 'file::memory:';
  if (!url) {
    throw new SchemaEngineError(
      'The datasource.url property is required in your Prisma config file for this command (the WASM schema engine always needs a connection on PostgreSQL).',
    );
  }
  if (provider !== 'postgresql') return url;
  try {
    await canConnect(url);
    return url;
  } catch (error) {
    if (live || !(error instanceof SchemaEngineError && error.code === 'P1003')) throw error;
    return withDatabase(url, 'postgres');
  }
}

/**
 * @param {{ datamodelPaths: string[], datasource: { url?: string, shadowDatabaseUrl?: string } | undefined }} options
 */
export function createEngineSession({ datamodelPaths, datasource }) {
  /** @type {Promise<import('@prisma/schema-engine-wasm').SchemaEngine> | undefined} */
  let starting;
  /** @type {ReturnType<typeof createAdapterFactory> | undefined} */
  let adapters;
  /** What the adapters reported during the current request. @type {import('./methods.mjs').Observed} */
  let observed = {};

  /**
   * @param {string} method the first request's method
   * @param {unknown} params the first request's params
   */
  const start = async (method, params) => {
    const datamodels = await Promise.all(
      datamodelPaths.map(async (file) => /** @type {[string, string]} */ ([file, await readFile(file, 'utf8')])),
    );
    const url = await engineUrl(datasource?.url, method, params, datamodels.map(([, text]) => text));
    const current = createAdapterFactory(
      { ...datasource, url },
      {
        onMissingMigrationsTable: () => (observed.migrationsTableMissing = true),
        onScriptFailure: (failure) => (observed.scriptFailure = failure),
      },
    );
    adapters = current;
    try {
      return await startSchemaEngine({ datamodels, adapterFactory: current.factory, onLog: forwardEngineLog });
    } catch (error) {
      await current.disposeAll();
      throw error;
    }
  };

  const engine = (/** @type {string} */ method, /** @type {unknown} */ params) => {
    starting ??= start(method, params).catch((error) => {
      starting = undefined; // a later request may succeed, e.g. once the database exists
      throw error;
    });
    return starting;
  };

  return {
    /**
     * Answers one request. A WASM panic ends the process like the binary's panic hook does: an
     * ERROR line with `is_panic` and exit code 101, which the CLI reports as a Rust panic.
     * @param {string} method
     * @param {unknown} params
     * @param {(method: string, params: unknown) => Promise<unknown>} callClient
     */
    async handle(method, params, callClient) {
      const current = (observed = {});
      try {
        return await handleMethod(method, params, {
          engine: () => engine(method, params),
          url: datasource?.url,
          observed: current,
          adapters: () => adapters && { provider: adapters.factory.provider, main: adapters.main },
          // The binary strips the text's final newline; the CLI adds one back.
          print: async (text) => void (await callClient('print', { content: text.replace(/\n$/, '') })),
        });
      } catch (error) {
        if (isWasmPanic(error)) {
          logError(userFacingError(error));
          process.exit(101);
        }
        throw error;
      }
    },

    /** Frees the engine, then disposes the adapters it leaves open (locks, pools, shadow databases). */
    async close() {
      const running = await starting?.catch(() => undefined);
      starting = undefined;
      running?.free();
      await adapters?.disposeAll();
    },
  };
}
