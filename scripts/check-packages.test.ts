import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The published packages as a user gets them: every workspace package is packed (`npm pack`, the
 * tRPC ones from their built `dist/`) and unpacked outside the repo, and its shape checked (license,
 * readme, no tests, engines). The tRPC packages are then installed from their tarballs into a
 * scratch app (offline: the tarballs have no dependencies, and their peers are linked from this
 * repo's node_modules), imported with `import` and with `require` — the latter with require(esm)
 * switched off, so it proves the CommonJS build that Node 20.9–20.18 needs — and run: a lost
 * response retried by the link, deduplicated by the middleware. The schema-engine stand-in is run
 * from its unpacked tarball, with only the packages its manifest names beside it.
 */

const root = path.resolve(import.meta.dirname, '..');
/** Every workspace package. */
const ALL = readdirSync(path.join(root, 'packages'))
  .filter((name) => existsSync(path.join(root, 'packages', name, 'package.json')))
  .sort();
/** The tRPC packages, installed together into the scratch app. */
const PACKAGES = ['trpc-link', 'trpc-server'] as const;
const PEERS = ['@trpc/client', '@trpc/server', 'react', '@tanstack/react-query'];
const ENGINE = 'prisma-schema-engine-wasm';

interface Packed {
  filename: string;
  files: { path: string }[];
}

let dir: string;
const packed = new Map<string, Packed>();

const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });

