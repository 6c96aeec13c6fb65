/** Medians of a row's repetitions, and the targets the issue set, met or missed. */
import type { BenchResults, ProviderResults, Runs } from './results';
import { median } from './storm';

export interface RowSummary {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

export function summarize(runs: Runs | undefined): RowSummary | undefined {
  if (!runs || runs.length === 0) return undefined;
  return { rps: median(runs.map((r) => r.rps)), p50: median(runs.map((r) => r.p50)), p99: median(runs.map((r) => r.p99)), non2xx: runs.reduce((n, r) => n + r.non2xx + r.errors, 0) };
}

export function ratio(a: RowSummary | undefined, b: RowSummary | undefined): number {
  return a && b && b.rps > 0 ? a.rps / b.rps : Number.NaN;
}

export interface Target {
  target: string;
  where: string;
  measured: string;
  met: boolean | undefined;
}

export function targets(results: BenchResults): Target[] {
  const list: Target[] = [];
  for (const p of results.providers) list.push(...providerTargets(p));
  const { overheadMs } = results.link;
  list.push({ target: 'the link adds < 0.1 ms per mutation', where: 'in process, no network', measured: `${overheadMs.toFixed(4)} ms`, met: overheadMs < 0.1 });
  return list;
}

function providerTargets(p: ProviderResults): Target[] {
  const s = (name: string) => summarize(p.rows[name]);
  const db = p.provider === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const list: Target[] = [];
  const replay = ratio(s('serve:replay'), s('serve:first'));
  list.push({ target: 'replay ≥ 3× first execution', where: `serve:api, ${db}`, measured: `${fmt(replay)}×`, met: replay >= 3 });
  if (s('next:first')) {
    const next = ratio(s('next:replay'), s('next:first'));
    list.push({ target: 'replay ≥ 3× first execution', where: `next start, ${db}`, measured: `${fmt(next)}×`, met: next >= 3 });
  }
  const overhead = ratio(s('base:idem'), s('base:plain'));
  list.push({ target: 'idempotent ≥ 0.90× plain', where: `baseline server, ${db}`, measured: `${fmt(overhead)}×`, met: overhead >= 0.9 });
  const executions = p.storms.map((x) => x.executions);
  const stormP99 = median(p.storms.map((x) => x.p99));
  list.push({ target: '100 duplicates → 1 execution', where: `serve:api, ${db}`, measured: `${executions.join(', ')} (${p.storms.length} storm${p.storms.length === 1 ? '' : 's'})`, met: executions.every((n) => n === 1) });
  list.push({ target: '100 duplicates: p99 < 2× a single request', where: `serve:api, ${db}`, measured: `${Math.round(stormP99)} ms vs ${Math.round(p.singleMs)} ms (${fmt(stormP99 / p.singleMs)}×)`, met: stormP99 < 2 * p.singleMs });
  for (const row of ['first', 'replay'] as const) {
    const small = s(`serve:${row}`);
    const large = s(`serve:${row}@large`);
    if (!small || !large) continue;
    const d50 = large.p50 / small.p50 - 1;
    const d99 = large.p99 / small.p99 - 1;
    list.push({
      target: `p50/p99 flat (±10 %) from ${count(p.records.small)} to ${count(p.records.large)} records`,
      where: `${row === 'first' ? 'first execution' : 'replay'}, serve:api, ${db}`,
      measured: `p50 ${small.p50} → ${large.p50} ms (${pct(d50)}), p99 ${small.p99} → ${large.p99} ms (${pct(d99)})`,
      met: Math.abs(d50) <= 0.1 && Math.abs(d99) <= 0.1,
    });
  }
  list.push({ target: 'sweeper ≥ 10 k expired records/s', where: `prismaStore.sweepExpired, ${db}`, measured: `${Math.round(p.sweeper.perSecond).toLocaleString('en-US')} records/s`, met: p.sweeper.perSecond >= 10_000 });
  return list;
}

export function fmt(n: number): string {
  return Number.isFinite(n) ? n.toFixed(2) : 'n/a';
}

export function pct(d: number): string {
  return `${d >= 0 ? '+' : ''}${Math.round(d * 100)} %`;
}

export function count(n: number): string {
  return n >= 1000 ? `${n / 1000} k` : String(n);
}
