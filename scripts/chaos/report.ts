/** A scenario's result, and the table `npm run chaos` prints: one row per scenario, then its notes and violations. */
import type { BreakerReport } from './gateway-storm';
import type { ScenarioName } from './scenarios';
import type { DatabaseProvider } from '~/server/db/database-url';

export interface ScenarioResult {
  name: ScenarioName;
  provider: DatabaseProvider;
  instances: number;
  shoppers: number;
  /** SIGKILLs, and how many of them took the completer's lease holder. */
  kills: number;
  leaderKills: number;
  /** Responses the proxy read and dropped; connections it reset; requests no instance took. */
  drops: number;
  resets: number;
  upstreamFailures: number;
  /** Link retries (`onRetry`), summed over the shoppers, and replayed answers. */
  retries: number;
  replays: number;
  /** Time to a confirmed order (ms), over the shoppers that got one. */
  p50Ms: number;
  p99Ms: number;
  orders: number;
  charges: number;
  /** Distinct processes that held the completer's lease. */
  leaseHolders: number;
  breaker?: BreakerReport;
  /** Refusals seen by the proxy, by `error.data.code`. */
  codes: Record<string, number>;
  durationMs: number;
  violations: string[];
}

/** The nearest-rank percentile `p` (0–100) of `values`; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const COLUMNS: readonly [string, (r: ScenarioResult) => string][] = [
  ['scenario', (r) => r.name],
  ['db', (r) => `${r.provider}×${r.instances}`],
  ['shoppers', (r) => String(r.shoppers)],
  ['kills', (r) => String(r.kills)],
  ['drops', (r) => String(r.drops)],
  ['resets', (r) => String(r.resets)],
  ['retries', (r) => String(r.retries)],
  ['p50', (r) => seconds(r.p50Ms)],
  ['p99', (r) => seconds(r.p99Ms)],
  ['orders', (r) => String(r.orders)],
  ['charges', (r) => String(r.charges)],
  ['violations', (r) => String(r.violations.length)],
];

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function formatTable(results: readonly ScenarioResult[]): string {
  const rows = [COLUMNS.map(([title]) => title), ...results.map((r) => COLUMNS.map(([, cell]) => cell(r)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(rows[0]!), rule, ...rows.slice(1).map(line)].join('\n');
}

/** What the table has no room for: the chaos's details, then every violation by name. */
export function formatNotes(result: ScenarioResult): string {
  const codes = Object.entries(result.codes).sort(([, a], [, b]) => b - a).map(([code, n]) => `${code}×${n}`).join(' ') || 'none';
  const lines = [
    `${result.name}: ${seconds(result.durationMs)}; leader kills ${result.leaderKills}; completer lease holders ${result.leaseHolders}; upstream failures ${result.upstreamFailures}; replays ${result.replays}`,
    `  refusals seen: ${codes}`,
  ];
  if (result.breaker) lines.push(`  breaker: opened ${result.breaker.opened}×, closed ${result.breaker.closed}×, ends ${result.breaker.finalState}`);
  for (const violation of result.violations) lines.push(`  VIOLATION ${violation}`);
  return lines.join('\n');
}
