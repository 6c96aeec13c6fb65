// One error type for failures the stand-in itself detects, and the translation of any failure into
// the shapes the Prisma CLI reads: JSON-RPC `error.data` ({ is_panic, message, error_code, meta }) in
// RPC mode, an ERROR log line in `cli` mode. The WASM engine's own errors already carry Prisma's
// `code` (P3018, P1012, …) and user-facing message; we keep them as they are.

import { isWasmPanic, panicRegistry } from './wasm.mjs';

/** A failure with a Prisma error code, raised by the stand-in (the WASM engine raises its own). */
export class SchemaEngineError extends Error {
  /** @override */
  name = /** @type {const} */ ('SchemaEngineError');

  /**
   * @param {string} message the user-facing message, as the native engine words it
   * @param {{ code?: string, meta?: Record<string, unknown>, cause?: unknown }} [options]
   */
  constructor(message, { code, meta, cause } = {}) {
    super(message, { cause });
    /** Prisma's error code (`P1001`, …); undefined for errors the native engine reports without one. */
    this.code = code;
    /** The message's parameters, as the native engine sends them along. */
    this.meta = meta;
  }
}

/**
 * The payload the CLI expects in a JSON-RPC error's `data`, or in an ERROR log line's `fields`.
 * @param {unknown} error
 * @returns {{ is_panic: boolean, message: string, error_code?: string, meta?: unknown }}
 */
export function userFacingError(error) {
  if (isWasmPanic(error)) {
    return { is_panic: true, message: panicRegistry.message ?? String(/** @type {Error} */ (error).message) };
  }
  const { message, code, meta } = /** @type {{ message?: string, code?: unknown, meta?: unknown }} */ (error ?? {});
  const text = typeof message === 'string' ? message.trimEnd() : String(error);
  // Only Prisma's codes count: Node's `ENOENT` and friends are no user-facing error codes.
  return typeof code === 'string' && /^P\d{4}$/.test(code)
    ? { is_panic: false, message: text, error_code: code, meta: meta ?? {} }
    : { is_panic: false, message: text };
}

/** Socket errors that mean "nothing answers at that address". */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * Translates a `pg` connection failure into the native engine's error (codes and wording from
 * prisma-engines' `user-facing-errors`). The WASM engine reports these without a code, but the CLI
 * branches on them: `P1003` makes `migrate dev` create the database instead of failing.
 * @param {unknown} error what `pg` threw
 * @param {string} url the connection string that failed
 * @returns {SchemaEngineError}
 */
export function postgresConnectionError(error, url) {
  const { hostname, port: rawPort, username, pathname } = new URL(url);
  const host = decodeURIComponent(hostname) || 'localhost';
  const port = rawPort || '5432';
  const user = decodeURIComponent(username) || 'postgres';
  const database = decodeURIComponent(pathname.slice(1)) || user;
  const { code, message } = /** @type {{ code?: string, message?: string }} */ (error ?? {});
  const coded = (/** @type {string} */ prismaCode, /** @type {string} */ text) =>
    new SchemaEngineError(text, { code: prismaCode, cause: error });

  switch (code) {
    case '3D000':
      return coded('P1003', `Database \`${database}\` does not exist on the database server at \`${host}:${port}\`.`);
    case '28P01':
      return coded(
        'P1000',
        `Authentication failed against database server at \`${host}\`, the provided database credentials for \`${user}\` are not valid.\n\nPlease make sure to provide valid database credentials for the database server at \`${host}\`.`,
      );
    case '28000':
      return coded('P1010', `User \`${user}\` was denied access on the database \`${database}\``);
    case 'ETIMEDOUT':
      return coded(
        'P1002',
        `The database server at \`${host}\`:\`${port}\` was reached but timed out.\n\nPlease try again.\n\nPlease make sure your database server is running at \`${host}\`:\`${port}\`.\n\nContext: ${message}\n`,
      );
    default:
      if (code && UNREACHABLE.has(code)) {
        return coded(
          'P1001',
          `Can't reach database server at \`${host}\`:\`${port}\`\n\nPlease make sure your database server is running at \`${host}\`:\`${port}\`.`,
        );
      }
      return new SchemaEngineError(message ?? String(error), { cause: error });
  }
}
