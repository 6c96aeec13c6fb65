/** The three servers the harness measures, each started on a bench database. */
import path from 'node:path';
import { freePort } from '../src/test/free-port';
import { startServer, type BenchServer } from './server-process';

/**
 * The settings every server under test gets. The concurrency bound is raised above the storm's 100
 * duplicates, so that they reach the idempotency middleware instead of a 503 SERVER_BUSY.
 */
function serverEnv(databaseUrl: string): Record<string, string> {
  return { DATABASE_URL: databaseUrl, NODE_ENV: 'production', API_MAX_CONCURRENT_REQUESTS: '256', NEXT_TELEMETRY_DISABLED: '1', NEXT_MANUAL_SIG_HANDLE: '1', OTEL_TRACES_EXPORTER: 'none' };
}

const tsx = ['--import', 'tsx'];

/** `npm run serve:api`, without npm in between (and the packages already built). */
export function startServeApi(databaseUrl: string, logDir: string, { cpuProfDir }: { cpuProfDir?: string } = {}): Promise<BenchServer> {
  const profile = cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', cpuProfDir] : [];
  return startServer({
    name: 'serve:api',
    command: process.execPath,
    args: [...profile, ...tsx, 'scripts/serve-api.ts', '--skip-build'],
    env: { ...serverEnv(databaseUrl), PORT: '0' },
    logFile: path.join(logDir, cpuProfDir ? 'serve-api-profiled.log' : 'serve-api.log'),
    ready: { line: true },
  });
}

/** The plain-vs-idempotent server (bench/baseline-server.ts). */
export function startBaseline(databaseUrl: string, logDir: string): Promise<BenchServer> {
  return startServer({ name: 'baseline', command: process.execPath, args: [...tsx, 'bench/baseline-server.ts'], env: { ...serverEnv(databaseUrl), PORT: '0' }, logFile: path.join(logDir, 'baseline.log'), ready: { line: true } });
}

/** `next start` on the last build, as `npm start` runs it. */
export async function startNext(databaseUrl: string, logDir: string): Promise<BenchServer> {
  const port = await freePort();
  return startServer({
    name: 'next start',
    command: path.resolve('node_modules/.bin/next'),
    args: ['start', '--port', String(port), '--hostname', '127.0.0.1'],
    env: serverEnv(databaseUrl),
    logFile: path.join(logDir, 'next-start.log'),
    ready: { url: `http://127.0.0.1:${port}`, probe: '/api/health/ready' },
  });
}
