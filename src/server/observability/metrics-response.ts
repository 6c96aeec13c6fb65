import type { Db } from '../db/create-db';
import type { ServerEnv } from '../env';
import { requireOperator } from '../ops-auth/require-operator';
import { logger } from './logger';
import { metrics } from './metrics';

/**
 * `GET /api/metrics`: the process's metrics in Prometheus text format, for the operator credential
 * only (401/403 otherwise, as for `ops.*`). The record gauges are read from the database at scrape
 * time — two counts on the (status, lockedUntil) index; if the database does not answer they are
 * NaN, and the rest of the scrape still arrives (a scrape that fails whole hides the very process
 * metrics needed to see why).
 */
export async function metricsResponse(req: Request, { db, env }: { db: Db; env: ServerEnv }): Promise<Response> {
  const refused = requireOperator(req, { opsToken: env.OPS_TOKEN });
  if (refused) return refused;
  try {
    const [inFlight, flagged] = await Promise.all([
      db.idempotencyRecord.count({ where: { status: 'IN_PROGRESS' } }),
      db.idempotencyRecord.count({ where: { status: 'IN_PROGRESS', flaggedAt: { not: null } } }),
    ]);
    metrics.inFlight.set(inFlight);
    metrics.flagged.set(flagged);
  } catch (error) {
    logger.warn({ err: error }, 'metrics: could not count idempotency records');
    metrics.inFlight.set(Number.NaN);
    metrics.flagged.set(Number.NaN);
  }
  return new Response(await metrics.registry.metrics(), { headers: { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' } });
}
