/**
 * A real API server process for multi-process and crash suites: the app's tRPC handler on plain
 * Node HTTP (no build needed), on DATABASE_URL, with `/api/metrics` and the health probes. Prints
 * `listening <url>` once it accepts requests and is warm (a first query answered).
 * OTEL_TRACES_EXPORTER switches tracing on, as in the app.
 *
 * SIGTERM drains as the app does: readiness 503 at once, new requests 503 SERVER_SHUTTING_DOWN, the
 * requests in flight finish (at most API_SHUTDOWN_TIMEOUT_MS), the leases are released, then it
 * prints `drained <json report>` and exits 0 (see `startApiServer`, shared with `npm run serve:api`).
 *
 * IDEM_CRASH_AT=<crash point> makes it SIGKILL itself the first time a request reaches that point,
 * as a power cut would: no cleanup, no response, an open transaction left to the database.
 */
import { CRASH_POINTS, type CrashPoint, type FaultInjector } from '~/server/faults';
import { startApiServer } from '~/server/http/start-api-server';

const crashAt = process.env.IDEM_CRASH_AT as CrashPoint | undefined;
if (crashAt !== undefined && !CRASH_POINTS.includes(crashAt)) throw new Error(`Unknown IDEM_CRASH_AT=${crashAt}; use one of ${CRASH_POINTS.join(', ')}`);

const faults: FaultInjector = (point) => {
  if (point === crashAt) process.kill(process.pid, 'SIGKILL');
};

const { api } = await startApiServer({ port: Number(process.env.PORT ?? 0), maxConnections: 5, faults });
console.log(`listening ${api.url}`);
