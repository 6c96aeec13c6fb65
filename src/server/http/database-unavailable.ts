import type { TRPCError } from '@trpc/server';
import { ShopError } from '../errors';

/** Prisma's codes for "cannot reach / lost / timed out waiting for" the database. */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1003', 'P1008', 'P1017', 'P2024']);
/** The driver adapters' error kinds for the same. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'DatabaseDoesNotExist', 'DatabaseAccessDenied', 'SocketTimeout', 'ConnectionClosed', 'TooManyConnections', 'SocketError']);
/** Node's socket errors, SQLite's "cannot open / locked", PostgreSQL's connection and shutdown classes. */
const DRIVER_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'SQLITE_CANTOPEN', 'SQLITE_BUSY', '57P01', '57P02', '57P03', '53300', '3D000']);

/**
 * Whether `error` (or one of its causes) says the database cannot be reached or answered too late —
 * not that a query was wrong. Such a failure changed nothing that a retry could repeat.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; code?: unknown; errorCode?: unknown; kind?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string } } }; cause?: unknown };
  if (e.name === 'PrismaClientInitializationError') return true;
  // better-sqlite3's own words when the volume holding the file is gone (unmounted, removed).
  if (error instanceof Error && /^Cannot open database because the directory does not exist/.test(error.message)) return true;
  const codes = [e.code, e.errorCode].filter((c): c is string => typeof c === 'string');
  if (codes.some((c) => PRISMA_CODES.has(c) || DRIVER_CODES.has(c) || /^08/.test(c) || c.startsWith('SQLITE_IOERR'))) return true;
  if (typeof e.kind === 'string' && ADAPTER_KINDS.has(e.kind)) return true;
  const kind = e.meta?.driverAdapterError?.cause?.kind;
  if (kind !== undefined && ADAPTER_KINDS.has(kind)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** What the client reads: the database is away, nothing is stored for the key. */
export const DATABASE_UNAVAILABLE_MESSAGE = 'The database does not answer. Retry later with the same Idempotency-Key; nothing was stored for it.';

/**
 * Turns tRPC's generic 500 for an unreachable database into the shop's retryable 503
 * DATABASE_UNAVAILABLE, in place: called from the handler's `onError`, which tRPC calls before it
 * formats the error, so the status, the code and the vetted message all follow. Returns whether it did.
 */
export function reclassifyDatabaseOutage(error: TRPCError): boolean {
  if (error.code !== 'INTERNAL_SERVER_ERROR' || !isDatabaseUnavailable(error.cause)) return false;
  const original = error.cause;
  const cause = new ShopError('DATABASE_UNAVAILABLE', DATABASE_UNAVAILABLE_MESSAGE);
  // The driver's error stays reachable for the server log, never for the response.
  Object.defineProperty(cause, 'cause', { value: original, enumerable: false });
  Object.assign(error as { code: TRPCError['code'] }, { code: 'SERVICE_UNAVAILABLE' });
  Object.assign(error, { cause, message: DATABASE_UNAVAILABLE_MESSAGE });
  return true;
}
