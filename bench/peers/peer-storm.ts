/**
 * A retry storm against one peer variant: `n` concurrent duplicates of one new key, sent as the
 * harness's storm against Idem sends them (bench/storm.ts); executions are counted in the variant's
 * database, as the orders placed under the key.
 */
import { randomUUID } from 'node:crypto';
import { countOrders, openPeerDatabase } from './checkout-work';

export interface PeerStormResult {
  executions: number;
  /** How many answers of each status. */
  statuses: Record<string, number>;
}

/** One POST of `body` under `key`; its status. */
export async function postOrder(url: string, body: string, key: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body });
  await response.arrayBuffer();
  return response.status;
}

export async function peerStorm(orderUrl: string, body: string, databaseFile: string, n = 100): Promise<PeerStormResult> {
  const key = randomUUID();
  const answers = await Promise.all(Array.from({ length: n }, () => postOrder(orderUrl, body, key)));
  const statuses: Record<string, number> = {};
  for (const status of answers) statuses[status] = (statuses[status] ?? 0) + 1;
  const db = openPeerDatabase(databaseFile);
  try {
    return { executions: countOrders(db, key), statuses };
  } finally {
    db.close();
  }
}
