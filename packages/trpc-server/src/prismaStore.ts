import { LostLockError } from './LostLockError.js';
import { isAbortedBeforeCommit, isUniqueViolation } from './internals/prismaErrors.js';
import { replayCounter } from './internals/replayCounter.js';
import { STARTED, type Fence, type IdempotencyRecordView, type IdempotencyStore, type InProgressRecord, type RecordUpdate } from './store.js';

/** The columns of the `IdempotencyRecord` model this store uses (see the README's schema). */
export interface IdempotencyRecordRow {
  id: string;
  scope: string;
  key: string;
  procedure: string;
  fingerprint: string;
  status: 'IN_PROGRESS' | 'COMPLETED';
  recoveryPoint: string;
  phaseData: string;
  input: string | null;
  lockToken: string | null;
  lockedUntil: Date | null;
  responseStatus: number | null;
  responseBody: string | null;
  completionAttempts: number;
  expiresAt: Date;
}

type ScopeKey = { scope: string; key: string };
type Owned = { id: string; lockToken: string; status: 'IN_PROGRESS' };
/** Records that hold no unfinished work: completed, or in progress with no committed phase. */
type HoldsNoWork = { OR: [{ status: 'COMPLETED' }, { recoveryPoint: string }] };
type Expired = { expiresAt: { lte: Date } } & HoldsNoWork;
type AbandonedWhere = { status: 'IN_PROGRESS'; recoveryPoint: { not: string }; lockedUntil: { lt: Date }; flaggedAt: null };

/**
 * The slice of a Prisma model delegate (`prisma.idempotencyRecord`) this store uses. Any generated
 * client with the documented model fits, whatever its provider.
 */
export interface IdempotencyRecordDelegate {
  create(args: {
    data: ScopeKey & Pick<IdempotencyRecordRow, 'procedure' | 'fingerprint' | 'expiresAt' | 'input'> & { lockToken: string; lockedUntil: Date };
  }): Promise<IdempotencyRecordRow>;
  findUnique(args: { where: { scope_key: ScopeKey } }): Promise<IdempotencyRecordRow | null>;
  findMany(args: { where: AbandonedWhere | Expired; orderBy: { lockedUntil: 'asc' } | { expiresAt: 'asc' }; take: number }): Promise<IdempotencyRecordRow[]>;
  updateMany(args: {
    where: Owned | { id: string } | { id: string; status: 'IN_PROGRESS' };
    data: {
      lockToken?: string | null;
      lockedUntil?: Date | null;
      recoveryPoint?: string;
      phaseData?: string;
      status?: 'COMPLETED';
      responseStatus?: number;
      responseBody?: string;
      replayCount?: { increment: number };
      lastReplayedAt?: Date;
      expiresAt?: Date;
      flaggedAt?: Date | null;
      flagReason?: string | null;
    };
  }): Promise<{ count: number }>;
  updateManyAndReturn(args: {
    where: (Owned & { lockedUntil: { lt: Date } }) | { id: string; status: 'IN_PROGRESS'; flaggedAt: null };
    data: { lockToken: string; lockedUntil: Date; expiresAt: Date } | { completionAttempts: { increment: number } };
  }): Promise<IdempotencyRecordRow[]>;
  deleteMany(args: { where: (Owned & { recoveryPoint: string }) | ({ id: string | { in: string[] } } & Expired) }): Promise<{ count: number }>;
}

/** A Prisma client (or anything shaped like one) whose transactions expose the same model. */
export interface PrismaLikeClient<TTx extends { idempotencyRecord: IdempotencyRecordDelegate }> {
  idempotencyRecord: IdempotencyRecordDelegate;
  $transaction<R>(fn: (tx: TTx) => Promise<R>, options?: { maxWait?: number; timeout?: number }): Promise<R>;
}

