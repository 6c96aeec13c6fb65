/**
 * `npm run serve:api`: the tRPC API without Next.js — the same handler, settings, health probes
 * (`/api/health/live`, `/api/health/ready`) and `/api/metrics` as `npm start`, on plain Node HTTP at
 * http://$HOST:$PORT (default 127.0.0.1:3001). For an API tier scaled apart from the UI, and for
 * benchmarks. Builds the packages when they changed, prepares the database as `npm start` does
 * (migrate + seed), then serves; SIGTERM or SIGINT drains the requests in flight and exits.
 *
 *   npm run serve:api                 build the packages, prepare DATABASE_URL, serve
 *   npm run serve:api -- --skip-build  the packages' dist/ is known to be current
 */
import { execFileSync } from 'node:child_process';
import { startApiServer } from '../src/server/http/start-api-server';
import { readServerEnv } from '../src/server/env';
import { prepareDatabase } from './prepare-database';

const env = readServerEnv();
const port = env.PORT ?? 3001;
const host = env.HOST;
process.env.TURBO_TELEMETRY_DISABLED = '1';

if (!process.argv.includes('--skip-build')) {
  // The app imports the packages from their dist/; turbo skips them when nothing changed.
  execFileSync('node_modules/.bin/turbo', ['run', 'build', '--output-logs=errors-only'], { stdio: 'inherit' });
}
await prepareDatabase();

const { api } = await startApiServer({ port, host, drainOn: ['SIGTERM', 'SIGINT'] });
console.log(`listening ${api.url}`);