/** Where a package's tarball was unpacked. */
const unpacked = (name: string) => path.join(dir, 'unpacked', name, 'package');

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'idem-packages-'));
  for (const name of ALL) {
    // --ignore-scripts: no `prepack` rebuild; `npm test` has built dist/ already (turbo's ^build).
    const [result] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], path.join(root, 'packages', name))) as Packed[];
    packed.set(name, result!);
    mkdirSync(path.join(dir, 'unpacked', name), { recursive: true });
    run('tar', ['-xzf', path.join(dir, result!.filename), '-C', path.join(dir, 'unpacked', name)], dir);
  }
  const app = path.join(dir, 'app');
  mkdirSync(app);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'scratch-app', private: true }));
  const tarballs = PACKAGES.map((name) => path.join(dir, packed.get(name)!.filename));
  // An unreachable registry: the install must need nothing but the tarballs.
  const offline = ['--offline', '--registry=http://127.0.0.1:9/', '--no-update-notifier', '--no-audit', '--no-fund', '--ignore-scripts', '--legacy-peer-deps', '--no-package-lock'];
  run('npm', ['install', ...offline, ...tarballs], app);
  for (const peer of PEERS) {
    const link = path.join(app, 'node_modules', peer);
    mkdirSync(path.dirname(link), { recursive: true });
    if (!existsSync(link)) symlinkSync(path.join(root, 'node_modules', peer), link, 'dir');
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(ALL)('@idem/%s tarball', (name) => {
  it('ships its license and readme, no tests, and the sources its maps point at', () => {
    const files = new Set(packed.get(name)!.files.map((file) => file.path));
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    expect([...files].filter((file) => /\.test\.tsx?$|test-utils\//.test(file))).toEqual([]);
    const maps = [...files].filter((file) => file.endsWith('.map'));
    // A compiled package ships source maps; a package of plain modules has nothing to map.
    if ([...files].some((file) => file.startsWith('dist/'))) expect(maps.length).toBeGreaterThan(0);
    const missing = maps.flatMap((map) => {
      const { sources } = JSON.parse(readFileSync(path.join(unpacked(name), map), 'utf8')) as { sources: string[] };
      return sources.map((source) => path.posix.normalize(path.posix.join(path.posix.dirname(map), source))).filter((source) => !files.has(source));
    });
    expect(missing).toEqual([]);
  });

  it('says what it needs: engines, license, and no links into the repo from its readme', () => {
    const manifest = JSON.parse(readFileSync(path.join(unpacked(name), 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ name: `@idem/${name}`, license: 'MIT', engines: { node: '>=20.9' } });
    const readme = readFileSync(path.join(unpacked(name), 'README.md'), 'utf8');
    expect(readme.match(/\]\((?!https?:|#)[^)]*\)/g) ?? []).toEqual([]);
  });

  it('has test, lint and typecheck scripts, and its tests report where the CI summary reads them', async () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'packages', name, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    expect(Object.keys(manifest.scripts ?? {})).toEqual(expect.arrayContaining(['test', 'lint', 'typecheck']));
    const config = (await import(path.join(root, 'packages', name, 'vitest.config.ts'))) as { default: { test?: { reporters?: unknown[] } } };
    // scripts/test-summary.mjs requires packages/<name>/reports/vitest.json from every package with tests.
    expect(config.default.test?.reporters).toContainEqual(['json', { outputFile: 'reports/vitest.json' }]);
  });
});

describe('@idem/prisma-schema-engine-wasm from its tarball', () => {
  it('resolves through its exports and runs, beside nothing but what its manifest names', () => {
    const app = path.join(dir, 'engine-app');
    const installed = path.join(app, 'node_modules', '@idem', ENGINE);
    mkdirSync(path.dirname(installed), { recursive: true });
    cpSync(unpacked(ENGINE), installed, { recursive: true });
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as {
      bin: string;
      dependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    // Undeclared imports would fail here: resolution from the package never reaches this repo.
    for (const dependency of [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]) {
      const link = path.join(app, 'node_modules', dependency);
      mkdirSync(path.dirname(link), { recursive: true });
      symlinkSync(path.join(root, 'node_modules', dependency), link, 'dir');
    }
    const engine = run(process.execPath, ['-p', `require.resolve('@idem/${ENGINE}/schema-engine')`], app).trim();
    const database = path.join(app, 'data', 'new.db');

    expect(engine).toBe(path.join(installed, 'src', 'schema-engine.mjs'));
    expect(path.join(installed, manifest.bin), 'the bin is the same script').toBe(engine);
    expect(run(process.execPath, [engine, '--version'], app)).toMatch(/^schema-engine-cli [0-9a-f]{40}\n$/);
    run(process.execPath, [engine, '--datasource', JSON.stringify({ url: `file:${database}` }), 'cli', 'create-database'], app);
    expect(existsSync(database)).toBe(true);
  });
});

/** The scratch app's program: a stock tRPC server with the middleware, and a client with the link, over the fetch adapter. */
const PROGRAM = `
const t = server.initTRPC.context().create({
  errorFormatter: ({ shape, error }) => ({ ...shape, data: { ...shape.data, ...idem.idempotencyErrorData(error) } }),
});
const store = idem.memoryStore();
const procedure = t.procedure.concat(idem.idempotency({ store, scope: () => 'user-1' }));
let runs = 0;
const router = t.router({ pay: procedure.input((raw) => raw).mutation(() => ({ run: ++runs })) });
const keys = [];
const fetch = async (url, init) => {
  const req = new Request(url, init);
  keys.push(req.headers.get('idempotency-key'));
  const response = await adapter.fetchRequestHandler({ endpoint: '/trpc', req, router, createContext: ({ req, resHeaders }) => ({ req, resHeaders }) });
  if (keys.length === 1) throw new TypeError('fetch failed'); // the server ran, the answer was lost
  return response;
};
const client = client_.createTRPCClient({ links: [link.idempotencyLink({ retryDelay: 0 }), link.idempotentHttpBatchLink({ url: 'http://scratch.test/trpc', fetch })] });
client.pay.mutate({ amount: 1 }).then((result) => {
  const exported = { useIdempotentMutation: typeof react.useIdempotentMutation, usePendingOperations: typeof react.usePendingOperations, fileStorage: typeof node.fileStorage, prismaStore: typeof idem.prismaStore };
  console.log(JSON.stringify({ result, runs, keys, exported }));
}, (error) => { console.error(error); process.exit(1); });
`;

const EXPECTED = (output: string) => {
  const { result, runs, keys, exported } = JSON.parse(output) as { result: unknown; runs: number; keys: string[]; exported: Record<string, string> };
  expect(result, 'the retry got the first run’s stored result').toEqual({ run: 1 });
  expect(runs, 'the mutation ran once').toBe(1);
  expect(keys).toHaveLength(2);
  expect(new Set(keys).size, 'both attempts carried the same key').toBe(1);
  expect(exported).toEqual({ useIdempotentMutation: 'function', usePendingOperations: 'function', fileStorage: 'function', prismaStore: 'function' });
};

describe('a scratch app on the tarballs', () => {
  it('works with import', () => {
    const file = path.join(dir, 'app', 'program.mjs');
    writeFileSync(
      file,
      `import * as link from '@idem/trpc-link';
import * as react from '@idem/trpc-link/react';
import * as node from '@idem/trpc-link/node';
import * as idem from '@idem/trpc-server';
import * as client_ from '@trpc/client';
import * as server from '@trpc/server';
import * as adapter from '@trpc/server/adapters/fetch';
${PROGRAM}`,
    );
    EXPECTED(run(process.execPath, [file], path.join(dir, 'app')));
  });

  it('works with require, without require(esm): the CommonJS build', () => {
    const file = path.join(dir, 'app', 'program.cjs');
    writeFileSync(
      file,
      `const link = require('@idem/trpc-link');
const react = require('@idem/trpc-link/react');
const node = require('@idem/trpc-link/node');
const idem = require('@idem/trpc-server');
const client_ = require('@trpc/client');
const server = require('@trpc/server');
const adapter = require('@trpc/server/adapters/fetch');
${PROGRAM}`,
    );
    EXPECTED(run(process.execPath, ['--no-experimental-require-module', file], path.join(dir, 'app')));
  });
});