export interface PrismaStoreOptions<TTx extends { idempotencyRecord: IdempotencyRecordDelegate }> {
  /** The Prisma client. Fenced phases run in its interactive transactions. */
  db: PrismaLikeClient<TTx>;
  /**
   * Longest a fenced transaction may run before Prisma rolls it back. Keep it below the lock timeout.
   * @default 15_000
   */
  transactionTimeoutMs?: number;
  /**
   * Longest to wait for a connection to start a transaction.
   * @default 10_000
   */
  transactionMaxWaitMs?: number;
  /**
   * How many times a fenced transaction the database aborted before commit (deadlock,
   * serialization failure, no connection in time) is run again before the error reaches the caller.
   * @default 3
   */
  transientRetries?: number;
  /**
   * How long replay counts are buffered before they are written, one write per record: a replay
   * is answered without waiting for a write. Call `flushReplays()` to write them at once.
   * @default 1_000
   */
  replayFlushMs?: number;
}

/**
 * Stores records through Prisma, on any database whose unique constraint on (scope, key) it relies
 * on. Fenced work runs in an interactive transaction that first touches the record under its lock
 * token — on PostgreSQL that row lock also makes a concurrent takeover wait for the commit.
 *
 * A fenced transaction that the database aborted before it could commit — a deadlock, a
 * serialization failure, or no connection within `transactionMaxWaitMs` — is run again, up to
 * `transientRetries` times: its writes rolled back, so running it again is safe. Any other failure
 * is the caller's to handle.
 *
 * Replay counts (`replayCount`, `lastReplayedAt`) are buffered and written every `replayFlushMs`.
 */
