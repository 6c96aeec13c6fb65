import { LostLockError } from './errors.js';
import type { IdempotencyRecordView, IdempotencyStore, InProgressRecord } from './store.js';

/**
 * An in-process store, for tests and single-process apps without a database. Records live in a
 * Map and die with the process. It has no transactions: a fenced `work` that fails after writing
 * elsewhere is not rolled back, and `tx` is `undefined`.
 */
export function memoryStore(): IdempotencyStore<undefined> {
  const records = new Map<string, IdempotencyRecordView>();
  const idOf = (scope: string, key: string) => JSON.stringify([scope, key]);
  let nextId = 1;
  const byId = (id: string) => [...records.values()].find((r) => r.id === id);
  const owned = (id: string, lockToken: string) => {
    const record = byId(id);
    return record?.status === 'IN_PROGRESS' && record.lockToken === lockToken ? record : undefined;
  };

  return {
    async insert(input) {
      const existing = records.get(idOf(input.scope, input.key));
      if (existing) return { inserted: false, existing: structuredClone(existing) };
      const record: InProgressRecord = { ...input, id: String(nextId++), status: 'IN_PROGRESS', recoveryPoint: 'started', phaseData: '{}' };
      records.set(idOf(input.scope, input.key), record);
      return { inserted: true, record: structuredClone(record) };
    },
    async takeOver({ id, expectedToken, lockToken, lockedUntil, now }) {
      const record = owned(id, expectedToken);
      if (!record || record.lockedUntil >= now) return false;
      Object.assign(record, { lockToken, lockedUntil });
      return true;
    },
    async deleteExpired({ id, now }) {
      const record = byId(id);
      if (!record || record.expiresAt > now) return false;
      records.delete(idOf(record.scope, record.key));
      return true;
    },
    async fenced(fence, work, update) {
      if (!owned(fence.id, fence.lockToken)) throw new LostLockError();
      const result = await work(undefined);
      const record = owned(fence.id, fence.lockToken);
      if (!record) throw new LostLockError();
      const { lockedUntil, recoveryPoint, phaseData, response } = update(result);
      if (response) {
        const { id, scope, key, procedure, fingerprint, expiresAt } = record;
        records.set(idOf(scope, key), { id, scope, key, procedure, fingerprint, expiresAt, status: 'COMPLETED', response });
      } else {
        Object.assign(record, { lockedUntil }, recoveryPoint && { recoveryPoint }, phaseData && { phaseData });
      }
      return result;
    },
    async release({ id, lockToken }) {
      const record = owned(id, lockToken);
      if (!record) return false;
      records.delete(idOf(record.scope, record.key));
      return true;
    },
    async find({ scope, key }) {
      const record = records.get(idOf(scope, key));
      return record ? structuredClone(record) : null;
    },
    async recordReplay() {},
  };
}
