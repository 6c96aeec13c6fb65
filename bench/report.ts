/** docs/BENCHMARKS.md, from one run's results. */
import type { Bar } from './chart';
import type { BenchResults } from './results';
import { peersSection } from './report-peers';
import { count, fmt, ratio, summarize, targets } from './summary';
import { median } from './storm';

export const ROW_LABELS: Record<string, string> = {
  'serve:first': 'serve:api · placeOrder, first execution',
  'serve:replay': 'serve:api · placeOrder, replay',
  'serve:catalog': 'serve:api · catalog.list (cached query)',
  'serve:first@large': 'serve:api · first execution, more records',
  'serve:replay@large': 'serve:api · replay, more records',
  'base:plain': 'baseline · placeOrder without Idem (plain)',
  'base:idem': 'baseline · placeOrder with Idem',
  'next:first': 'next start · placeOrder, first execution',
  'next:replay': 'next start · placeOrder, replay',
  'next:catalog': 'next start · catalog.list (cached query)',
};

const DB = { sqlite: 'SQLite', postgresql: 'PostgreSQL' } as const;

export function chartBars(results: BenchResults): Bar[] {
  const bars: Bar[] = [];
  for (const p of results.providers) {
    for (const name of Object.keys(ROW_LABELS)) {
      const row = summarize(p.rows[name]);
      if (row && !name.endsWith('@large')) bars.push({ label: `${ROW_LABELS[name]} (${DB[p.provider]})`, value: row.rps, group: DB[p.provider] });
    }
  }
  return bars;
}

export function renderReport(results: BenchResults, { chartFile, commit }: { chartFile: string; commit: string }): string {
  if (results.settings.only === 'peers') return [...machineSection(results, commit), ...peersSection(results)].join('\n');
  return [
    ...machineSection(results, commit),
    ...reproduceSection(chartFile),
    ...targetsSection(results),
    ...ratiosSection(results),
    ...mediansSection(results),
    ...linkSection(results.link),
    ...peersSection(results),
    ...profileSection(results.profile),
  ].join('\n');
}

/** The title, when and what was measured, and on which machine under which load. */
function machineSection(results: BenchResults, commit: string): string[] {
  const { machine, load, settings } = results;
  const out: string[] = [];
  out.push('# Benchmarks', '');
  out.push(`Measured by \`npm run bench\` on ${results.startedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC, commit ${commit}, in ${Math.round(results.durationS)} s.`);
  out.push('Every number is the median of repeated runs; rows of a group take turns, run by run. Throughput counts 2xx answers only.', '');
  out.push('## Machine', '');
  out.push('| | |', '|---|---|');
  out.push(`| CPU | ${machine.cpu}, ${machine.cores} cores |`, `| Memory | ${machine.memoryGiB} GiB |`, `| Node.js | ${machine.node} (${machine.platform}) |`);
  out.push(`| Load average (1 min) during the run | ${load.atStart.toFixed(2)} at start, median ${load.median.toFixed(2)}, max ${load.max.toFixed(2)} |`);
  out.push(`| Load | autocannon in the harness's process, on the same machine: ${settings.connections} connections, ${settings.rowSeconds} s per row, ${settings.repetitions} repetitions |`, '');
  out.push('The load generator and the server share the cores, and other work may share the machine (see the load average): compare ratios measured in the same run, not absolute numbers across runs.', '');
  return out;
}

/** How to run it again, what each server is, and the chart. */
function reproduceSection(chartFile: string): string[] {
  const out: string[] = [];
  out.push('## How to reproduce', '');
  out.push('```sh', 'npm ci', 'npm run bench                 # ~11 min; writes this file and docs/benchmarks.svg', 'npm run bench -- --quick      # ~2 min smoke run; writes .data/bench/BENCHMARKS.quick.md', '```', '');
  out.push('PostgreSQL is measured when one answers at `TEST_POSTGRES_URL` (default `postgresql://postgres@127.0.0.1:5432/test`); the harness recreates a scratch database `idem_bench` there at each run (and leaves it for inspection). `next start` needs a build: the harness runs `turbo run build build:app` when `.next/BUILD_ID` is missing (`--no-next` skips it). Options: `--seconds N`, `--repetitions N`, `--connections N`, `--large-records N`, `--no-profile`, `--no-peers`, `--only peers` (the peers alone, written to .data/bench/BENCHMARKS.peers.md), `--out FILE`.', '');
  out.push('What each server is:', '');
  out.push('- **serve:api** — `npm run serve:api`: the app\'s tRPC handler on plain Node HTTP, with admission control, request logs (LOG_LEVEL info, to a file), metrics and the background jobs.');
  out.push('- **next start** — the production Next.js server on the last build, the same handler behind Next.js\'s route.');
  out.push('- **baseline** — a bare tRPC fetch handler (bench/baseline-server.ts) serving both the app\'s `checkout.placeOrder` and `plain.placeOrder`: the same reserve, charge and settle in the same transactions, without the idempotency middleware (bench/plain-place-order.ts; production code has no such switch).');
  out.push('- Every server runs with `API_MAX_CONCURRENT_REQUESTS=256`, so that the storm\'s 100 duplicates reach the middleware rather than a 503. First executions each send a new key and buy one unit of one of the 14 products in turn (stock set to 10⁹); replays send one stored key again; all requests carry one guest session\'s cookie and use `tok_visa`.', '');
  out.push('![Throughput per row (median req/s)](' + chartFile + ')', '');
  return out;
}

