import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startPostgresServer } from './postgres-server';
import { prismaCli, repoRoot } from './prisma-cli';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database on the test Postgres server, to connect to when creating others. */
    postgresAdminUrl: string;
    /** A migrated database to copy with CREATE DATABASE … TEMPLATE. */
    postgresTemplate: string;
    /** A migrated SQLite file to copy. */
    sqliteTemplate: string;
  }
}

/**
 * Once per test run: a Postgres server (TEST_POSTGRES_URL or embedded), and one migrated template
 * database per provider, migrated by the real Prisma CLI through the offline engine. Each test
 * database is then a cheap copy of a template.
 */
export default async function setup(project: TestProject) {
  const server = await startPostgresServer();
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const workDir = path.join(repoRoot, '.data', 'test', runId);
  await mkdir(workDir, { recursive: true });

  const sqliteTemplate = path.join(workDir, 'template.db');
  const postgresTemplate = `idem_template_${runId}`;
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${postgresTemplate}"`);

  await Promise.all([
    prismaCli(['migrate', 'deploy'], `file:${sqliteTemplate}`),
    prismaCli(['migrate', 'deploy'], withDatabase(server.url, postgresTemplate)),
  ]);

  project.provide('postgresAdminUrl', server.url);
  project.provide('postgresTemplate', postgresTemplate);
  project.provide('sqliteTemplate', sqliteTemplate);

  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS "${postgresTemplate}" WITH (FORCE)`);
    await admin.end();
    await server.stop();
    await rm(workDir, { recursive: true, force: true });
  };
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
