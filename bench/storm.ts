/**
 * N concurrent duplicates of one key (a retry storm), against the latency of one request alone.
 * Executions are counted in the database: the orders created under the key.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '~/server/db/create-db';

export interface StormResult {
  executions: number;
  /** Latency of the storm's requests, ms. */
  p50: number;
  p99: number;
  /** How many answers of each status: one 200 execution, the rest 409 (in progress) or 200 (replay). */
  statuses: Record<string, number>;
}

export async function postPlaceOrder(baseUrl: string, cookie: string, body: string, key: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/trpc/checkout.placeOrder`, { method: 'POST', headers: { 'content-type': 'application/json', cookie, 'idempotency-key': key }, body });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/** Median latency of `count` first executions sent one at a time, ms. */
export async function singleRequestMs(baseUrl: string, cookie: string, body: string, count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push((await postPlaceOrder(baseUrl, cookie, body, randomUUID())).ms);
  return percentile(times, 50);
}

export async function storm(baseUrl: string, cookie: string, body: string, db: Db, n = 100): Promise<StormResult> {
  const key = randomUUID();
  const answers = await Promise.all(Array.from({ length: n }, () => postPlaceOrder(baseUrl, cookie, body, key)));
  const statuses: Record<string, number> = {};
  for (const { status } of answers) statuses[status] = (statuses[status] ?? 0) + 1;
  const executions = await db.order.count({ where: { idempotencyKey: key } });
  const times = answers.map((a) => a.ms);
  return { executions, p50: percentile(times, 50), p99: percentile(times, 99), statuses };
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}
