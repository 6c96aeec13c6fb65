/**
 * The server the browser tests run against: a fresh SQLite database at DATABASE_URL (under
 * .data/e2e/, so every run starts from the seeded catalog), then exactly what `npm start` does —
 * build what is missing, migrate and seed, `next start` on PORT.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { readServerEnv } from '../src/server/env';

const url = readServerEnv().DATABASE_URL ?? '';
const file = url.startsWith('file:') ? path.resolve(url.slice('file:'.length)) : '';
if (!file.startsWith(path.resolve('.data', 'e2e') + path.sep)) {
  throw new Error(`e2e-server deletes its database first, so DATABASE_URL must be a file under .data/e2e/ (got "${url}").`);
}
rmSync(path.dirname(file), { recursive: true, force: true });

await import('./start');
