/**
 * Runs once when a Next.js server instance starts: switches tracing on when OTEL_TRACES_EXPORTER
 * says so, starts this instance's background jobs — the idempotency completer and sweeper,
 * reconciliation — which database leases let one instance at a time run, and warms the instance:
 * readiness says ready only once the API's modules are loaded and a first query has answered.
 *
 * On SIGTERM (and SIGINT): readiness goes 503 at once, new API requests get a retryable 503, the
 * requests in flight finish (at most API_SHUTDOWN_TIMEOUT_MS), the leases are handed over, then the
 * process exits. `next start` exits at once on SIGTERM unless NEXT_MANUAL_SIG_HANDLE=1 is set, so
 * set it (`npm start` does): without it, only the readiness flip happens.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { readServerEnv } = await import('./src/server/env');
  const { startTracing } = await import('./src/server/observability/start-tracing');
  // First: spans started before the provider is registered are never recorded.
  const env = readServerEnv();
  const tracing = startTracing(env);
  const { db } = await import('./src/server/db');
  const { startBackgroundWork } = await import('./src/server/background/start-background-work');
  const { processLifecycle } = await import('./src/server/http/lifecycle');
  const { shutDownGracefully } = await import('./src/server/http/graceful-shutdown');
  const { logger } = await import('./src/server/observability/logger');
  const background = startBackgroundWork({ db });
  const lifecycle = processLifecycle();

  const shutDown = () => {
    const release = () => Promise.allSettled([background.stop(), tracing?.shutdown()]);
    void shutDownGracefully({ lifecycle, timeoutMs: env.API_SHUTDOWN_TIMEOUT_MS, release }).finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutDown);
  if (process.env.NEXT_MANUAL_SIG_HANDLE) process.once('SIGINT', shutDown);
  else logger.warn({ event: 'shutdown' }, 'NEXT_MANUAL_SIG_HANDLE is not set: next start exits at once on SIGTERM, without draining requests in flight');

  // Warm: load the API (router, procedures, schemas) and answer a first query, in the background so
  // that /api/health/live answers meanwhile; readiness waits for it.
  void (async () => {
    await import('./src/server/http/trpc-handler');
    const { warmUp } = await import('./src/server/http/warm-up');
    await warmUp(db, lifecycle);
  })().catch((error: unknown) => logger.error({ event: 'warm_up', err: error }, 'warm-up failed'));
}
