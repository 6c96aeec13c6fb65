import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The published packages as a user gets them: each is packed (`npm pack`, from the built `dist/`),
 * installed from the tarball into a scratch app outside the repo (offline: the tarballs have no
 * dependencies, and their peers are linked from this repo's node_modules), then imported with
 * `import` and with `require` — the latter with require(esm) switched off, so it proves the CommonJS
 * build that Node 20.9–20.18 needs — and run: a lost response retried by the link, deduplicated by
 * the middleware.
 */

const root = path.resolve(import.meta.dirname, '..');
const PACKAGES = ['trpc-link', 'trpc-server'] as const;
const PEERS = ['@trpc/client', '@trpc/server', 'react', '@tanstack/react-query'];

interface Packed {
  filename: string;
  files: { path: string }[];
}

let dir: string;
const packed = new Map<string, Packed>();

const run = (command: string, args: string[], cwd: string) => execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'idem-packages-'));
  for (const name of PACKAGES) {
    // --ignore-scripts: no `prepack` rebuild; `npm test` has built dist/ already (turbo's ^build).
    const [result] = JSON.parse(run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], path.join(root, 'packages', name))) as Packed[];
    packed.set(name, result!);
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

describe.each(PACKAGES)('@idem/%s tarball', (name) => {
  it('ships its license and readme, no tests, and the sources its maps point at', () => {
    const files = new Set(packed.get(name)!.files.map((file) => file.path));
    expect(files).toContain('LICENSE');
    expect(files).toContain('README.md');
    expect([...files].filter((file) => /\.test\.tsx?$|test-utils\//.test(file))).toEqual([]);
    const maps = [...files].filter((file) => file.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(0);
    const missing = maps.flatMap((map) => {
      const { sources } = JSON.parse(readFileSync(path.join(dir, 'app', 'node_modules', '@idem', name, map), 'utf8')) as { sources: string[] };
      return sources.map((source) => path.posix.normalize(path.posix.join(path.posix.dirname(map), source))).filter((source) => !files.has(source));
    });
    expect(missing).toEqual([]);
  });

  it('says what it needs: engines, license, and no links into the repo from its readme', () => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'app', 'node_modules', '@idem', name, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({ license: 'MIT', engines: { node: '>=20.9' } });
    const readme = readFileSync(path.join(dir, 'app', 'node_modules', '@idem', name, 'README.md'), 'utf8');
    expect(readme.match(/\]\((?!https?:|#)[^)]*\)/g) ?? []).toEqual([]);
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
