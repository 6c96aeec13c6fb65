/**
 * `npm run bench`: Idem's costs, measured side by side in one run on SQLite and PostgreSQL, written
 * to docs/BENCHMARKS.md (and the chart to docs/benchmarks.svg), with the peer libraries side by side
 * (bench/peers/). Bounded in time: with the defaults (5 s per row, 3 repetitions) the whole run takes
 * about 11 minutes on 2 cores.
 *
 *   npm run bench                  the full run
 *   npm run bench -- --quick       a smoke run of every step (1 s rows, 1 repetition, few records),
 *                                  written to .data/bench/BENCHMARKS.quick.md
 *   npm run bench -- --no-peers    without the peers
 *   npm run bench -- --only peers  the peers alone, written to .data/bench/BENCHMARKS.peers.md
 *
 * Loopback traffic only; every server it starts, it stops.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { postgresBenchDatabase, sqliteBenchDatabase, type BenchDatabase } from './bench-database';
import { barChartSvg } from './chart';
import { summarizeProfile } from './cpu-profile';
import { linkOverheadMs } from './link-overhead';
import { describeMachine, sampleLoad } from './machine';
import { measureProvider } from './measure-provider';
import { measurePeers } from './peers/measure-peers';
import { chartBars, renderReport } from './report';
import type { BenchResults } from './results';
import { runLoad } from './load';
import { startServeApi } from './servers';
import { BENCH_CHECKOUT } from './bench-checkout';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    repetitions: { type: 'string' },
    connections: { type: 'string', default: '16' },
    'large-records': { type: 'string' },
    'no-next': { type: 'boolean', default: false },
    'no-profile': { type: 'boolean', default: false },
    'no-peers': { type: 'boolean', default: false },
    /** `peers`: measure the peers alone (no build, no Idem rows). */
    only: { type: 'string' },
    out: { type: 'string' },
    /** Re-render the report from a run's results.json, without measuring again. */
    render: { type: 'string' },
  },
});

const quick = args.quick;
if (args.only !== undefined && args.only !== 'peers') throw new Error(`--only takes "peers", not "${args.only}"`);
const onlyPeers = args.only === 'peers';
const rowSeconds = Number(args.seconds ?? (quick ? 1 : 5));
const repetitions = Number(args.repetitions ?? (quick ? 1 : 3));
const connections = Number(args.connections);
const records = { small: quick ? 1_000 : 10_000, large: Number(args['large-records'] ?? (quick ? 2_000 : 100_000)) };
const dataDir = path.resolve('.data', 'bench');
const logDir = path.join(dataDir, 'logs');
const defaultOut = onlyPeers ? path.join(dataDir, 'BENCHMARKS.peers.md') : quick ? path.join(dataDir, 'BENCHMARKS.quick.md') : 'docs/BENCHMARKS.md';
const out = path.resolve(args.out ?? defaultOut);
const chartFile = path.join(path.dirname(out), quick ? 'benchmarks.quick.svg' : 'benchmarks.svg');
const log = (line: string) => console.log(line);

if (args.render) {
  const saved = JSON.parse(readFileSync(args.render, 'utf8')) as BenchResults;
  writeReport({ ...saved, startedAt: new Date(saved.startedAt), commit: saved.commit ?? gitCommit() });
  process.exit(0);
}

process.env.TURBO_TELEMETRY_DISABLED = '1';
process.env.NEXT_TELEMETRY_DISABLED = '1';
mkdirSync(logDir, { recursive: true });
const startedAt = new Date();
const load = sampleLoad();

// The servers import the packages from dist/; `next start` needs the app's build.
const withNext = !args['no-next'];
const tasks = withNext && !existsSync('.next/BUILD_ID') ? ['build', 'build:app'] : ['build'];
if (!onlyPeers) {
  log(`Building (${tasks.join(', ')}; cached when nothing changed)…`);
  execFileSync('node_modules/.bin/turbo', ['run', ...tasks, '--output-logs=errors-only'], { stdio: 'inherit' });
}

const results: BenchResults = {
  startedAt,
  commit: gitCommit(),
  durationS: 0,
  settings: { rowSeconds, repetitions, connections, quick, ...(onlyPeers ? { only: 'peers' as const } : {}) },
  machine: describeMachine(),
  load: { atStart: 0, median: 0, max: 0 },
  providers: [],
  skipped: [],
  link: { withLinkMs: 0, withoutLinkMs: 0, overheadMs: 0 },
  peers: [],
};

