// The unchanged Prisma CLI, with the stand-in as its schema engine, on both databases: each test a
// user workflow in a throwaway project of its own, asserted on the CLI's output and the database.

import { describe, expect, it, type TestContext } from 'vitest';
import { migrationRows, postgresDatabaseNames, PROVIDERS, type Provider, sha256 } from './test-utils/test-databases';
import { CLI_TIMEOUT, createTestProject, testSchema } from './test-utils/test-processes';

const project = async (provider: Provider, onTestFinished: TestContext['onTestFinished']) => {
  const created = await createTestProject(provider);
  onTestFinished(() => created.dispose());
  return created;
};

/** The engine's log (which DEBUG shows) names each shadow database it creates: none may be left behind. */
async function expectShadowDatabasesDropped(stderr: string) {
  const shadows = [...stderr.matchAll(/"Created the shadow database","database":"([\w-]+)"/g)].map((match) => match[1]);
  expect(shadows.length).toBeGreaterThan(0);
  const databases = await postgresDatabaseNames();
  for (const shadow of shadows) expect(databases).not.toContain(shadow);
}

describe.each(PROVIDERS)('prisma CLI on %s', { timeout: CLI_TIMEOUT * 4, concurrent: true }, (provider) => {
  it('migrate dev creates and applies a migration, status is up to date, a second one replays history on a shadow database', async ({
    onTestFinished,
  }) => {
    const p = await project(provider, onTestFinished);

    const first = await p.prisma(['migrate', 'dev', '--name', 'init']);
    expect(first.output).toContain('Your database is now in sync with your schema.');
    const [init] = await p.migrations();
    expect(init).toMatch(/^\d{14}_init$/);
    expect(await p.readMigration(init!)).toContain('CREATE TABLE "Author"');

    const status = await p.prisma(['migrate', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Database schema is up to date!');

    // The second migrate dev replays `init` (several statements) on a shadow database: in memory
    // for SQLite (workaround 4), a database of its own on Postgres (workaround 3). Main data stays.
    await p.db.execute(`INSERT INTO "Author" ("name") VALUES ('kept')`);
    await p.writeSchema(testSchema(provider, 'model Shelf {\n  id   Int    @id @default(autoincrement())\n  name String\n}\n'));
    const second = await p.prisma(['migrate', 'dev', '--name', 'shelf'], { DEBUG: 'prisma:schemaEngine:stderr' });

    expect(second.code).toBe(0);
    expect(second.output).toContain('Your database is now in sync with your schema.');
    expect(await p.migrations()).toEqual([init, expect.stringMatching(/^\d{14}_shelf$/)]);
    expect(await p.db.query(`SELECT "name" FROM "Author"`)).toEqual([{ name: 'kept' }]);
    // Rows like the native engine's: one per migration, checksum = sha256 of migration.sql.
    const rows = await migrationRows(p.db);
    expect(rows.map((row) => row.migration_name)).toEqual(await p.migrations());
    for (const row of rows) {
      expect(row).toMatchObject({ finished: true, rolled_back: false, applied_steps_count: 1 });
      expect(row.checksum).toBe(sha256(await p.readMigration(row.migration_name)));
    }
    if (provider === 'postgresql') await expectShadowDatabasesDropped(second.stderr);
  });

  it('migrate dev on a new database applies the pending migration, then creates and applies one for the schema changes', async ({
    onTestFinished,
  }) => {
    // Regression: the WASM engine then missed the schema of the migrations folder in its cache and
    // failed with "… shadow DB must be provided through an external factory" (see methods.mjs).
    const p = await project(provider, onTestFinished);
    const init = (await p.prisma(['migrate', 'diff', '--from-empty', '--to-schema', 'schema.prisma', '--script'])).stdout;
    await p.writeMigration('20240101000000_init', init);
    await p.writeSchema(testSchema(provider, 'model Shelf {\n  id   Int    @id @default(autoincrement())\n  name String\n}\n'));

    const dev = await p.prisma(['migrate', 'dev', '--name', 'second'], { DEBUG: 'prisma:schemaEngine:stderr' });

    expect(dev.code, dev.output).toBe(0);
    expect(dev.stdout).toContain('The following migration(s) have been applied:');
    expect(dev.stdout).toContain('Your database is now in sync with your schema.');
    const migrations = await p.migrations();
    expect(migrations).toEqual(['20240101000000_init', expect.stringMatching(/^\d{14}_second$/)]);
    const second = await p.readMigration(migrations[1]!);
    expect(second).toContain('CREATE TABLE "Shelf"');
    expect(second).not.toContain('CREATE TABLE "Author"');
    expect((await migrationRows(p.db)).map((row) => [row.migration_name, row.finished])).toEqual(migrations.map((name) => [name, true]));
    const status = await p.prisma(['migrate', 'status']);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Database schema is up to date!');
    if (provider === 'postgresql') await expectShadowDatabasesDropped(dev.stderr);
  });

  it('a failed migration is reported as P3018 and recorded unfinished; resolve --rolled-back, fix, deploy', async ({ onTestFinished }) => {
    const p = await project(provider, onTestFinished);
    const init = 'CREATE TABLE "Note" ("id" INTEGER NOT NULL PRIMARY KEY, "body" TEXT NOT NULL);\n';
    const broken = 'INSERT INTO "missing_table" ("id") VALUES (1);\nCREATE TABLE "Tag" ("id" INTEGER NOT NULL PRIMARY KEY);\n';
    const fixed = 'CREATE TABLE "Tag" ("id" INTEGER NOT NULL PRIMARY KEY);\n';
    await p.writeMigration('20240101000000_init', init);
    await p.writeMigration('20240102000000_tags', broken);

    const failed = await p.prisma(['migrate', 'deploy']);

    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain('P3018');
    expect(failed.stderr).toContain('A migration failed to apply. New migrations cannot be applied before the error is recovered from.');
    expect(failed.stderr).toContain('Migration name: 20240102000000_tags');
    expect(failed.stderr).toContain(`Database error code: ${provider === 'sqlite' ? '1' : '42P01'}`);
    expect(failed.stderr).toMatch(/Database error:\n.*missing_table/);
    expect(await migrationRows(p.db)).toEqual([
      { migration_name: '20240101000000_init', checksum: sha256(init), finished: true, rolled_back: false, applied_steps_count: 1 },
      { migration_name: '20240102000000_tags', checksum: sha256(broken), finished: false, rolled_back: false, applied_steps_count: 0 },
    ]);

    const resolved = await p.prisma(['migrate', 'resolve', '--rolled-back', '20240102000000_tags']);
    expect(resolved.stdout).toContain('Migration 20240102000000_tags marked as rolled back.');
    await p.writeMigration('20240102000000_tags', fixed);
    const deployed = await p.prisma(['migrate', 'deploy']);
    const status = await p.prisma(['migrate', 'status']);

    expect(deployed.code).toBe(0);
    expect(deployed.stdout).toContain('All migrations have been successfully applied.');
    expect(status.stdout).toContain('Database schema is up to date!');
    expect(await migrationRows(p.db)).toEqual([
      { migration_name: '20240101000000_init', checksum: sha256(init), finished: true, rolled_back: false, applied_steps_count: 1 },
      { migration_name: '20240102000000_tags', checksum: sha256(broken), finished: false, rolled_back: true, applied_steps_count: 0 },
      { migration_name: '20240102000000_tags', checksum: sha256(fixed), finished: true, rolled_back: false, applied_steps_count: 1 },
    ]);
  });

  it('migrate reset --force empties the database and re-applies; resolve --applied records without running', async ({ onTestFinished }) => {
    const p = await project(provider, onTestFinished);
    await p.writeMigration('20240101000000_init', 'CREATE TABLE "Note" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
    expect((await p.prisma(['migrate', 'deploy'])).code).toBe(0);
    await p.db.execute(`INSERT INTO "Note" ("id") VALUES (1); CREATE TABLE "stray" ("id" INTEGER);`);

    const reset = await p.prisma(['migrate', 'reset', '--force']);

    expect(reset.code).toBe(0);
    expect(reset.output).toContain('Database reset successful');
    expect(await p.db.query(`SELECT "id" FROM "Note"`)).toEqual([]);
    await expect(p.db.query(`SELECT * FROM "stray"`)).rejects.toThrow(/stray/);

    await p.writeMigration('20240102000000_hotfix', 'CREATE TABLE "Hotfix" ("id" INTEGER);\n');
    const resolved = await p.prisma(['migrate', 'resolve', '--applied', '20240102000000_hotfix']);

    expect(resolved.stdout).toContain('Migration 20240102000000_hotfix marked as applied.');
    expect((await migrationRows(p.db)).map((row) => [row.migration_name, row.finished, row.applied_steps_count])).toEqual([
      ['20240101000000_init', true, 1],
      ['20240102000000_hotfix', true, 0],
    ]);
    await expect(p.db.query(`SELECT * FROM "Hotfix"`)).rejects.toThrow(/Hotfix/);
  });

  it('migrate diff prints the script; db push creates the schema; db execute runs a script', async ({ onTestFinished }) => {
    const p = await project(provider, onTestFinished);

    const [diff, push] = await Promise.all([
      p.prisma(['migrate', 'diff', '--from-empty', '--to-schema', 'schema.prisma', '--script']),
      p.prisma(['db', 'push']),
    ]);
    await p.writeFile('seed.sql', `INSERT INTO "Author" ("name") VALUES ('a');\nINSERT INTO "Author" ("name") VALUES ('b');\n`);
    const execute = await p.prisma(['db', 'execute', '--file', 'seed.sql']);

    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('-- CreateTable\nCREATE TABLE "Author"');
    expect(diff.stdout).toContain('CREATE TABLE "Book"');
    if (provider === 'postgresql') expect(diff.stdout).toContain(`CREATE TYPE "Role" AS ENUM ('WRITER', 'EDITOR');`);
    expect(push.code).toBe(0);
    expect(push.stdout).toMatch(/in sync with your Prisma schema/);
    expect(execute.stdout).toContain('Script executed successfully.');
    expect(await p.db.query(`SELECT "name" FROM "Author" ORDER BY "name"`)).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('validate and generate run with the stand-in in place of the downloaded binary', async ({ onTestFinished }) => {
    const p = await project(provider, onTestFinished);

    const [validate, generate] = await Promise.all([p.prisma(['validate']), p.prisma(['generate'])]);

    expect(validate.code).toBe(0);
    expect(validate.stdout).toContain('is valid');
    expect(generate.code).toBe(0);
    expect(generate.stdout).toContain('Generated Prisma Client');
  });
});

describe('prisma CLI on postgresql: scripts and catalog reads', { timeout: CLI_TIMEOUT * 2 }, () => {
  it('deploys a migration with a `$$` function body (workaround 1), then diffs a database holding it (workaround 2)', async ({
    onTestFinished,
  }) => {
    const p = await project('postgresql', onTestFinished);
    const init = (await p.prisma(['migrate', 'diff', '--from-empty', '--to-schema', 'schema.prisma', '--script'])).stdout;
    await p.writeMigration('20240101000000_init', init);
    await p.writeMigration(
      '20240102000000_trigger',
      `CREATE FUNCTION "title_case"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."title" := initcap(NEW."title");
  RETURN NEW;
END;
$$;
CREATE TRIGGER "book_title_case" BEFORE INSERT ON "Book" FOR EACH ROW EXECUTE FUNCTION "title_case"();
`,
    );

    const deploy = await p.prisma(['migrate', 'deploy']);
    // Describing the database reads pg_proc and pg_constraint columns of type "char".
    const diff = await p.prisma(['migrate', 'diff', '--from-config-datasource', '--to-schema', 'schema.prisma', '--script']);

    expect(deploy.code).toBe(0);
    await p.db.execute(`INSERT INTO "Author" ("name") VALUES ('x'); INSERT INTO "Book" ("title", "authorId") VALUES ('the long way', 1);`);
    expect(await p.db.query(`SELECT "title" FROM "Book"`)).toEqual([{ title: 'The Long Way' }]);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toContain('-- This is an empty migration.');
  });
});

describe('prisma version', { timeout: CLI_TIMEOUT }, () => {
  it('names the stand-in as the schema engine', async ({ onTestFinished }) => {
    const p = await project('sqlite', onTestFinished);

    const version = await p.prisma(['version']);

    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/Schema Engine\s+: schema-engine-cli [0-9a-f]{40} \(at .*schema-engine\.mjs, resolved by PRISMA_SCHEMA_ENGINE_BINARY\)/);
  });
});
