/**
 * Runs once when a Next.js server instance starts: switches tracing on when OTEL_TRACES_EXPORTER
 * says so, and starts this instance's background jobs — the idempotency completer and sweeper,
 * reconciliation — which database leases let one instance at a time run.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { readServerEnv } = await import('./src/server/env');
  const { startTracing } = await import('./src/server/observability/start-tracing');
  // First: spans started before the provider is registered are never recorded.
  const tracing = startTracing(readServerEnv());
  const { db } = await import('./src/server/db');
  const { startBackgroundWork } = await import('./src/server/background/start-background-work');
  const background = startBackgroundWork({ db });
  // Hand the lease over at once on a clean shutdown instead of making the next instance wait for it
  // to expire; flush the spans still buffered.
  process.once('SIGTERM', () => void Promise.allSettled([background.stop(), tracing?.shutdown()]).finally(() => process.exit(0)));
}
