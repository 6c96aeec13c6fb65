import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDatabaseUrl, providerOf, redactDatabaseUrl, resolveDatabaseUrl, UnsupportedDatabaseUrlError } from './database-url';

describe('resolveDatabaseUrl', () => {
  it('defaults to an absolute SQLite file under .data/', () => {
    expect(resolveDatabaseUrl({}, '/srv/app')).toBe('file:/srv/app/.data/idem.db');
    expect(defaultDatabaseUrl('/srv/app')).toBe('file:/srv/app/.data/idem.db');
  });
  it('makes a relative file: URL absolute against the working directory', () => {
    expect(resolveDatabaseUrl({ DATABASE_URL: 'file:./dev.db' }, '/srv/app')).toBe(`file:${path.resolve('/srv/app', 'dev.db')}`);
  });
  it('keeps an absolute file: URL, with or without //', () => {
    expect(resolveDatabaseUrl({ DATABASE_URL: 'file:/tmp/x.db' }, '/srv/app')).toBe('file:/tmp/x.db');
    expect(resolveDatabaseUrl({ DATABASE_URL: 'file:///tmp/x.db' }, '/srv/app')).toBe('file:/tmp/x.db');
  });
  it('passes a PostgreSQL URL through and treats a blank variable as unset', () => {
    expect(resolveDatabaseUrl({ DATABASE_URL: 'postgresql://u@h/db' })).toBe('postgresql://u@h/db');
    expect(resolveDatabaseUrl({ DATABASE_URL: '  ' }, '/srv/app')).toBe('file:/srv/app/.data/idem.db');
  });
});

describe('providerOf', () => {
  it('picks the engine by URL scheme', () => {
    expect(providerOf('file:/tmp/x.db')).toBe('sqlite');
    expect(providerOf('postgresql://h/db')).toBe('postgresql');
    expect(providerOf('postgres://h/db')).toBe('postgresql');
  });
  it('rejects other engines with a clear error that hides the password', () => {
    expect(() => providerOf('mysql://root:hunter2@h/db')).toThrow(UnsupportedDatabaseUrlError);
    expect(() => providerOf('mysql://root:hunter2@h/db')).toThrow(/mysql:\/\/root:\*\*\*@h\/db/);
  });
});

describe('redactDatabaseUrl', () => {
  it('replaces the password only', () => {
    expect(redactDatabaseUrl('postgresql://app:s3cret@db:5432/shop')).toBe('postgresql://app:***@db:5432/shop');
    expect(redactDatabaseUrl('postgresql://app@db/shop')).toBe('postgresql://app@db/shop');
  });
});
