/**
 * Counts of a fuzz run — requests by status class, by category and by status, 5xx, violations by
 * kind — and the summary table printed at the end.
 */
import { CATEGORIES, type Category } from './fuzz-request';
import { CROSS_PRINCIPAL_KINDS, fromParser, opOutcomes, VIOLATION_KINDS, type Exchange, type Violation, type ViolationKind } from './oracles';

/** `none`: no answer read — abandoned by the client, reset while sending, or (a violation) none given. */
const CLASSES = ['2xx', '3xx', '4xx', '5xx', 'none'] as const;
type StatusClass = (typeof CLASSES)[number];

const classOf = (x: Exchange): StatusClass => (x.outcome.ok ? (`${Math.floor(x.outcome.response.status / 100)}xx` as StatusClass) : 'none');

export class FuzzStats {
  requests = 0;
  /** Requests sent while fast-check shrank a failure (not in the other counts). */
  shrinkRequests = 0;
  /** Operations answered with a 5xx inside a response that is not one (a 207 batch). */
  operations5xx = 0;
  /** Answered by Node's HTTP parser (a request it could not read), not by the app. */
  parserRejections = 0;
  replays = 0;
  /** Connections the server closed before it read the whole request (see `RawOutcome`). */
  resetWhileSending = 0;
  /** Requests whose client left once they were sent (`abandon`). */
  abandoned = 0;
  /** Order ids shown to principals and checked against their owners in the database. */
  orderIdsChecked = 0;
  readonly byClass = Object.fromEntries(CLASSES.map((c) => [c, 0])) as Record<StatusClass, number>;
  readonly byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, Object.fromEntries(CLASSES.map((s) => [s, 0]))])) as Record<Category, Record<StatusClass, number>>;
  readonly byStatus = new Map<number, number>();
  readonly violations = Object.fromEntries(VIOLATION_KINDS.map((k) => [k, 0])) as Record<ViolationKind, number>;

  /** Counts a batch of exchanges and the violations found in it; `shrinking`: only counted as such. */
  add(exchanges: readonly Exchange[], violations: readonly Violation[], shrinking: boolean): void {
    if (shrinking) {
      this.shrinkRequests += exchanges.length;
      return;
    }
    for (const x of exchanges) {
      this.requests++;
      const cls = classOf(x);
      this.byClass[cls]++;
      this.byCategory[x.request.category][cls]++;
      if (!x.outcome.ok) {
        if (x.outcome.reason === 'reset-while-sending') this.resetWhileSending++;
        if (x.outcome.reason === 'abandoned') this.abandoned++;
        continue;
      }
      const { status, body, headers } = x.outcome.response;
      this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
      if (fromParser(x)) this.parserRejections++;
      if (headers['idempotent-replayed'] !== undefined) this.replays++;
      if (status < 500) this.operations5xx += (opOutcomes(status, body) ?? []).filter((op) => op.status >= 500).length;
    }
    for (const v of violations) this.violations[v.kind]++;
  }

  /** Responses or operations answered with a 5xx. */
  get serverErrors(): number {
    return this.byClass['5xx'] + this.operations5xx;
  }

  get crossPrincipalReplays(): number {
    return CROSS_PRINCIPAL_KINDS.reduce((n, k) => n + this.violations[k], 0);
  }

  get totalViolations(): number {
    return Object.values(this.violations).reduce((a, b) => a + b, 0);
  }

  /** The summary as text lines. */
  table(): string[] {
    const pad = (s: string | number, n: number) => String(s).padStart(n);
    const lines = [`requests ${this.requests} (+${this.shrinkRequests} while shrinking), answered by the HTTP parser ${this.parserRejections}, reset while still sending ${this.resetWhileSending}, abandoned by their client ${this.abandoned}, replays ${this.replays}, order ids checked against their owner ${this.orderIdsChecked}`];
    lines.push(`${'category'.padEnd(12)}${CLASSES.map((c) => pad(c, 8)).join('')}${pad('total', 8)}`);
    for (const category of CATEGORIES) {
      const row = this.byCategory[category];
      lines.push(`${category.padEnd(12)}${CLASSES.map((c) => pad(row[c], 8)).join('')}${pad(Object.values(row).reduce((a, b) => a + b, 0), 8)}`);
    }
    lines.push(`${'all'.padEnd(12)}${CLASSES.map((c) => pad(this.byClass[c], 8)).join('')}${pad(this.requests, 8)}`);
    lines.push(`by status: ${[...this.byStatus].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join('  ')}`);
    lines.push(`5xx (responses + operations in batches): ${this.serverErrors}`);
    lines.push(`cross-principal replays: ${this.crossPrincipalReplays}`);
    lines.push(`violations: ${this.totalViolations}${this.totalViolations ? ` (${VIOLATION_KINDS.filter((k) => this.violations[k]).map((k) => `${k} ${this.violations[k]}`).join(', ')})` : ''}`);
    return lines;
  }
}
