import path from 'node:path';
import { readServerEnv } from '../env';

/** The database engines Idem runs on. SQLite is the embedded default, PostgreSQL the production engine. */
export type DatabaseProvider = 'sqlite' | 'postgresql';

/** Thrown when `DATABASE_URL` names an engine Idem does not support. */
export class UnsupportedDatabaseUrlError extends Error {
  override readonly name = 'UnsupportedDatabaseUrlError' as const;
  constructor(url: string) {
    super(
      `Unsupported DATABASE_URL "${redactDatabaseUrl(url)}": use file:/absolute/path.db (SQLite) or postgresql://… (PostgreSQL)`,
    );
  }
}

/** The SQLite file used when `DATABASE_URL` is unset: `.data/idem.db` under the working directory. */
export function defaultDatabaseUrl(cwd: string = process.cwd()): string {
  return `file:${path.resolve(cwd, '.data', 'idem.db')}`;
}

/**
 * `DATABASE_URL` when set, else the default SQLite file. A relative `file:` path is made absolute
 * against `cwd`, because the Prisma CLI resolves relative paths from its config folder and the app
 * from its working directory — the two would otherwise open different files.
 */
export function resolveDatabaseUrl(env: { DATABASE_URL?: string } = readServerEnv(), cwd: string = process.cwd()): string {
  const url = env.DATABASE_URL?.trim();
  if (!url) return defaultDatabaseUrl(cwd);
  if (url.startsWith('file:')) {
    const filePath = url.slice('file:'.length).replace(/^\/\//, '');
    return `file:${path.resolve(cwd, filePath)}`;
  }
  return url;
}

/** Which engine a URL points at, by scheme. */
export function providerOf(url: string): DatabaseProvider {
  if (url.startsWith('file:')) return 'sqlite';
  if (url.startsWith('postgresql://') || url.startsWith('postgres://')) return 'postgresql';
  throw new UnsupportedDatabaseUrlError(url);
}

/** The URL with its password replaced, for logs and error messages. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}
