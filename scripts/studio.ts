/**
 * `npm run db:studio`: Prisma Studio on the current database (DATABASE_URL, else .data/idem.db).
 * Studio accepts SQLite only as a `file://` URL with an absolute path, so the URL is spelled so.
 */
import { spawn } from 'node:child_process';
import { providerOf, resolveDatabaseUrl } from '../src/server/db/database-url';

const url = resolveDatabaseUrl();
const studioUrl = providerOf(url) === 'sqlite' ? `file://${url.slice('file:'.length)}` : url;
const port = process.env.STUDIO_PORT ?? '5555';

const studio = spawn('node_modules/.bin/prisma', ['studio', '--port', port, '--browser', 'none', '--url', studioUrl], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => studio.kill(signal));
studio.on('exit', (code) => process.exit(code ?? 1));
