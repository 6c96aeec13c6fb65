import { afterEach, beforeEach } from 'vitest';
import { seed } from '../../prisma/seed';
import type { DatabaseProvider } from '~/server/db/database-url';
import type { CrashPoint } from '~/server/faults';
import { createTestDatabase, type TestDatabase } from '~/test/test-database';
import { postMutation, type RawResponse } from './api';
import { startServerProcess, type ServerProcess } from './server-process';
import { openSession } from './session';

/**
 * The crash-point harness of the SIGKILL suites: a victim server process that kills itself at a
 * crash point, a survivor that answers the retries, and a client that retries as the link does.
 */

/** One test's own world: a seeded database, the surviving server process on it, and a guest session. */
export interface CrashWorld {
  database: TestDatabase;
  /** Started with the suite's `env`, without a crash point: it answers the retries. */
  survivor: ServerProcess;
  /** The guest session's cookie, opened on the survivor. */
  cookie: string;
}

/**
 * Gives every test of the calling `describe` a world of its own (in `beforeEach`), stopped and
 * dropped after it: nothing one crash leaves behind (a stuck key, a charge, a lower stock) can
 * change what the next test sees. Returns the current test's world; a suite's own `beforeEach`,
 * registered after this call, runs after it and may use it.
 */
export function crashWorldForEachTest(provider: DatabaseProvider, env: Record<string, string>): () => CrashWorld {
  let database: TestDatabase | undefined;
  let survivor: ServerProcess | undefined;
  let world: CrashWorld | undefined;
  beforeEach(async () => {
    database = await createTestDatabase(provider);
    await seed(database.db);
    survivor = await startServerProcess(database.url, env);
    world = { database, survivor, cookie: await openSession(survivor.url) };
  });
  afterEach(async () => {
    await survivor?.stop();
    await database?.drop();
    database = survivor = world = undefined;
  });
  return () => {
    if (!world) throw new Error('No crash world outside a test: crashWorldForEachTest sets one up before each.');
    return world;
  };
}

/** A mutation as the harness sends it: procedure path, idempotency key, input and session cookie. */
export interface CrashRequest {
  path: string;
  key: string;
  body: object;
  cookie: string;
}

/** What a crash left: how the request ended, and how the victim process did. */
export interface Crash {
  /** The answer, or the error of a connection that died with the process. */
  lost: RawResponse | Error;
  /** The victim's end: its signal (`'SIGKILL'` when it crashed) or exit code. */
  exited: NodeJS.Signals | number | null;
}

/**
 * Starts a victim server process on `databaseUrl` with IDEM_CRASH_AT=`point` (it SIGKILLs itself the
 * first time a request reaches that point), sends it `request`, and waits for the process to end.
 * A victim that answered instead is stopped, so its end shows as SIGTERM rather than hanging the test.
 */
export async function crashAt(point: CrashPoint, databaseUrl: string, env: Record<string, string>, request: CrashRequest): Promise<Crash> {
  const victim = await startServerProcess(databaseUrl, { ...env, IDEM_CRASH_AT: point });
  const lost = await postMutation(victim.url, request.path, request).catch((error: Error) => error);
  if (!(lost instanceof Error)) await victim.stop();
  return { lost, exited: await victim.exited };
}

/**
 * A client that retries as the link does: the same key after a dropped connection, and after a 409
 * once Retry-After (at least 100 ms) has passed. Rejects after 20 attempts without a final answer.
 */
export async function postUntilAnswered(url: string, request: CrashRequest): Promise<RawResponse> {
  for (let attempt = 1; attempt <= 20; attempt++) {
    const response = await postMutation(url, request.path, request).catch(() => null);
    if (response && response.status !== 409) return response;
    const retryAfterMs = Number(response?.headers.get('retry-after') ?? 0) * 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.max(retryAfterMs, 100)));
  }
  throw new Error(`no answer for ${request.key} after 20 attempts`);
}
