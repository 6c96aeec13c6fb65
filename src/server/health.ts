import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from './db/create-db';
import type { DatabaseProvider } from './db/database-url';
import type { Lifecycle } from './http/lifecycle';
import { logger } from './observability/logger';

export type NotReadyReason = 'database_unreachable' | 'migrations_pending' | 'warming_up' | 'shutting_down';

export type Readiness =
  | { ready: true }
  /** `detail` (a driver's message, migration names) is for the server log, never for the response. */
  | { ready: false; reason: NotReadyReason; detail: string };

/** What a probe, a load balancer or anyone else may read: a fixed reason, no driver text. */
const PUBLIC_MESSAGE: Record<NotReadyReason, string> = {
  database_unreachable: 'The database does not answer.',
  migrations_pending: 'The database schema is not up to date: migrations are pending.',
  warming_up: 'The instance is starting: routes, database connection and first query are not done yet.',
  shutting_down: 'The instance is shutting down: it finishes the requests in flight and takes no new ones.',
};

/**
 * The readiness endpoint's answer: 200 `{status:"ready"}`, or 503 `{status:"not_ready", reason,
 * message}`. The detail goes to the server log, where an operator can read it.
 */
export function readinessResponse(readiness: Readiness, log: (line: string) => void = (line) => logger.warn({ event: 'readiness' }, line)): Response {
  const headers = { 'Cache-Control': 'no-store' };
  if (readiness.ready) return Response.json({ status: 'ready' }, { headers });
  log(`readiness: not ready (${readiness.reason}): ${readiness.detail}`);
  return Response.json({ status: 'not_ready', reason: readiness.reason, message: PUBLIC_MESSAGE[readiness.reason] }, { status: 503, headers });
}

/** The migrations shipped with the app for `provider`: the folder names under prisma/<provider>/migrations. */
export async function shippedMigrations(provider: DatabaseProvider, root: string = process.cwd()): Promise<string[]> {
  const dir = path.join(root, 'prisma', provider, 'migrations');
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/**
 * The instance's readiness: not while it drains (SIGTERM came), nor while the database or its
 * schema is not right, nor until it is warm (see `warmUp`) — in that order, so a probe reads the
 * most useful reason.
 */
export async function checkInstanceReadiness(lifecycle: Lifecycle, db: Db, shipped: readonly string[]): Promise<Readiness> {
  if (lifecycle.draining) return { ready: false, reason: 'shutting_down', detail: 'SIGTERM received' };
  const database = await checkReadiness(db, shipped);
  if (!database.ready) return database;
  // Checked again: SIGTERM may have come during the query.
  if (lifecycle.draining) return { ready: false, reason: 'shutting_down', detail: 'SIGTERM received' };
  return lifecycle.warm ? database : { ready: false, reason: 'warming_up', detail: 'first query not done yet' };
}

/**
 * Ready when the database answers and every shipped migration is recorded as applied
 * (finished, not rolled back) in `_prisma_migrations`.
 */
export async function checkReadiness(db: Db, shipped: readonly string[]): Promise<Readiness> {
  let applied: { migration_name: string }[];
  try {
    applied = await db.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
  } catch (error) {
    const cause = driverErrorCause(error);
    if (cause?.kind === 'TableDoesNotExist') return { ready: false, reason: 'migrations_pending', detail: 'no migrations applied' };
    const detail = cause?.originalMessage ?? (error instanceof Error ? error.message.trim().split('\n').at(-1) : undefined);
    return { ready: false, reason: 'database_unreachable', detail: detail ?? String(error) };
  }
  const done = new Set(applied.map((row) => row.migration_name));
  const pending = shipped.filter((name) => !done.has(name));
  return pending.length === 0 ? { ready: true } : { ready: false, reason: 'migrations_pending', detail: `pending: ${pending.join(', ')}` };
}

/** The driver adapter's structured cause of a Prisma query error, when there is one. */
function driverErrorCause(error: unknown): { kind?: string; originalMessage?: string } | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string; originalMessage?: string } } } }).meta;
  return meta?.driverAdapterError?.cause;
}
