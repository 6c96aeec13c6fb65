/** The report's "Peers" section: each peer library against its own plain baseline, and Idem's rows from the same run. */
import type { BenchResults, PeerResults, ProviderResults } from './results';
import { fmt, ratio, summarize, type RowSummary } from './summary';

const DB = { sqlite: 'SQLite', postgresql: 'PostgreSQL' } as const;

interface PeerRow {
  library: string;
  store: string;
  overhead: string;
  replay: string;
  executions: string;
  answers: string;
  rps: string;
}

export function peersSection(results: Pick<BenchResults, 'peers' | 'peersSkipped' | 'providers'>): string[] {
  const out = ['## Peers', ''];
  out.push(...method());
  out.push(
    '| library | store | overhead ratio (idempotent ÷ own plain) | replay ÷ first | executions in a 100-way storm of one key | storm answers (per storm) | req/s: plain / first / replay |',
    '|---|---|---|---|---|---|---|',
  );
  for (const p of results.providers) out.push(line(ourRow(p)));
  for (const peer of results.peers) out.push(line(peerRow(peer)));
  if (results.peers.length === 0) out.push(`| express-idempotency, @node-idempotency/core, @aws-lambda-powertools/idempotency | — | not measured: ${results.peersSkipped ?? 'no peer rows in this run'} | | | | |`);
  out.push('');
  return out;
}

function method(): string[] {
  return [
    'Each peer runs in its own express 5 server process (bench/peers/) on its own scratch SQLite file, and does the same work for `POST /order`: one plain-SQL better-sqlite3 checkout (bench/peers/checkout-work.ts — a transaction that decrements stock conditionally and inserts the order, then a charge row under the request\'s key after one turn of the event loop, then a transaction that settles the order). The same process serves that checkout twice: `POST /plain/order` without any idempotency (the peer\'s own baseline) and `POST /order` behind the library, with the key in the `Idempotency-Key` header. Rows (plain, first executions with a new key each, replays of one stored key) take turns with the run\'s connections, duration and repetitions; each storm sends 100 duplicates of one new key at once, as the storm against Idem does, and counts the orders in the database. Redis is the local one (`BENCH_REDIS_URL`, default `redis://127.0.0.1:6379`); its rows are skipped, with the reason, when none answers.',
    '',
    '- **express-idempotency** — its middleware in front of the route, which returns when the middleware already answered (`isHit`), as its README shows; its default in-memory adapter (an array searched per lookup, so its rows slow down as keys accumulate during the run); the answer is stored after it is sent.',
    '- **@node-idempotency/core** — its express middleware is not published on npm, so the route calls the core as its README describes: `onRequest` before the work, `onResponse` (awaited) after; default options (a duplicate of a request in progress is answered 409 without waiting); its memory or Redis storage adapter.',
    '- **@aws-lambda-powertools/idempotency** — `makeIdempotent` around the checkout function (the key is the `key` field of its argument, `eventKeyJmesPath`), `CachePersistenceLayer` on a connected `@redis/client`, and a stand-in Lambda context with 30 s remaining (Powertools reads it to lease an in-progress record; without one it treats every in-progress record as orphaned). A duplicate in progress is answered 409.',
    '- **Idem** — from the same run: the overhead ratio on the baseline server (the app\'s Prisma checkout through tRPC, with and without the middleware), replay ÷ first and the storms through serve:api. Each ratio compares a stack with itself: the peers\' checkout is a few SQL statements, Idem\'s the app\'s Prisma checkout, so a ratio says how much of its own route\'s time the library costs, not which stack is faster.',
    '',
  ];
}

function ourRow(p: ProviderResults): PeerRow {
  const s = (name: string) => summarize(p.rows[name]);
  return {
    library: 'Idem (@idem/trpc-server)',
    store: `prismaStore, ${DB[p.provider]}`,
    overhead: fmt(ratio(s('base:idem'), s('base:plain'))),
    replay: fmt(ratio(s('serve:replay'), s('serve:first'))),
    executions: p.storms.map((x) => x.executions).join(', '),
    answers: answers(p.storms.map((x) => x.statuses)),
    rps: `${rps(s('base:plain'))} / ${rps(s('base:idem'))} (baseline); first ${rps(s('serve:first'))}, replay ${rps(s('serve:replay'))} (serve:api)`,
  };
}

function peerRow(peer: PeerResults): PeerRow {
  const s = (name: 'plain' | 'first' | 'replay') => summarize(peer.rows[name]);
  if (peer.skipped) return { library: peer.name, store: peer.store, overhead: `not measured: ${peer.skipped}`, replay: '', executions: '', answers: '', rps: '' };
  return {
    library: peer.name,
    store: peer.store,
    overhead: fmt(ratio(s('first'), s('plain'))),
    replay: fmt(ratio(s('replay'), s('first'))),
    executions: peer.storms.map((x) => x.executions).join(', '),
    answers: answers(peer.storms.map((x) => x.statuses)),
    rps: `${rps(s('plain'))} / ${rps(s('first'))} / ${rps(s('replay'))}`,
  };
}

function line(row: PeerRow): string {
  return `| ${row.library} | ${row.store} | ${row.overhead} | ${row.replay} | ${row.executions} | ${row.answers} | ${row.rps} |`;
}

function answers(storms: readonly Record<string, number>[]): string {
  return storms.map((statuses) => Object.entries(statuses).map(([status, n]) => `${n}× ${status}`).join(', ')).join('; ');
}

function rps(row: RowSummary | undefined): string {
  return row ? String(Math.round(row.rps)) : 'n/a';
}
