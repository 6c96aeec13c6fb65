import { db } from '~/server/db';
import { providerOf, resolveDatabaseUrl } from '~/server/db/database-url';
import { checkReadiness, readinessResponse, shippedMigrations } from '~/server/health';

/** Readiness: 200 when the database answers and all migrations are applied, 503 with a reason otherwise. */
export const dynamic = 'force-dynamic';

export async function GET() {
  return readinessResponse(await checkReadiness(db, await shippedMigrations(providerOf(resolveDatabaseUrl()))));
}