const databases: (() => Promise<BenchDatabase | { skipped: string }>)[] = onlyPeers ? [] : [() => sqliteBenchDatabase(dataDir), () => postgresBenchDatabase()];
for (const open of databases) {
  const bench = await open();
  if ('skipped' in bench) {
    log(`PostgreSQL skipped: ${bench.skipped}`);
    results.skipped.push(`PostgreSQL — ${bench.skipped}`);
    continue;
  }
  log(`${bench.provider}: measuring`);
  try {
    const options = { rowSeconds, repetitions, connections, records, sweepRecords: quick ? 1_000 : 10_000, storms: quick ? 1 : 3, withNext, logDir, log };
    results.providers.push(await measureProvider(bench, options));
    if (bench.provider === 'sqlite' && !args['no-profile']) results.profile = await profileReplays(bench);
  } finally {
    await bench.close();
  }
}

if (!onlyPeers) {
  log('Link microbenchmark…');
  results.link = await linkOverheadMs({ count: quick ? 2_000 : 20_000, repetitions: 3 });
}

if (args['no-peers']) results.peersSkipped = 'not asked for (--no-peers)';
else {
  log('Peers: express-idempotency, @node-idempotency/core, @aws-lambda-powertools/idempotency…');
  results.peers = await measurePeers({ rowSeconds, repetitions, connections, storms: quick ? 1 : 3, dataDir, logDir, log });
}

results.load = load.stop();
results.durationS = (Date.now() - startedAt.getTime()) / 1000;
writeFileSync(path.join(dataDir, onlyPeers ? 'results.peers.json' : quick ? 'results.quick.json' : 'results.json'), JSON.stringify(results, null, 2));
writeReport(results);

function writeReport(results: BenchResults): void {
  if (results.settings.only !== 'peers') writeFileSync(chartFile, barChartSvg('Throughput per row, median req/s (higher is better)', 'req/s', chartBars(results)));
  writeFileSync(out, renderReport(results, { chartFile: path.relative(path.dirname(out), chartFile), commit: results.commit ?? 'unknown' }));
  const chart = results.settings.only === 'peers' ? '' : ` and ${path.relative(process.cwd(), chartFile)}`;
  log(`Wrote ${path.relative(process.cwd(), out)}${chart} (a run of ${Math.round(results.durationS)} s).`);
}

/** HEAD, marked when the tree has uncommitted changes: the numbers belong to that code. */
function gitCommit(): string {
  const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { encoding: 'utf8' }).trim() !== '';
  return dirty ? `${head} (with uncommitted changes)` : head;
}

/** One replay row under `node --cpu-prof`: where a replay's CPU time goes. */
async function profileReplays(bench: BenchDatabase): Promise<BenchResults['profile']> {
  const dir = path.join(dataDir, 'profile');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const server = await startServeApi(bench.url, logDir, { cpuProfDir: dir });
  try {
    const session = await fetch(`${server.url}/api/trpc/catalog.list`);
    await session.arrayBuffer();
    const cookie = session.headers.get('set-cookie')?.split(';')[0] ?? '';
    const product = await bench.db.product.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const body = JSON.stringify({ items: [{ productId: product.id, quantity: 1 }], ...BENCH_CHECKOUT, payment: { token: 'tok_visa' } });
    const key = crypto.randomUUID();
    const first = await fetch(`${server.url}/api/trpc/checkout.placeOrder`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'idempotency-key': key }, body });
    await first.arrayBuffer();
    await runLoad(server.url, { method: 'POST', path: '/api/trpc/checkout.placeOrder', headers: { cookie, 'idempotency-key': key, 'idempotency-attempt': '2' }, body }, { durationS: rowSeconds, connections });
  } finally {
    await server.stop();
  }
  const profiles = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(dir, f));
  const largest = profiles.sort((a, b) => statSync(b).size - statSync(a).size)[0];
  if (!largest) return undefined;
  const summary = summarizeProfile(largest);
  log(`  profile: ${summary.areas.slice(0, 4).map((a) => `${a.name} ${Math.round(a.share * 100)} %`).join(', ')}`);
  return { provider: bench.provider, ...summary };
}
