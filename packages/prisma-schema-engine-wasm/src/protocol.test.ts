// The stand-in spoken to directly, the way the Prisma CLI speaks to the native binary: `--version`,
// JSON-RPC on stdio with log lines on stderr, and the one-shot `cli` subcommands.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchemaEngineWasm } from './wasm.mjs';
import { createTestDatabase, migrationsList, PROVIDERS, postgresServerUrl, type TestDatabase } from './test-utils/test-databases';
import { type EngineProcess, logLines, runEngine, spawnEngine, testSchema } from './test-utils/test-processes';

const TIMEOUT = 30_000;
const NO_FILTERS = { externalTables: [], externalEnums: [] };

describe('schema-engine --version', () => {
  it('prints `schema-engine-cli <hash>` like the binary, the hash being the WASM build it runs', async () => {
    const { code, stdout } = await runEngine(['--version']);

    expect(code).toBe(0);
    expect(stdout).toBe(`schema-engine-cli ${(await loadSchemaEngineWasm()).version()}\n`);
    expect(stdout).toMatch(/^schema-engine-cli [0-9a-f]{40}\n$/);
  });
});

describe.each(PROVIDERS)('schema engine protocol on %s', { timeout: TIMEOUT, concurrent: true }, (provider) => {
  // One engine for these, spawned as the CLI does: schema files and datasource on argv. Its requests
  // run in order, as the CLI sends them.
  describe('over one JSON-RPC session', { concurrent: false }, () => {
    let db: TestDatabase;
    let engine: EngineProcess;
    let schemaDir: string;

    beforeAll(async () => {
      db = await createTestDatabase(provider);
      await db.create();
      schemaDir = await mkdtemp(path.join(tmpdir(), 'idem-engine-schema-'));
      const schemaPath = path.join(schemaDir, 'schema.prisma');
      await writeFile(schemaPath, testSchema(provider));
      engine = spawnEngine(['--datamodels', schemaPath, '--datasource', JSON.stringify({ url: db.url })]);
    }, TIMEOUT);

    afterAll(async () => {
      await engine?.close();
      await db?.dispose();
      await rm(schemaDir, { recursive: true, force: true });
    });

    it('answers JSON-RPC requests, one line each, and logs JSON lines on stderr', async () => {
      const [connection, version] = await Promise.all([
        engine.request('ensureConnectionValidity', { datasource: { tag: 'ConnectionString', url: db.url } }),
        engine.request('getDatabaseVersion'),
      ]);

      expect(connection).toEqual({ jsonrpc: '2.0', id: connection.id, result: {} });
      expect(version.result).toMatch(provider === 'sqlite' ? /^3\.\d+\.\d+$/ : /PostgreSQL \d+/);
      expect(engine.responseOrder.slice(-2)).toEqual([connection.id, version.id]);
      // Every stderr line is one JSON log record, as the CLI parses them.
      const logs = logLines(engine.stderrLines);
      expect(logs[0]).toMatchObject({ level: 'INFO', target: 'schema_engine', fields: { message: 'Starting schema engine RPC server' } });
      for (const log of logs) expect(log).toEqual(expect.objectContaining({ level: expect.any(String), target: expect.any(String) }));
    });

    it('answers an unknown method with a JSON-RPC "method not found" error and keeps serving', async () => {
      const unknown = await engine.request('noSuchMethod', {});
      const next = await engine.request('ensureConnectionValidity', { datasource: { tag: 'ConnectionString', url: db.url } });

      expect(unknown).toEqual({ jsonrpc: '2.0', id: unknown.id, error: { code: -32601, message: 'Method not found' } });
      expect(next.result).toEqual({});
    });

    it('sends `migrate diff` output back to the CLI as a `print` request', async () => {
      const printsBefore = engine.prints.length;

      const response = await engine.request('diff', {
        from: { tag: 'empty' },
        to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: testSchema(provider) }] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      });

      expect(response.result).toEqual({ exitCode: 0, stdout: null });
      const printed = engine.prints.slice(printsBefore);
      expect(printed).toHaveLength(1);
      expect(printed[0]).toContain('CREATE TABLE "Author"');
      expect(printed[0]).toContain('CREATE TABLE "Book"');
      // The binary strips the final newline; the CLI adds one.
      expect(printed[0]!.endsWith('\n')).toBe(false);
    });

    it('diagnoses a database without `_prisma_migrations` as `hasMigrationsTable: false`', async () => {
      const response = await engine.request('diagnoseMigrationHistory', {
        migrationsList: migrationsList(path.join(tmpdir(), 'm'), [{ path: '20240101000000_init', sql: 'SELECT 1;' }]),
        optInToShadowDatabase: false,
        filters: NO_FILTERS,
      });

      expect(response.result).toEqual({
        history: { diagnostic: 'databaseIsBehind', unappliedMigrationNames: ['20240101000000_init'] },
        failedMigrationNames: [],
        editedMigrationNames: [],
        hasMigrationsTable: false,
      });
    });

    it('reports engine errors in error.data with the Prisma error code, as the CLI expects', async () => {
      const response = await engine.request('markMigrationApplied', {
        migrationName: 'does_not_exist',
        migrationsList: migrationsList(path.join(tmpdir(), 'no-migrations-here')),
      });

      expect(response.error).toMatchObject({
        code: 4466,
        data: { is_panic: false, error_code: 'P3017', message: expect.stringContaining('does_not_exist could not be found') },
      });
    });
  });

  it('exits with code 0 when the CLI closes stdin', async ({ onTestFinished }) => {
    const db = await createTestDatabase(provider);
    onTestFinished(() => db.dispose());
    await db.create();
    const engine = spawnEngine(['--datasource', JSON.stringify({ url: db.url })]);
    const response = await engine.request('ensureConnectionValidity', { datasource: { tag: 'ConnectionString', url: db.url } });

    expect(response.result).toEqual({});
    expect(await engine.close()).toBe(0);
  });

  it('`cli can-connect-to-database` reports a missing database as P1003 on an ERROR log line, exit code 1', async ({
    onTestFinished,
  }) => {
    const missing = await createTestDatabase(provider);
    onTestFinished(() => missing.dispose());

    const { code, stderr } = await runEngine(['--datasource', JSON.stringify({ url: missing.url }), 'cli', 'can-connect-to-database']);

    expect(code).toBe(1);
    const logs = logLines(stderr);
    // The CLI skips the first line, the native banner, and looks for the error after it.
    expect(logs[0]?.fields.message).toBe('Starting schema engine CLI');
    expect(logs.slice(1)).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        target: 'schema_engine::logger',
        fields: expect.objectContaining({ error_code: 'P1003', message: expect.stringContaining('does not exist') }),
      }),
    ]);
  });

  it('`cli create-database` creates the database, then leaves the existing one alone', async ({ onTestFinished }) => {
    const fresh = await createTestDatabase(provider);
    onTestFinished(() => fresh.dispose());
    const datasource = JSON.stringify({ url: fresh.url });

    const created = await runEngine(['--datasource', datasource, 'cli', 'create-database']);
    expect(created.code).toBe(0);
    expect(await fresh.exists()).toBe(true);
    await fresh.execute('CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)');
    const [again, connected] = await Promise.all([
      runEngine(['--datasource', datasource, 'cli', 'create-database']),
      runEngine(['--datasource', datasource, 'cli', 'can-connect-to-database']),
    ]);

    expect(again.code).toBe(0);
    expect(await fresh.query('SELECT id FROM kept')).toEqual([{ id: 7 }]);
    expect(connected.code).toBe(0);
    expect(logLines(connected.stderr).at(-1)?.fields.message).toBe('Connection successful');
  });
});

describe('schema engine connection errors', { timeout: TIMEOUT }, () => {
  it('reports an unreachable Postgres server as P1001', async () => {
    // Port 1 on loopback: nothing listens there.
    const unreachable = new URL(postgresServerUrl());
    unreachable.hostname = '127.0.0.1';
    unreachable.port = '1';

    const { code, stderr } = await runEngine(['--datasource', JSON.stringify({ url: unreachable.toString() }), 'cli', 'can-connect-to-database']);

    expect(code).toBe(1);
    expect(logLines(stderr).at(-1)).toMatchObject({
      level: 'ERROR',
      fields: { error_code: 'P1001', message: expect.stringContaining("Can't reach database server at `127.0.0.1`:`1`") },
    });
  });
});
