import { db } from '~/server/db';
import { providerOf, resolveDatabaseUrl } from '~/server/db/database-url';
import { checkInstanceReadiness, readinessResponse, shippedMigrations } from '~/server/health';
import { processLifecycle } from '~/server/http/lifecycle';

/**
 * Readiness: 200 once this instance is warm (instrumentation.ts loaded the API and answered a first
 * query) while the database answers with every migration applied; 503 with a reason otherwise, and
 * at once after SIGTERM.
 */
export const dynamic = 'force-dynamic';

export async function GET() {
  return readinessResponse(await checkInstanceReadiness(processLifecycle(), db, await shippedMigrations(providerOf(resolveDatabaseUrl()))));
}
