/**
 * One fuzz run against a running server: fast-check draws batches of requests from the seed, each
 * batch is sent at once over raw HTTP, every answer is judged (see `oracles`, `key-ledger`), and
 * every order id a principal was shown is looked up in the database: it must be that principal's.
 * The first violation fails the property, which fast-check then shrinks.
 */
import fc from 'fast-check';
import type { Db } from '~/server/db/create-db';
import { FuzzStats } from './fuzz-stats';
import { KeyLedger } from './key-ledger';
import { judgeExchange, type Exchange, type Violation } from './oracles';
import { OrderOwners } from './order-owners';
import { createPrincipals, type Principals } from './principals';
import { sendRaw } from './raw-http';
import { renderRequest } from './render-request';
import { fuzzRequest } from './request-arbitraries';

export interface FuzzRunOptions {
  /** The server's base URL. */
  url: string;
  /** The server's database, for the order-owner oracle. */
  db: Db;
  seed: number;
  /** Requests to send (rounded up to whole batches). */
  requests: number;
  /** Requests sent at once. @default 12 */
  batchSize?: number;
  /** Guest sessions sharing the keys. @default 4 */
  principals?: number;
  /** Called after each batch. */
  onProgress?: (stats: FuzzStats) => void;
}

export interface FuzzReport {
  seed: number;
  durationMs: number;
  stats: FuzzStats;
  principals: Principals;
  /** fast-check's report of the shrunk counterexample, when the property failed. */
  failure?: string;
  /** The violations of the shrunk counterexample. */
  violations: string[];
}

/** Thrown by the property: the violations of one batch. */
class FuzzViolations extends Error {
  constructor(readonly violations: readonly Violation[]) {
    super(violations.map(describeViolation).join('\n'));
  }
}

/** Shrink attempts after which shrinking stops: each one re-sends a whole batch. */
const MAX_SHRINK_RUNS = 300;

export async function runFuzz({ url, db, seed, requests, batchSize = 12, principals: count = 4, onProgress }: FuzzRunOptions): Promise<FuzzReport> {
  const principals = createPrincipals(count);
  const stats = new FuzzStats();
  const ledger = new KeyLedger();
  const owners = new OrderOwners((ids) => db.order.findMany({ where: { id: { in: ids } }, select: { id: true, sessionId: true } }), principals);
  let shrinking = false;
  let shrinkRuns = 0;
  const started = performance.now();

  const property = fc.asyncProperty(fc.array(fuzzRequest(count), { minLength: batchSize, maxLength: batchSize }), async (batch) => {
    if (shrinking && ++shrinkRuns > MAX_SHRINK_RUNS) return;
    const exchanges: Exchange[] = await Promise.all(
      batch.map(async (request) => {
        const { raw, intent } = renderRequest(request, { principals, knownOrderIds: owners.known });
        return { request, raw, intent, outcome: await sendRaw(url, raw) };
      }),
    );
    const ofOthers = await owners.judge(exchanges);
    const violations = [...exchanges.flatMap(judgeExchange), ...ledger.judgeBatch(exchanges), ...ofOthers.violations];
    if (!shrinking) stats.orderIdsChecked += ofOthers.shown;
    stats.add(exchanges, violations, shrinking);
    onProgress?.(stats);
    if (violations.length > 0) {
      shrinking = true;
      throw new FuzzViolations(violations);
    }
  });

  const details = await fc.check(property, { seed, numRuns: Math.ceil(requests / batchSize) });
  const error = details.failed ? details.errorInstance : undefined;
  return {
    seed,
    durationMs: Math.round(performance.now() - started),
    stats,
    principals,
    ...(details.failed ? { failure: fc.defaultReportMessage(details) ?? 'failed' } : {}),
    violations: error instanceof FuzzViolations ? error.violations.map(describeViolation) : error === undefined ? [] : [String(error)],
  };
}

/** One line per violation: kind, detail, and the request as sent and answered. */
export function describeViolation(v: Violation): string {
  return `${v.kind}: ${v.detail}\n    request: ${describeExchange(v.exchange)}`;
}

export function describeExchange({ request, raw, outcome }: Exchange): string {
  const headers = raw.headers.map(([n, v]) => `${n}: ${JSON.stringify(v.length > 120 ? `${v.slice(0, 120)}…(${v.length})` : v)}`).join('; ');
  const body = raw.body === null ? 'no body' : raw.body.length > 300 ? `${raw.body.length} bytes: ${JSON.stringify(raw.body.subarray(0, 120).toString())}…` : JSON.stringify(raw.body.toString());
  const answer = outcome.ok ? `${outcome.response.status} ${JSON.stringify(outcome.response.body.slice(0, 300))}` : `${outcome.reason} (${outcome.detail})`;
  return `[${request.category}] ${raw.method} ${raw.target.slice(0, 300)}${raw.chunked ? ' (chunked)' : ''} | ${headers} | ${body} => ${answer}`;
}
