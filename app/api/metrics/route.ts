import { db } from '~/server/db';
import { readServerEnv } from '~/server/env';
import { metricsResponse } from '~/server/observability/metrics-response';

/** Prometheus metrics for the operator credential only; see docs/OPERATIONS.md. */
export const dynamic = 'force-dynamic';

const env = readServerEnv();

export function GET(req: Request) {
  return metricsResponse(req, { db, env });
}
