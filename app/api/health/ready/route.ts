import { db } from '~/server/db';
import { providerOf, resolveDatabaseUrl } from '~/server/db/database-url';
import { checkReadiness, shippedMigrations } from '~/server/health';

/** Readiness: 200 when the database answers and all migrations are applied, 503 otherwise. */
export const dynamic = 'force-dynamic';

export async function GET() {
  const readiness = await checkReadiness(db, await shippedMigrations(providerOf(resolveDatabaseUrl())));
  return Response.json(readiness.ready ? { status: 'ready' } : { status: 'not_ready', ...readiness }, {
    status: readiness.ready ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
