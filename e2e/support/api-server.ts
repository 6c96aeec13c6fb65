/**
 * A real API server process for multi-process and crash suites: the app's tRPC handler on plain
 * Node HTTP (no build needed), on DATABASE_URL. Prints `listening <url>` once it accepts requests.
 *
 * IDEM_CRASH_AT=<crash point> makes it SIGKILL itself the first time a request reaches that point,
 * as a power cut would: no cleanup, no response, an open transaction left to the database.
 */
import { createDb } from '~/server/db/create-db';
import { resolveDatabaseUrl } from '~/server/db/database-url';
import { CRASH_POINTS, type CrashPoint, type FaultInjector } from '~/server/faults';
import { serveApi } from '~/server/http/serve-api';
import { startIdempotencyCompleter } from '~/server/idempotency/start-completer';

const crashAt = process.env.IDEM_CRASH_AT as CrashPoint | undefined;
if (crashAt !== undefined && !CRASH_POINTS.includes(crashAt)) throw new Error(`Unknown IDEM_CRASH_AT=${crashAt}; use one of ${CRASH_POINTS.join(', ')}`);

const faults: FaultInjector = (point) => {
  if (point === crashAt) process.kill(process.pid, 'SIGKILL');
};

const db = createDb(resolveDatabaseUrl(), { maxConnections: 5 });
const api = await serveApi({ db, port: Number(process.env.PORT ?? 0), faults });
const completer = startIdempotencyCompleter({ db, faults });
process.once('SIGTERM', () => void completer.stop().finally(() => process.exit(0)));
console.log(`listening ${api.url}`);
