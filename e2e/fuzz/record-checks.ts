/**
 * The database after a fuzz run: every stored idempotency record well formed, every order created
 * exactly once per (session, key) by a session the fuzzer holds, and no stock below zero.
 */
import type { Db } from '~/server/db/create-db';
import { PROCEDURES } from './procedure-table';
import { ORDER_CREATING_PROCEDURE } from './shop-inputs';

export interface RecordCheck {
  records: number;
  orders: number;
  /** One line per problem found; empty when all is well. */
  problems: string[];
}

const VISIBLE_KEY = /^[\x21-\x7e]{1,255}$/;
const IDEMPOTENT = new Set(Object.entries(PROCEDURES).filter(([, p]) => p.idempotent).map(([name]) => name));

/**
 * Resolves once no record is IN_PROGRESS — requests whose clients left may still be running when
 * the last answer is read — or after `timeoutMs`; with how many are left.
 */
export async function settledRecords(db: Db, timeoutMs = 20_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = await db.idempotencyRecord.count({ where: { status: 'IN_PROGRESS' } });
    if (left === 0 || Date.now() >= deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type StoredRecord = Awaited<ReturnType<Db['idempotencyRecord']['findMany']>>[number];

/** Checks records, orders and stock; `principalIds`: the only sessions that may own anything. */
export async function checkStoredRecords(db: Db, principalIds: readonly string[]): Promise<RecordCheck> {
  const principals = new Set(principalIds);
  const records = await db.idempotencyRecord.findMany();
  const orders = await db.order.findMany({ select: { id: true, sessionId: true, idempotencyKey: true } });
  const ordersById = new Map(orders.map((o) => [o.id, o]));
  const problems: string[] = [];
  for (const record of records) {
    for (const problem of recordProblems(record, principals)) problems.push(`record ${record.id} (${record.key.slice(0, 40)}): ${problem}`);
    if (record.status === 'COMPLETED' && record.responseBody !== null) {
      for (const orderId of orderIdsIn(record.responseBody)) {
        const order = ordersById.get(orderId);
        if (!order) problems.push(`record ${record.id}: its response names order ${orderId}, which does not exist`);
        else if (order.sessionId !== record.scope) problems.push(`record ${record.id}: its response names order ${orderId} of another session`);
        else if (record.procedure === ORDER_CREATING_PROCEDURE && order.idempotencyKey !== record.key) problems.push(`record ${record.id}: its response names order ${orderId}, created under another key`);
      }
    }
  }
  const recordKeys = new Set(records.map((r) => `${r.scope}\0${r.key}`));
  const perKey = new Map<string, number>();
  for (const order of orders) {
    if (!principals.has(order.sessionId)) problems.push(`order ${order.id} belongs to session ${order.sessionId}, which the fuzzer never held`);
    if (order.idempotencyKey === null) continue;
    const id = `${order.sessionId}\0${order.idempotencyKey}`;
    perKey.set(id, (perKey.get(id) ?? 0) + 1);
    if (!recordKeys.has(id)) problems.push(`order ${order.id} has no idempotency record for its key`);
  }
  for (const [id, count] of perKey) if (count > 1) problems.push(`${count} orders for one (session, key): ${id.replace('\0', ' / ')}`);
  for (const p of await db.product.findMany({ where: { stock: { lt: 0 } }, select: { id: true, stock: true } })) problems.push(`product ${p.id} has stock ${p.stock}`);
  return { records: records.length, orders: orders.length, problems };
}

function recordProblems(r: StoredRecord, principals: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  check(r.scope !== '' && principals.has(r.scope), `scope ${JSON.stringify(r.scope)} is no session the fuzzer held`);
  check(VISIBLE_KEY.test(r.key), 'key is not 1–255 visible ASCII characters');
  check(IDEMPOTENT.has(r.procedure), `procedure ${JSON.stringify(r.procedure)} is not idempotent`);
  check(/^[\x21-\x7e]+$/.test(r.fingerprint), 'fingerprint is empty or not visible ASCII');
  check(r.status === 'COMPLETED' || r.status === 'IN_PROGRESS', `status ${String(r.status)} is not in the enum`);
  check(r.status !== 'IN_PROGRESS', 'left IN_PROGRESS after every request was answered');
  check(r.recoveryPoint !== '', 'recoveryPoint is empty');
  check(parsesAsObject(r.phaseData), 'phaseData is not a JSON object');
  check(r.input === null || r.input === '' || parses(r.input), 'input is not JSON');
  check(r.expiresAt.getTime() > r.createdAt.getTime(), 'expiresAt is not after createdAt');
  check(r.updatedAt.getTime() >= r.createdAt.getTime(), 'updatedAt is before createdAt');
  check(Number.isInteger(r.replayCount) && r.replayCount >= 0, `replayCount ${r.replayCount}`);
  check(r.flaggedAt === null, `flagged: ${r.flagReason ?? ''}`);
  if (r.status === 'COMPLETED') {
    check(r.responseStatus !== null && Number.isInteger(r.responseStatus) && r.responseStatus >= 200 && r.responseStatus < 500, `COMPLETED with responseStatus ${r.responseStatus}`);
    check(r.responseBody !== null && parsesAsObject(r.responseBody) && /^\{"(result|error)":/.test(r.responseBody), 'COMPLETED without a JSON responseBody holding result or error');
  }
  return problems;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function parsesAsObject(text: string | null): boolean {
  if (text === null || !parses(text)) return false;
  const value: unknown = JSON.parse(text);
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function orderIdsIn(body: string): string[] {
  const ids: string[] = [];
  if (!parses(body)) return ids;
  JSON.parse(body, (key, value: unknown) => {
    if (key === 'orderId' && typeof value === 'string') ids.push(value);
    return value;
  });
  return ids;
}
