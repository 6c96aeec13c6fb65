/**
 * Runs once when a Next.js server instance starts: starts this instance's idempotency completer
 * and sweeper (the database lease makes one instance at a time do the work).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { db } = await import('./src/server/db');
  const { startIdempotencyCompleter } = await import('./src/server/idempotency/start-completer');
  const completer = startIdempotencyCompleter({ db });
  // Hand the lease over at once on a clean shutdown instead of making the next instance wait for it to expire.
  process.once('SIGTERM', () => void completer.stop().finally(() => process.exit(0)));
}
