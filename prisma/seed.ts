/**
 * Seeds the catalog. Safe to run again: existing products are left as they are (stock included),
 * missing ones are created.
 */
import { createDb, type Db } from '../src/server/db/create-db';
import { redactDatabaseUrl, resolveDatabaseUrl } from '../src/server/db/database-url';
import { catalog } from './catalog';

export async function seed(db: Db): Promise<{ created: number }> {
  let created = 0;
  for (const product of catalog) {
    const existing = await db.product.findUnique({ where: { id: product.id }, select: { id: true } });
    if (existing) continue;
    await db.product.create({ data: { ...product, currency: 'USD', imageUrl: null } });
    created++;
  }
  return { created };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = resolveDatabaseUrl();
  const db = createDb(url);
  try {
    const { created } = await seed(db);
    console.log(`Seeded ${redactDatabaseUrl(url)}: ${created} new of ${catalog.length} products.`);
  } finally {
    await db.$disconnect();
  }
}
