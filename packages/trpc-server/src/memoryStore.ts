import type { ClaimInput, ClaimResult, FencedInput, IdempotencyRecordView, IdempotencyStore, StoredResponse } from './store.js';

interface MemoryRecord extends ClaimInput {
  response: StoredResponse | null;
}

/**
 * An in-process store, for tests and single-process apps without a database. Records live in a
 * Map and die with the process; nothing is shared between instances.
 */
export function memoryStore(): IdempotencyStore {
  const records = new Map<string, MemoryRecord>();
  const id = (scope: string, key: string) => JSON.stringify([scope, key]);
  const owned = ({ scope, key, lockToken }: FencedInput) => {
    const record = records.get(id(scope, key));
    return record?.lockToken === lockToken && record.response === null ? record : null;
  };

  return {
    async claim(input) {
      const existing = records.get(id(input.scope, input.key));
      if (existing) return { claimed: false, existing: view(existing) } satisfies ClaimResult;
      records.set(id(input.scope, input.key), { ...input, response: null });
      return { claimed: true };
    },
    async complete(input) {
      const record = owned(input);
      if (!record) return false;
      record.response = input.response;
      return true;
    },
    async release(input) {
      if (!owned(input)) return false;
      records.delete(id(input.scope, input.key));
      return true;
    },
    async recordReplay() {},
  };
}

function view(record: MemoryRecord): IdempotencyRecordView {
  const { scope, key, procedure, fingerprint, expiresAt } = record;
  return record.response
    ? { status: 'COMPLETED', scope, key, procedure, fingerprint, expiresAt, response: record.response }
    : { status: 'IN_PROGRESS', scope, key, procedure, fingerprint, expiresAt, lockedUntil: record.lockedUntil };
}
