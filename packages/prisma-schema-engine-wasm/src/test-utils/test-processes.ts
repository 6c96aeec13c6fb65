// The stand-in and the Prisma CLI as child processes, for the stand-in's tests:
// throwaway Prisma projects, the CLI run in them, and the stand-in spawned the way the CLI spawns it.

import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, type Provider, type TestDatabase } from './test-databases';

/** The stand-in executable under test. */
export const SHIM = fileURLToPath(new URL('../schema-engine.mjs', import.meta.url));
/** The unchanged Prisma CLI, as installed next to the package. */
const PRISMA_CLI = createRequire(import.meta.url).resolve('prisma/build/index.js');

/** A CLI call takes 2–6 s, more when several run at once on two cores. */
export const CLI_TIMEOUT = 60_000;

/** A small schema: two models, a relation and an enum. `extra` is appended. */
export function testSchema(provider: Provider, extra = ''): string {
  return `generator client {
  provider = "prisma-client"
  output   = "./generated"
}

datasource db {
  provider = "${provider}"
}

enum Role {
  WRITER
  EDITOR
}

model Author {
  id    Int    @id @default(autoincrement())
  name  String
  role  Role   @default(WRITER)
  books Book[]
}

model Book {
  id       Int    @id @default(autoincrement())
  title    String
  author   Author @relation(fields: [authorId], references: [id])
  authorId Int
}
${extra}`;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for assertions on messages that may go to either. */
  output: string;
}

/** A throwaway Prisma project: schema.prisma, prisma.config.ts, migrations/, on its own database. */
export interface TestProject {
  dir: string;
  db: TestDatabase;
  /** Runs the unchanged Prisma CLI in the project, with the stand-in as its schema engine. */
  prisma(args: string[], env?: Record<string, string>): Promise<CliResult>;
  writeSchema(text: string): Promise<void>;
  /** Writes a file in the project folder. */
  writeFile(name: string, text: string): Promise<void>;
  /** Writes migrations/<name>/migration.sql. */
  writeMigration(name: string, sql: string): Promise<void>;
  /** Migration folder names, sorted. */
  migrations(): Promise<string[]>;
  readMigration(name: string): Promise<string>;
  dispose(): Promise<void>;
}

export async function createTestProject(provider: Provider): Promise<TestProject> {
  const db = await createTestDatabase(provider);
  const dir = await mkdtemp(path.join(tmpdir(), `idem-engine-${provider}-`));
  await writeFile(path.join(dir, 'schema.prisma'), testSchema(provider));
  // A plain object: the temp folder cannot resolve `prisma/config`.
  await writeFile(
    path.join(dir, 'prisma.config.ts'),
    `export default {\n  schema: 'schema.prisma',\n  migrations: { path: 'migrations' },\n  datasource: { url: ${JSON.stringify(db.url)} },\n};\n`,
  );
  const migrationsDir = path.join(dir, 'migrations');

  return {
    dir,
    db,
    prisma: (args, env = {}) => runPrisma(dir, args, env),
    writeSchema: (text) => writeFile(path.join(dir, 'schema.prisma'), text),
    writeFile: (name, text) => writeFile(path.join(dir, name), text),
    async writeMigration(name, sql) {
      await mkdir(path.join(migrationsDir, name), { recursive: true });
      await writeFile(path.join(migrationsDir, name, 'migration.sql'), sql);
    },
    async migrations() {
      if (!existsSync(migrationsDir)) return [];
      const entries = await readdir(migrationsDir, { withFileTypes: true });
      return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    },
    readMigration: (name) => readFile(path.join(migrationsDir, name, 'migration.sql'), 'utf8'),
    async dispose() {
      await rm(dir, { recursive: true, force: true });
      await db.dispose();
    },
  };
}

function runPrisma(cwd: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  const { FORCE_COLOR: _color, DATABASE_URL: _url, ...inherited } = process.env;
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [PRISMA_CLI, ...args],
      {
        cwd,
        env: {
          ...inherited,
          PRISMA_SCHEMA_ENGINE_BINARY: SHIM,
          PRISMA_HIDE_UPDATE_MESSAGE: '1',
          CHECKPOINT_DISABLE: '1',
          NO_COLOR: '1',
          ...env,
        },
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` });
      },
    );
  });
}

/** A JSON-RPC response, as the stand-in writes it on stdout. */
export interface RpcResponse {
  jsonrpc: '2.0';
  id: number;
  result?: unknown;
  error?: { code: number; message: string; data?: Record<string, unknown> };
}

export interface EngineProcess {
  child: ChildProcessWithoutNullStreams;
  /** Sends a JSON-RPC request and resolves with the whole response. */
  request(method: string, params?: unknown): Promise<RpcResponse>;
  /** Contents of the `print` requests the engine sent (answered like the CLI does). */
  prints: string[];
  /** stderr so far, one entry per line. */
  stderrLines: string[];
  /** Ids of the responses, in the order they arrived. */
  responseOrder: number[];
  /** Closes stdin, as the CLI does at the end of a session, and resolves with the exit code. */
  close(): Promise<number | null>;
}

/** Starts the stand-in in RPC mode, the way the CLI does. */
export function spawnEngine(args: string[]): EngineProcess {
  const child = spawn(SHIM, args, { stdio: 'pipe', env: { ...process.env, RUST_LOG: 'info' } });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const pending = new Map<number, (response: RpcResponse) => void>();
  const prints: string[] = [];
  const stderrLines: string[] = [];
  const responseOrder: number[] = [];
  let nextId = 1;

  readline.createInterface({ input: child.stderr }).on('line', (line) => stderrLines.push(line));
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const message = JSON.parse(line) as RpcResponse & { method?: string; params?: { content: string } };
    if (message.method === 'print') {
      prints.push(message.params!.content);
      child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: message.id, result: {} })}\n`);
      return;
    }
    responseOrder.push(message.id);
    pending.get(message.id)?.(message);
    pending.delete(message.id);
  });

  return {
    child,
    prints,
    stderrLines,
    responseOrder,
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id, method, params })}\n`);
      });
    },
    async close() {
      child.stdin.end();
      return exited;
    },
  };
}

/** Runs the stand-in to completion (`--version`, `cli …`). */
export function runEngine(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(SHIM, args, { env: { ...process.env, RUST_LOG: 'info' } }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr, output: `${stdout}\n${stderr}` });
    });
  });
}

/** Parses stderr as the CLI does: one JSON log line each. Throws on a line that is not JSON. */
export function logLines(stderr: string | string[]): { level: string; target: string; fields: Record<string, unknown> }[] {
  const lines = Array.isArray(stderr) ? stderr : stderr.split('\n');
  return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line));
}