// eslint-disable-next-line max-lines-per-function -- One closure: the store's methods share its client and replay buffer; each method is short.
export function prismaStore<TTx extends { idempotencyRecord: IdempotencyRecordDelegate }>(options: PrismaStoreOptions<TTx>): IdempotencyStore<TTx> {
  const { db, transactionTimeoutMs = 15_000, transactionMaxWaitMs = 10_000, transientRetries = 3, replayFlushMs = 1_000 } = options;
  const records = db.idempotencyRecord;
  // updateMany: a record swept meanwhile is no error; its replays were answered all the same.
  const replays = replayCounter(async ({ id, count, at }) => {
    await records.updateMany({ where: { id }, data: { replayCount: { increment: count }, lastReplayedAt: at } });
  }, replayFlushMs);
  const holdsNoWork: HoldsNoWork = { OR: [{ status: 'COMPLETED' }, { recoveryPoint: STARTED }] };

  function fencedOnce<T>(fence: Fence, work: (tx: TTx) => Promise<T>, update: (result: T) => RecordUpdate): Promise<T> {
    const where: Owned = { id: fence.id, lockToken: fence.lockToken, status: 'IN_PROGRESS' };
    return db.$transaction(
      async (tx) => {
        // Touch the record first: fail fast when the lock is gone, and hold its row lock. A write
        // first also takes SQLite's write lock at the start, so processes sharing one SQLite file
        // never deadlock upgrading a read lock mid-transaction (a fence written only after the
        // work did, and stranded the completer's work in a multi-process test).
        const touched = await tx.idempotencyRecord.updateMany({ where, data: { lockToken: fence.lockToken } });
        if (touched.count !== 1) throw new LostLockError();
        const result = await work(tx);
        const { lockedUntil, recoveryPoint, phaseData, response, expiresAt } = update(result);
        const data = response
          ? { status: 'COMPLETED' as const, responseStatus: response.status, responseBody: response.body, lockToken: null, lockedUntil: null, recoveryPoint, expiresAt, flaggedAt: null, flagReason: null }
          : { lockedUntil, recoveryPoint, phaseData, expiresAt };
        const { count } = await tx.idempotencyRecord.updateMany({ where, data });
        if (count !== 1) throw new LostLockError();
        return result;
      },
      { timeout: transactionTimeoutMs, maxWait: transactionMaxWaitMs },
    );
  }

  return {
    transactionTimeoutMs,
    async insert({ scope, key, procedure, fingerprint, input, lockToken, lockedUntil, expiresAt }) {
      try {
        const row = await records.create({ data: { scope, key, procedure, fingerprint, input, lockToken, lockedUntil, expiresAt } });
        return { inserted: true, record: toView(row) as InProgressRecord };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const existing = await records.findUnique({ where: { scope_key: { scope, key } } });
      return { inserted: false, existing: existing && toView(existing) };
    },
    async takeOver({ id, expectedToken, lockToken, lockedUntil, expiresAt, now }) {
      const [row] = await records.updateManyAndReturn({
        where: { id, lockToken: expectedToken, status: 'IN_PROGRESS', lockedUntil: { lt: now } },
        data: { lockToken, lockedUntil, expiresAt },
      });
      return row ? (toView(row) as InProgressRecord) : null;
    },
    async deleteExpired({ id, now }) {
      const { count } = await records.deleteMany({ where: { id, expiresAt: { lte: now }, ...holdsNoWork } });
      return count === 1;
    },
    async fenced(fence, work, update) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await fencedOnce(fence, work, update);
        } catch (error) {
          if (attempt > transientRetries || !isAbortedBeforeCommit(error)) throw error;
        }
      }
    },
    async release({ id, lockToken }) {
      const { count } = await records.deleteMany({ where: { id, lockToken, status: 'IN_PROGRESS', recoveryPoint: STARTED } });
      return count === 1;
    },
    async find({ scope, key }) {
      const row = await records.findUnique({ where: { scope_key: { scope, key } } });
      return row && toView(row);
    },
    async recordReplay(input) {
      replays.add(input);
    },
    flushReplays: () => replays.flush(),
    async findAbandoned({ now, limit }) {
      const rows = await records.findMany({
        where: { status: 'IN_PROGRESS', recoveryPoint: { not: STARTED }, lockedUntil: { lt: now }, flaggedAt: null },
        orderBy: { lockedUntil: 'asc' },
        take: limit,
      });
      return rows.map((row) => ({ ...(toView(row) as InProgressRecord), completionAttempts: row.completionAttempts }));
    },
    async countCompletionAttempt({ id }) {
      const [row] = await records.updateManyAndReturn({ where: { id, status: 'IN_PROGRESS', flaggedAt: null }, data: { completionAttempts: { increment: 1 } } });
      return row ? row.completionAttempts : null;
    },
    async flag({ id, reason, at }) {
      await records.updateMany({ where: { id, status: 'IN_PROGRESS' }, data: { flaggedAt: at, flagReason: reason } });
    },
    async sweepExpired({ now, limit }) {
      const expired: Expired = { expiresAt: { lte: now }, ...holdsNoWork };
      const batch = await records.findMany({ where: expired, orderBy: { expiresAt: 'asc' }, take: limit });
      if (batch.length === 0) return 0;
      // The same conditions again in the delete: a record resumed since the read is not swept.
      const { count } = await records.deleteMany({ where: { id: { in: batch.map((r) => r.id) }, ...expired } });
      return count;
    },
  };
}

function toView(row: IdempotencyRecordRow): IdempotencyRecordView {
  const { id, scope, key, procedure, fingerprint, expiresAt } = row;
  if (row.status === 'COMPLETED' && row.responseStatus !== null && row.responseBody !== null) {
    return { id, scope, key, procedure, fingerprint, expiresAt, status: 'COMPLETED', response: { status: row.responseStatus, body: row.responseBody } };
  }
  return {
    id, scope, key, procedure, fingerprint, expiresAt,
    status: 'IN_PROGRESS',
    lockToken: row.lockToken ?? '',
    lockedUntil: row.lockedUntil ?? new Date(0),
    recoveryPoint: row.recoveryPoint,
    phaseData: row.phaseData,
    input: row.input,
  };
}

