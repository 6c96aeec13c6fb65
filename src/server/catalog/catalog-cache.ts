import type { Db } from '../db/create-db';
import { readServerEnv } from '../env';
import { logger } from '../observability/logger';
import { metrics } from '../observability/metrics';

/** A catalog read: the value, and how old it is when it is the last good copy rather than a fresh read. */
export type CatalogRead<T> = { value: T; stale: false } | { value: T; stale: true; ageMs: number };

export interface CatalogCacheOptions {
  /** @default Date.now */
  now?: () => number;
  /**
   * How long a read may wait for the database before the last good copy is served, marked stale;
   * the read goes on and refreshes the cache when it answers (CATALOG_STALE_AFTER_MS).
   * @default 1_000
   */
  staleAfterMs?: number;
}

/**
 * An in-process cache of the catalog with a short TTL. Writers that change stock call
 * `invalidate()`, so this instance never shows stale stock after its own writes while the database
 * answers; other instances catch up within the TTL. When the database is down or slower than
 * `staleAfterMs`, the last good copy is served instead, marked stale — a shop window with
 * yesterday's stock beats a blank page (checkout still checks stock in the database).
 */
export function createCatalogCache<T>(ttlMs: number, { now = Date.now, staleAfterMs = 1_000 }: CatalogCacheOptions = {}) {
  let fresh: { value: Promise<T>; expiresAt: number } | null = null;
  let lastGood: { value: T; at: number } | null = null;
  const staleRead = (good: { value: T; at: number }): CatalogRead<T> => ({ value: good.value, stale: true, ageMs: now() - good.at });
  return {
    async get(load: () => Promise<T>): Promise<CatalogRead<T>> {
      if (!fresh || fresh.expiresAt <= now()) {
        const value = load();
        const entry = (fresh = { value, expiresAt: now() + ttlMs });
        value.then(
          (loaded) => (lastGood = { value: loaded, at: now() }),
          () => fresh === entry && (fresh = null), // never cache a failure
        );
      }
      const pending = fresh.value;
      const good = lastGood;
      if (!good) return { value: await pending, stale: false };
      let timer: NodeJS.Timeout | undefined;
      const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), staleAfterMs)));
      try {
        const read = await Promise.race([pending.then((value) => ({ value })), slow]);
        return read === 'slow' ? staleRead(good) : { value: read.value, stale: false };
      } catch {
        return staleRead(good);
      } finally {
        clearTimeout(timer);
      }
    },
    /** The last good copy, if any (for a single product while the database is away). */
    lastGood(): CatalogRead<T> | null {
      return lastGood && staleRead(lastGood);
    },
    invalidate(): void {
      fresh = null;
    },
  };
}

const PRODUCT_FIELDS = { id: true, sku: true, name: true, description: true, category: true, priceCents: true, currency: true, stock: true, imageUrl: true } as const;

/** How long one instance serves the catalog from memory. */
const CATALOG_TTL_MS = 2_000;

type CatalogDb = Db;
type Product = Awaited<ReturnType<typeof loadProducts>>[number];
const loadProducts = (db: CatalogDb) => db.product.findMany({ orderBy: [{ priceCents: 'asc' }, { name: 'asc' }], select: PRODUCT_FIELDS });

// On `globalThis`: Next.js bundles the API route and the pages separately; an order placed through
// the API must invalidate the copy the pages read too.
const globalForCache = globalThis as unknown as { idemCatalogCaches?: WeakMap<CatalogDb, ReturnType<typeof createCatalogCache<Product[]>>> };
const caches = (globalForCache.idemCatalogCaches ??= new WeakMap());

function cacheOf(db: CatalogDb) {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = createCatalogCache<Product[]>(CATALOG_TTL_MS, { staleAfterMs: readServerEnv().CATALOG_STALE_AFTER_MS })));
  return cache;
}

function noteStale(read: CatalogRead<unknown>, what: string): void {
  if (!read.stale) return;
  metrics.catalogStaleServed.inc();
  logger.warn({ event: 'catalog_stale', ageMs: read.ageMs, what }, 'the database is slow or down: serving the last good catalog, marked stale');
}

/** Every product, cheapest first, with its stock — from this instance's cache when fresh, its last good copy when the database is away. */
export async function readCatalog(db: CatalogDb): Promise<CatalogRead<Product[]>> {
  const read = await cacheOf(db).get(() => loadProducts(db));
  noteStale(read, 'list');
  return read;
}

/** Every product, cheapest first (see `readCatalog`). */
export async function listProducts(db: CatalogDb): Promise<Product[]> {
  return (await readCatalog(db)).value;
}

/**
 * One product, read from the database; when the database is down or slow (past
 * CATALOG_STALE_AFTER_MS) and the product is in the last good catalog, that copy, marked stale.
 */
export async function readProduct(db: CatalogDb, id: string): Promise<CatalogRead<Product | null>> {
  const load = db.product.findUnique({ where: { id }, select: PRODUCT_FIELDS });
  const fallback = () => {
    const good = cacheOf(db).lastGood();
    const product = good?.value.find((p) => p.id === id);
    return good?.stale && product ? { ...good, value: product } : null;
  };
  let timer: NodeJS.Timeout | undefined;
  const slow = new Promise<'slow'>((resolve) => (timer = setTimeout(() => resolve('slow'), readServerEnv().CATALOG_STALE_AFTER_MS)));
  try {
    const product = await Promise.race([load, slow]);
    if (product !== 'slow') return { value: product, stale: false };
    const stale = fallback();
    if (stale) return (noteStale(stale, 'byId'), stale);
    return { value: await load, stale: false };
  } catch (error) {
    const stale = fallback();
    if (stale) return (noteStale(stale, 'byId'), stale);
    throw error;
  } finally {
    clearTimeout(timer);
    load.catch(() => undefined); // a slow read that fails later is no unhandled rejection
  }
}

export async function findProduct(db: CatalogDb, id: string) {
  return (await readProduct(db, id)).value;
}

/** Call after any write that changes stock. */
export function invalidateCatalog(db: CatalogDb): void {
  caches.get(db)?.invalidate();
}
