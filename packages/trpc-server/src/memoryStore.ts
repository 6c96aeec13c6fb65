import { LostLockError } from './LostLockError.js';
import { STARTED, type AbandonedRecord, type IdempotencyRecordView, type IdempotencyStore, type InProgressRecord } from './store.js';

type MemoryRecord = IdempotencyRecordView & { completionAttempts: number; flaggedAt: Date | null; flagReason: string | null };

/**
 * An in-process store, for tests and single-process apps without a database. Records live in a
 * Map and die with the process. It has no transactions: a fenced `work` that fails after writing
 * elsewhere is not rolled back, and `tx` is `undefined`.
 */
// eslint-disable-next-line max-lines-per-function -- One closure: the store's methods share its records; each method is short.
export function memoryStore(): IdempotencyStore<undefined> {
  const records = new Map<string, MemoryRecord>();
  const idOf = (scope: string, key: string) => JSON.stringify([scope, key]);
  let nextId = 1;
  const byId = (id: string) => [...records.values()].find((r) => r.id === id);
  const owned = (id: string, lockToken: string) => {
    const record = byId(id);
    return record?.status === 'IN_PROGRESS' && record.lockToken === lockToken ? record : undefined;
  };
  /** No committed phase, or a final outcome: nothing the completer still has to finish. */
  const holdsNoWork = (record: IdempotencyRecordView) => record.status === 'COMPLETED' || record.recoveryPoint === STARTED;
  const view = (record: MemoryRecord): IdempotencyRecordView => {
    const { completionAttempts: _attempts, flaggedAt: _flagged, flagReason: _reason, ...rest } = structuredClone(record);
    return rest as IdempotencyRecordView;
  };

  return {
    async insert(input) {
      const existing = records.get(idOf(input.scope, input.key));
      if (existing) return { inserted: false, existing: view(existing) };
      const record: InProgressRecord = { ...input, id: String(nextId++), status: 'IN_PROGRESS', recoveryPoint: STARTED, phaseData: '{}' };
      records.set(idOf(input.scope, input.key), { ...record, completionAttempts: 0, flaggedAt: null, flagReason: null });
      return { inserted: true, record: structuredClone(record) };
    },
    async takeOver({ id, expectedToken, lockToken, lockedUntil, expiresAt, now }) {
      const record = owned(id, expectedToken);
      if (!record || record.lockedUntil >= now) return null;
      Object.assign(record, { lockToken, lockedUntil, expiresAt });
      return view(record) as InProgressRecord;
    },
    async deleteExpired({ id, now }) {
      const record = byId(id);
      if (!record || record.expiresAt > now || !holdsNoWork(record)) return false;
      records.delete(idOf(record.scope, record.key));
      return true;
    },
    async fenced(fence, work, update) {
      if (!owned(fence.id, fence.lockToken)) throw new LostLockError();
      const result = await work(undefined);
      const record = owned(fence.id, fence.lockToken);
      if (!record) throw new LostLockError();
      const { lockedUntil, recoveryPoint, phaseData, response, expiresAt = record.expiresAt } = update(result);
      if (response) {
        const { id, scope, key, procedure, fingerprint, completionAttempts } = record;
        records.set(idOf(scope, key), { id, scope, key, procedure, fingerprint, expiresAt, status: 'COMPLETED', response, completionAttempts, flaggedAt: null, flagReason: null });
      } else {
        Object.assign(record, { lockedUntil, expiresAt }, recoveryPoint && { recoveryPoint }, phaseData && { phaseData });
      }
      return result;
    },
    async release({ id, lockToken }) {
      const record = owned(id, lockToken);
      if (!record || record.recoveryPoint !== STARTED) return false;
      records.delete(idOf(record.scope, record.key));
      return true;
    },
    async find({ scope, key }) {
      const record = records.get(idOf(scope, key));
      return record ? view(record) : null;
    },
    async recordReplay() {},
    async findAbandoned({ now, limit }) {
      return [...records.values()]
        .filter((r): r is MemoryRecord & InProgressRecord => r.status === 'IN_PROGRESS' && r.recoveryPoint !== STARTED && r.lockedUntil < now && r.flaggedAt === null)
        .sort((a, b) => a.lockedUntil.getTime() - b.lockedUntil.getTime())
        .slice(0, limit)
        .map((r) => ({ ...(view(r) as InProgressRecord), completionAttempts: r.completionAttempts }) satisfies AbandonedRecord);
    },
    async countCompletionAttempt({ id }) {
      const record = byId(id);
      if (record?.status !== 'IN_PROGRESS' || record.flaggedAt !== null) return null;
      return ++record.completionAttempts;
    },
    async flag({ id, reason, at }) {
      const record = byId(id);
      if (record?.status === 'IN_PROGRESS') Object.assign(record, { flaggedAt: at, flagReason: reason });
    },
    async sweepExpired({ now, limit }) {
      const expired = [...records.values()].filter((r) => r.expiresAt <= now && holdsNoWork(r)).slice(0, limit);
      for (const record of expired) records.delete(idOf(record.scope, record.key));
      return expired.length;
    },
  };
}
