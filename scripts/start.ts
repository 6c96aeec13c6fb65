/**
 * `npm start` and `npm run dev`: build what is missing, prepare the database, then serve the
 * checkout at http://$HOST:$PORT (default 127.0.0.1:3000).
 *
 *   npm start          production server (next start) after `turbo run build build:app`
 *   npm run dev        development server (next dev) after building the packages
 */
import { spawn, execFileSync } from 'node:child_process';
import { readServerEnv } from '../src/server/env';
import { prepareDatabase } from './prepare-database';

const dev = process.argv.includes('--dev');
const env = readServerEnv();
const port = String(env.PORT ?? 3000);
const host = env.HOST;
process.env.NEXT_TELEMETRY_DISABLED = '1';
process.env.TURBO_TELEMETRY_DISABLED = '1';
// Next exits at once on SIGTERM unless told the app handles it: the app drains in-flight requests
// and hands its leases over first (instrumentation.ts).
process.env.NEXT_MANUAL_SIG_HANDLE = '1';

// Turbo skips whatever is already built from the same sources (cache hit).
const tasks = dev ? ['build'] : ['build', 'build:app'];
execFileSync('node_modules/.bin/turbo', ['run', ...tasks, '--output-logs=errors-only'], { stdio: 'inherit' });

await prepareDatabase();

const next = spawn('node_modules/.bin/next', [dev ? 'dev' : 'start', '--port', port, '--hostname', host], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => next.kill(signal));
next.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
