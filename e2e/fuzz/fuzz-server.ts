/**
 * The server under fuzz: the real API process (e2e/support/api-server.ts) on a seeded database,
 * signing sessions with the fuzzer's secret, with a concurrency bound the fuzzer never reaches
 * (so that every 5xx is a finding, never backpressure) and operator access on, behind a token the
 * fuzzer does not send.
 */
import { randomBytes } from 'node:crypto';
import { seed } from '../../prisma/seed';
import type { Db } from '~/server/db/create-db';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { FUZZ_SESSION_SECRET } from './principals';
import { SCARCE_PRODUCT } from './shop-inputs';

/** Far above the fuzzer's own concurrency (one batch of requests at a time). */
const MAX_CONCURRENT_REQUESTS = '10000';

/** The catalog seeded, and stock no run can exhaust — except the scarce product's, for out-of-stock races. */
export async function prepareFuzzCatalog(db: Db): Promise<void> {
  await seed(db);
  await db.product.updateMany({ where: { id: { not: SCARCE_PRODUCT } }, data: { stock: 1_000_000_000 } });
}

/** What the server's log says went wrong, whether or not a client was answered so. */
export interface ServerLogSummary {
  /** Request lines with a 5xx status: answered 5xx, or decided 5xx for a client already gone. */
  requests5xx: number;
  /** Lines at level error. */
  errors: number;
  /** A few of those lines. */
  samples: string[];
}

export interface FuzzServer {
  process: ServerProcess;
  url: string;
  /** The server's last log lines (warnings and errors), for a failure report. */
  recentLog(): string[];
  logSummary(): ServerLogSummary;
  stop(): Promise<void>;
}

export async function startFuzzServer(databaseUrl: string): Promise<FuzzServer> {
  const env = {
    SESSION_SECRET: FUZZ_SESSION_SECRET,
    API_MAX_CONCURRENT_REQUESTS: MAX_CONCURRENT_REQUESTS,
    OPS_TOKEN: randomBytes(24).toString('base64url'),
    LOG_LEVEL: 'warn',
  };
  const server = await startServerProcess(databaseUrl, env);
  const lines: string[] = [];
  const summary: ServerLogSummary = { requests5xx: 0, errors: 0, samples: [] };
  let partial = '';
  const keep = (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const complete = text.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete.filter((l) => l.trim() !== '')) {
      lines.push(line);
      if (isServerFault(line)) {
        if (/"event":"request"/.test(line)) summary.requests5xx++;
        else summary.errors++;
        if (summary.samples.length < 10) summary.samples.push(line.slice(0, 1_000));
      }
    }
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  server.child.stdout?.on('data', keep);
  server.child.stderr?.on('data', keep);
  return { process: server, url: server.url, recentLog: () => [...lines], logSummary: () => ({ ...summary, samples: [...summary.samples] }), stop: () => server.stop() };
}

/** An error line, or a request line with a 5xx status. */
function isServerFault(line: string): boolean {
  try {
    const entry = JSON.parse(line) as { level?: string | number; event?: string; status?: number };
    return entry.level === 'error' || entry.level === 'fatal' || (typeof entry.level === 'number' && entry.level >= 50) || (entry.event === 'request' && (entry.status ?? 0) >= 500);
  } catch {
    return false;
  }
}
