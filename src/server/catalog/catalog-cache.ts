import type { Db } from '../db/create-db';

/**
 * An in-process cache of the catalog with a short TTL. Writers that change stock call
 * `invalidate()`, so this instance never shows stale stock after its own writes; other instances
 * catch up within the TTL.
 */
export function createCatalogCache<T>(ttlMs: number, now: () => number = Date.now) {
  let entry: { value: Promise<T>; expiresAt: number } | null = null;
  return {
    get(load: () => Promise<T>): Promise<T> {
      if (entry && entry.expiresAt > now()) return entry.value;
      const value = load();
      entry = { value, expiresAt: now() + ttlMs };
      value.catch(() => (entry = null)); // never cache a failure
      return value;
    },
    invalidate(): void {
      entry = null;
    },
  };
}

const PRODUCT_FIELDS = { id: true, sku: true, name: true, description: true, priceCents: true, currency: true, stock: true, imageUrl: true } as const;

/** How long one instance serves the catalog from memory. */
const CATALOG_TTL_MS = 2_000;

type CatalogDb = Db;
// On `globalThis`: Next.js bundles the API route and the pages separately; an order placed through
// the API must invalidate the copy the pages read too.
const globalForCache = globalThis as unknown as { idemCatalogCaches?: WeakMap<CatalogDb, ReturnType<typeof createCatalogCache<unknown>>> };
const caches = (globalForCache.idemCatalogCaches ??= new WeakMap());

function cacheOf(db: CatalogDb) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = createCatalogCache<unknown>(CATALOG_TTL_MS)));
  return cache;
}

/** Every product, cheapest first, with its stock — from this instance's cache when fresh. */
export function listProducts(db: CatalogDb) {
  const load = () => db.product.findMany({ orderBy: [{ priceCents: 'asc' }, { name: 'asc' }], select: PRODUCT_FIELDS });
  return cacheOf(db).get(load) as ReturnType<typeof load>;
}

export function findProduct(db: CatalogDb, id: string) {
  return db.product.findUnique({ where: { id }, select: PRODUCT_FIELDS });
}

/** Call after any write that changes stock. */
export function invalidateCatalog(db: CatalogDb): void {
  caches.get(db)?.invalidate();
}
