/**
 * Seeds the catalog. Safe to run again: missing products are created; existing ones get the
 * catalog's name, description, aisle, image and price when those differ (so an older database gains
 * images and categories), and keep their stock — what was sold stays sold.
 */
import { createDb, type Db } from '../src/server/db/create-db';
import { redactDatabaseUrl, resolveDatabaseUrl } from '../src/server/db/database-url';
import { catalog, type SeedProduct } from './catalog';

/** The fields the catalog owns on an existing product: everything but its stock. */
const DESCRIPTIVE_FIELDS = ['name', 'description', 'category', 'imageUrl', 'priceCents'] as const satisfies readonly (keyof SeedProduct)[];
type Descriptive = Pick<SeedProduct, (typeof DESCRIPTIVE_FIELDS)[number]>;

function descriptiveOf(product: SeedProduct): Descriptive {
  const { name, description, category, imageUrl, priceCents } = product;
  return { name, description, category, imageUrl, priceCents };
}

/** How many products were created, and how many existing ones had their descriptive fields brought in line. */
export interface SeedResult {
  created: number;
  updated: number;
}

export async function seed(db: Db): Promise<SeedResult> {
  let created = 0;
  let updated = 0;
  for (const product of catalog) {
    const existing = await db.product.findUnique({ where: { id: product.id }, select: { name: true, description: true, category: true, imageUrl: true, priceCents: true } });
    if (!existing) {
      await db.product.create({ data: { ...product, currency: 'USD' } });
      created++;
      continue;
    }
    const wanted = descriptiveOf(product);
    if (DESCRIPTIVE_FIELDS.every((field) => existing[field] === wanted[field])) continue;
    await db.product.update({ where: { id: product.id }, data: wanted });
    updated++;
  }
  return { created, updated };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const url = resolveDatabaseUrl();
  const db = createDb(url);
  try {
    const { created, updated } = await seed(db);
    console.log(`Seeded ${redactDatabaseUrl(url)}: ${created} new and ${updated} updated of ${catalog.length} products.`);
  } finally {
    await db.$disconnect();
  }
}
