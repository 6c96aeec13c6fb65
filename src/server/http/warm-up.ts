import { listProducts } from '../catalog/catalog-cache';
import type { Db } from '../db/create-db';
import { logger } from '../observability/logger';
import type { Lifecycle } from './lifecycle';

export interface WarmUpOptions {
  /** Wait between attempts while the database does not answer (ms). @default 500 */
  retryMs?: number;
}

/**
 * Makes the instance warm, then says so: connects the database, answers a first query and loads the
 * catalog (which also gives the catalog cache a last good copy to serve, stale, should the database
 * go away). Until then readiness answers 503 `warming_up`, so a load balancer sends no herd to a
 * cold process. The caller has already imported the routes. Resolves with the first attempt's
 * outcome; while the database does not answer it keeps trying in the background.
 */
export async function warmUp(db: Db, lifecycle: Lifecycle, { retryMs = 500 }: WarmUpOptions = {}): Promise<boolean> {
  const attempt = async (): Promise<boolean> => {
    if (lifecycle.draining) return false;
    try {
      await db.$queryRawUnsafe('SELECT 1');
    } catch (error) {
      logger.warn({ event: 'warm_up', err: error }, 'warm-up: the database does not answer yet');
      setTimeout(() => void attempt(), retryMs).unref();
      return false;
    }
    // An unmigrated database answers SELECT 1 but has no products: readiness reports that itself.
    await listProducts(db).catch(() => undefined);
    lifecycle.markWarm();
    return true;
  };
  return attempt();
}
