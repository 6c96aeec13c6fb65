// The driver adapter workarounds, each against a real database, without the CLI in between.

import { describe, expect, it, type TestContext } from 'vitest';
import type { Result } from '@prisma/driver-adapter-utils';
import { type AdapterObserver, createAdapterFactory } from './adapters.mjs';
import { resetSqliteDatabase } from './sqlite.mjs';
import { startSchemaEngine } from './wasm.mjs';
import { createTestDatabase, migrationsList, postgresDatabaseNames, PROVIDERS, type Provider } from './test-utils/test-databases';
import { testSchema } from './test-utils/test-processes';

const TIMEOUT = 30_000;
const NO_FILTERS = { externalTables: [], externalEnums: [] };
const sql = (text: string) => ({ sql: text, args: [], argTypes: [] });

/** A database for one test, dropped when it ends, with an adapter factory on it. */
async function setup(provider: Provider, onTestFinished: TestContext['onTestFinished'], observer: AdapterObserver = {}) {
  const db = await createTestDatabase(provider);
  await db.create();
  const adapters = createAdapterFactory({ url: db.url }, observer);
  onTestFinished(async () => {
    await adapters.disposeAll();
    await db.dispose();
  });
  return { db, adapters, factory: adapters.factory };
}

/** The bound factory and adapters answer `{ ok, value | error }`; tests mostly want the value. */
function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`adapter call failed: ${JSON.stringify(result.error)}`);
  return result.value;
}

describe('postgres adapter workarounds', { timeout: TIMEOUT, concurrent: true }, () => {
  it('1. executeScript runs a script with a `$$` function body whole, as one transaction', async ({ onTestFinished }) => {
    const { db, factory } = await setup('postgresql', onTestFinished);
    const adapter = unwrap(await factory.connect());

    unwrap(
      await adapter.executeScript(`
        CREATE TABLE note (body text);
        CREATE FUNCTION shout() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.body := upper(NEW.body); -- a ";" inside the body is what adapter-pg cut apart
          RETURN NEW;
        END;
        $$;
        CREATE TRIGGER note_shout BEFORE INSERT ON note FOR EACH ROW EXECUTE FUNCTION shout();
        INSERT INTO note VALUES ('quiet');`),
    );
    const failed = await adapter.executeScript('CREATE TABLE half_done (id int); SELECT * FROM missing_table;');

    expect(await db.query('SELECT body FROM note')).toEqual([{ body: 'QUIET' }]);
    // The failure carries the SQL state, and the statement before it was rolled back with it.
    expect(failed).toMatchObject({ ok: false, error: { originalCode: '42P01' } });
    expect(await db.query("SELECT to_regclass('half_done') AS t")).toEqual([{ t: null }]);
  });

  it('2. columns of type "char" (oid 18) come back as text', async ({ onTestFinished }) => {
    const { factory } = await setup('postgresql', onTestFinished);
    const adapter = unwrap(await factory.connect());

    // The kind of catalog read the engine does when it describes functions and constraints.
    const result = unwrap(await adapter.queryRaw(sql(`SELECT 'f'::"char" AS kind, 'v'::"char" AS volatility`)));

    expect(result.columnNames).toEqual(['kind', 'volatility']);
    expect(result.columnTypes).toEqual([7, 7]); // ColumnTypeEnum.Text
    expect(result.rows).toEqual([['f', 'v']]);
  });

  it('3. the shadow database is a new database, dropped after its pool is closed', async ({ onTestFinished }) => {
    const { db, factory } = await setup('postgresql', onTestFinished);
    const main = unwrap(await factory.connect());
    unwrap(await main.executeScript('CREATE TABLE kept (id int); INSERT INTO kept VALUES (1);'));

    const shadow = unwrap(await factory.connectToShadowDb());
    const shadowName = String(unwrap(await shadow.queryRaw(sql('SELECT current_database()'))).rows[0]?.[0]);
    // Replaying migrations there must not touch the main database.
    unwrap(await shadow.executeScript('CREATE TABLE kept (id int); CREATE TABLE only_in_shadow (id int);'));
    const existedWhileOpen = (await postgresDatabaseNames()).includes(shadowName);
    unwrap(await shadow.dispose());

    expect(shadowName).toMatch(/^prisma_migrate_shadow_db_[0-9a-f-]{36}$/);
    expect(shadowName).not.toBe(new URL(db.url).pathname.slice(1));
    expect(existedWhileOpen).toBe(true);
    expect(await postgresDatabaseNames()).not.toContain(shadowName);
    expect(await db.query('SELECT id FROM kept')).toEqual([{ id: 1 }]);
    expect(await db.query("SELECT to_regclass('only_in_shadow') AS t")).toEqual([{ t: null }]);
  });

  it('3b. a configured shadowDatabaseUrl is reset before use, and may not be the main database', async ({ onTestFinished }) => {
    const { db } = await setup('postgresql', onTestFinished);
    const shadowDb = await createTestDatabase('postgresql');
    await shadowDb.create();
    onTestFinished(() => shadowDb.dispose());
    await shadowDb.execute('CREATE TABLE leftover (id int)');

    const configured = createAdapterFactory({ url: db.url, shadowDatabaseUrl: shadowDb.url });
    const sameAsMain = createAdapterFactory({ url: db.url, shadowDatabaseUrl: db.url });
    onTestFinished(() => configured.disposeAll());
    const shadow = unwrap(await configured.factory.connectToShadowDb());
    const tables = unwrap(await shadow.queryRaw(sql("SELECT to_regclass('leftover')::text AS t"))).rows;
    const refused = await sameAsMain.factory.connectToShadowDb();

    expect(tables).toEqual([[null]]);
    expect(refused.ok).toBe(false);
    expect(await shadowDb.exists()).toBe(true);
  });
});

