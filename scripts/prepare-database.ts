/**
 * Makes the database at DATABASE_URL (default: .data/idem.db) ready to serve: creates it if
 * missing, applies pending migrations with the Prisma CLI, and seeds the catalog. Safe to repeat.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { seed } from '../prisma/seed';
import { createDb } from '../src/server/db/create-db';
import { providerOf, redactDatabaseUrl, resolveDatabaseUrl } from '../src/server/db/database-url';
import { checkReadiness, shippedMigrations } from '../src/server/health';

export async function prepareDatabase(url: string = resolveDatabaseUrl()): Promise<void> {
  const provider = providerOf(url);
  if (provider === 'sqlite') mkdirSync(path.dirname(url.slice('file:'.length)), { recursive: true });

  const shipped = await shippedMigrations(provider);
  let db = createDb(url);
  try {
    const readiness = await checkReadiness(db, shipped);
    if (!readiness.ready) {
      // The CLI and this client must not hold the SQLite file at the same time.
      await db.$disconnect();
      console.log(`Migrating ${redactDatabaseUrl(url)} (${readiness.detail})…`);
      execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'migrate', 'deploy'], {
        stdio: 'inherit',
        env: { ...process.env, DATABASE_URL: url },
      });
      db = createDb(url);
    }
    if (provider === 'sqlite') {
      // WAL lets readers run while a writer commits; the setting is stored in the file.
      await db.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    }
    const { created } = await seed(db);
    console.log(`Database ${redactDatabaseUrl(url)} is ready (${shipped.length} migrations, ${created} products seeded).`);
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await prepareDatabase();
}