/** Each target, measured, and whether it was met. */
function targetsSection(results: BenchResults): string[] {
  const out: string[] = [];
  out.push('## Targets', '');
  out.push('| target | where | measured | |', '|---|---|---|---|');
  const list = targets(results);
  for (const t of list) out.push(`| ${t.target} | ${t.where} | ${t.measured} | ${t.met === undefined ? '—' : t.met ? 'met' : '**missed**'} |`);
  const missed = list.filter((t) => t.met === false);
  out.push('', missed.length === 0 ? 'Every target was met in this run.' : `**${missed.length} of ${list.length} missed in this run:** ${missed.map((t) => `${t.target} (${t.where}: ${t.measured})`).join('; ')}.`, '');
  out.push('"A single request" is one first execution sent alone (median of 15); the storm\'s p99 includes the queueing of 100 requests at once on this machine\'s cores. The record-count rows run minutes after the first ones, so the machine\'s load may differ between them: compare with the load average above.', '');
  return out;
}

/** The ratios that compare rows of one run, per database. */
function ratiosSection(results: BenchResults): string[] {
  const out: string[] = [];
  out.push('## Ratios', '');
  const providers = results.providers;
  out.push(`| | ${providers.map((p) => DB[p.provider]).join(' | ')} |`, `|---|${providers.map(() => '---').join('|')}|`);
  const line = (label: string, value: (p: (typeof providers)[number]) => string) => out.push(`| ${label} | ${providers.map(value).join(' | ')} |`);
  line('replay ÷ first, serve:api', (p) => fmt(ratio(summarize(p.rows['serve:replay']), summarize(p.rows['serve:first']))));
  line('replay ÷ first, next start', (p) => (p.nextSkipped ? `not measured (${p.nextSkipped})` : fmt(ratio(summarize(p.rows['next:replay']), summarize(p.rows['next:first'])))));
  line('idempotent ÷ plain (overhead ratio), baseline', (p) => fmt(ratio(summarize(p.rows['base:idem']), summarize(p.rows['base:plain']))));
  line('serve:api ÷ next start, first execution', (p) => fmt(ratio(summarize(p.rows['serve:first']), summarize(p.rows['next:first']))));
  line('serve:api ÷ next start, replay', (p) => fmt(ratio(summarize(p.rows['serve:replay']), summarize(p.rows['next:replay']))));
  line('serve:api ÷ next start, catalog.list', (p) => fmt(ratio(summarize(p.rows['serve:catalog']), summarize(p.rows['next:catalog']))));
  line('100 duplicates of one key: executions (per storm)', (p) => p.storms.map((s) => s.executions).join(', '));
  line('100 duplicates: answers (first storm)', (p) => Object.entries(p.storms[0]?.statuses ?? {}).map(([status, n]) => `${n}× ${status}`).join(', '));
  line('100 duplicates: p50 / p99 (median of storms)', (p) => `${Math.round(median(p.storms.map((s) => s.p50)))} / ${Math.round(median(p.storms.map((s) => s.p99)))} ms`);
  line('one request alone (median of 15)', (p) => `${p.singleMs.toFixed(1)} ms`);
  line('sweeper, expired records deleted per second', (p) => `${Math.round(p.sweeper.perSecond).toLocaleString('en-US')} (${p.sweeper.deleted.toLocaleString('en-US')} records, batches of 500)`);
  out.push('');
  return out;
}

/** Every row's median throughput and latencies. */
function mediansSection(results: BenchResults): string[] {
  const providers = results.providers;
  const out: string[] = [];
  out.push('## Medians', '');
  out.push('| row | database | req/s | p50 ms | p99 ms | non-2xx / errors |', '|---|---|---|---|---|---|');
  for (const p of providers) {
    for (const [name, label] of Object.entries(ROW_LABELS)) {
      const row = summarize(p.rows[name]);
      if (!row) continue;
      const records = name.endsWith('@large') ? ` (${count(p.records.large)} records)` : name.startsWith('serve:') && name !== 'serve:catalog' ? ` (${count(p.records.small)} records)` : '';
      out.push(`| ${label}${records} | ${DB[p.provider]} | ${Math.round(row.rps)} | ${row.p50} | ${row.p99} | ${row.non2xx} |`);
    }
  }
  for (const skipped of results.skipped) out.push(`| — | — | not measured: ${skipped} | | | |`);
  out.push('');
  return out;
}

/** What the link adds per mutation. */
function linkSection(link: BenchResults['link']): string[] {
  const out: string[] = [];
  out.push('## The link', '');
  out.push(`\`idempotencyLink\` over a terminating link that answers synchronously (no network), per mutation: ${link.withLinkMs.toFixed(4)} ms with the link, ${link.withoutLinkMs.toFixed(4)} ms without — **${link.overheadMs.toFixed(4)} ms** added (key, journal write and removal in memory storage, headers).`, '');
  return out;
}

/** Where the replay path spends its CPU time, when a profile was taken. */
function profileSection(profile: BenchResults['profile']): string[] {
  const out: string[] = [];
  if (!profile) return out;
  out.push('## Where the time goes: the replay path', '');
  out.push(`A \`node --cpu-prof\` profile of serve:api (${profile.provider}) answering replays for one row (${Math.round(profile.totalMs)} ms of CPU, idle excluded). Self time by area:`, '');
  out.push('| area | self time | share |', '|---|---|---|');
  for (const a of profile.areas) out.push(`| ${a.name} | ${Math.round(a.ms)} ms | ${Math.round(a.share * 100)} % |`);
  out.push('', 'Top functions by self time:', '', '| function | self time | share |', '|---|---|---|');
  for (const f of profile.functions) out.push(`| \`${f.name.replaceAll('|', '\\|')}\` | ${Math.round(f.ms)} ms | ${(f.share * 100).toFixed(1)} % |`);
  out.push('');
  return out;
}