describe('postgres adapter', { timeout: TIMEOUT }, () => {
  it('honours `?schema=` in the URL: unqualified SQL lands in that schema, as with the native engine', async ({ onTestFinished }) => {
    const db = await createTestDatabase('postgresql');
    await db.create();
    await db.execute('CREATE SCHEMA app');
    const adapters = createAdapterFactory({ url: `${db.url}?schema=app` });
    onTestFinished(async () => {
      await adapters.disposeAll();
      await db.dispose();
    });
    const adapter = unwrap(await adapters.factory.connect());

    unwrap(await adapter.executeScript('CREATE TABLE placed (id int);'));

    expect(await db.query("SELECT schemaname FROM pg_tables WHERE tablename = 'placed'")).toEqual([{ schemaname: 'app' }]);
    expect(adapter.getConnectionInfo?.()).toMatchObject({ ok: true, value: { schemaName: 'app' } });
  });
});

describe('sqlite adapter workarounds', { timeout: TIMEOUT, concurrent: true }, () => {
  it('4. the shadow database runs a multi-statement executeRaw as a script', async ({ onTestFinished }) => {
    const { factory } = await setup('sqlite', onTestFinished);
    const shadow = unwrap(await factory.connectToShadowDb());

    // How the engine replays each migration.sql on the shadow database.
    const replayed = await shadow.executeRaw(sql('CREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER);\nINSERT INTO a VALUES (1);'));
    const tables = unwrap(await shadow.queryRaw(sql("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"))).rows;
    const broken = await shadow.executeRaw(sql('CREATE TABLE c (id INTEGER); INSERT INTO missing VALUES (1);'));

    expect(replayed.ok).toBe(true);
    expect(tables).toEqual([['a'], ['b']]);
    // Other errors still fail.
    expect(broken.ok).toBe(false);
  });

  it('reads a missing `_prisma_migrations` as an empty table, and says so', async ({ onTestFinished }) => {
    const seen: string[] = [];
    const { factory } = await setup('sqlite', onTestFinished, { onMissingMigrationsTable: () => seen.push('missing') });
    const adapter = unwrap(await factory.connect());

    const migrations = unwrap(await adapter.queryRaw(sql('SELECT id, checksum FROM `_prisma_migrations` ORDER BY `started_at` ASC')));
    const otherTable = await adapter.queryRaw(sql('SELECT id FROM missing_table'));

    expect(migrations.rows).toEqual([]);
    expect(seen).toEqual(['missing']);
    expect(otherTable.ok).toBe(false);
  });

  it('reset empties the file, like the native engine (the WASM build only deletes rows)', async ({ onTestFinished }) => {
    const { db, adapters, factory } = await setup('sqlite', onTestFinished);
    const adapter = unwrap(await factory.connect());
    unwrap(await adapter.executeScript('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT); INSERT INTO t DEFAULT VALUES;'));

    await resetSqliteDatabase(adapters.main, db.url.slice('file:'.length));

    // Not even `sqlite_sequence` is left, which no DROP could remove.
    expect(await db.query('SELECT name FROM sqlite_master')).toEqual([]);
  });
});

describe.each(PROVIDERS)('engine over the %s adapter', { timeout: TIMEOUT, concurrent: true }, (provider) => {
  it('after engine.free(), disposing the adapters releases the database', async ({ onTestFinished }) => {
    const { db, adapters } = await setup(provider, onTestFinished);
    const engine = await startSchemaEngine({
      datamodels: [['schema.prisma', testSchema(provider)]],
      adapterFactory: adapters.factory,
      onLog: () => {},
    });
    // Applying takes SQLite's exclusive lock, which the engine keeps.
    await engine.applyMigrations({
      migrationsList: migrationsList('/nowhere', [{ path: '20240101000000_init', sql: 'CREATE TABLE t (id INTEGER);' }]),
      filters: NO_FILTERS,
    });

    engine.free();
    await adapters.disposeAll();

    // Another connection can write (SQLite), and nothing holds a session (Postgres).
    await db.execute('INSERT INTO t VALUES (1)');
    expect(await db.query('SELECT id FROM t')).toEqual([{ id: 1 }]);
    if (provider === 'postgresql') {
      const sessions = await db.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
      );
      expect(Number(sessions[0]?.n)).toBe(0);
    }
  });
});
