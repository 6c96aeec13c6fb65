import { logger as processLogger, type Logger } from '../observability/logger';
import type { Lifecycle } from './lifecycle';

export interface GracefulShutdownOptions {
  lifecycle: Lifecycle;
  /** The longest wait for the requests in flight (API_SHUTDOWN_TIMEOUT_MS). */
  timeoutMs: number;
  /** Run once the requests are done (or the wait is over): stop the background jobs and hand their leases over, flush spans, close the listener. */
  release: () => Promise<unknown>;
  /** @default the process's logger */
  logger?: Logger;
}

export interface ShutdownReport {
  /** Every request in flight finished within the bound. */
  drained: boolean;
  /** Requests still running when the wait ended (their keys stay resumable: a retry elsewhere takes them over). */
  leftInFlight: number;
  durationMs: number;
}

/**
 * A clean stop, as SIGTERM asks: readiness says not ready at once and new requests get a retryable
 * 503 (the load balancer and the link go elsewhere); the requests in flight finish, for at most
 * `timeoutMs`; then `release` hands the leases over, so the next instance need not wait for them to
 * expire. The caller exits afterwards. A request cut off by the bound is an unknown outcome, never
 * a stored failure: its key is taken over once its lock expires.
 */
export async function shutDownGracefully({ lifecycle, timeoutMs, release, logger = processLogger }: GracefulShutdownOptions): Promise<ShutdownReport> {
  const startedAt = performance.now();
  lifecycle.startDraining();
  const log = logger.child({ event: 'shutdown' });
  log.info({ inFlight: lifecycle.inFlight, timeoutMs }, 'shutting down: not ready, draining requests in flight');
  let timer: NodeJS.Timeout | undefined;
  const drained = await Promise.race([
    lifecycle.idle().then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs))),
  ]);
  clearTimeout(timer);
  const leftInFlight = lifecycle.inFlight;
  if (!drained) log.warn({ leftInFlight }, 'shutting down: requests still in flight after the bound; their keys stay resumable');
  // The jobs stop between two records, but a record in progress finishes: bound that by what is
  // left of the timeout (at least 1 s, to hand the leases over), then exit all the same.
  const left = Math.max(1_000, timeoutMs - (performance.now() - startedAt));
  const released = await Promise.race([
    release().then(
      () => true,
      (error: unknown) => (log.error({ err: error }, 'shutting down: releasing failed'), true),
    ),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), left))),
  ]);
  clearTimeout(timer);
  if (!released) log.warn({ waitedMs: Math.round(left) }, 'shutting down: background work still running after the bound; its leases expire on their own');
  const report = { drained, leftInFlight, durationMs: Math.round(performance.now() - startedAt) };
  log.info(report, 'shut down: leases released');
  return report;
}
