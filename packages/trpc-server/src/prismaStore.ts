import { LostLockError } from './errors.js';
import type { IdempotencyRecordView, IdempotencyStore, InProgressRecord } from './store.js';

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
  lockToken: string | null;
  lockedUntil: Date | null;
  responseStatus: number | null;
  responseBody: string | null;
  expiresAt: Date;
}

type ScopeKey = { scope: string; key: string };
type Owned = { id: string; lockToken: string; status: 'IN_PROGRESS' };

/**
 * The slice of a Prisma model delegate (`prisma.idempotencyRecord`) this store uses. Any generated
 * client with the documented model fits, whatever its provider.
 */
export interface IdempotencyRecordDelegate {
  create(args: {
    data: ScopeKey & Pick<IdempotencyRecordRow, 'procedure' | 'fingerprint' | 'expiresAt'> & { lockToken: string; lockedUntil: Date };
  }): Promise<IdempotencyRecordRow>;
  findUnique(args: { where: { scope_key: ScopeKey } }): Promise<IdempotencyRecordRow | null>;
  updateMany(args: {
    where: Owned | (Owned & { lockedUntil: { lt: Date } });
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
    };
  }): Promise<{ count: number }>;
  update(args: { where: { id: string }; data: { replayCount: { increment: number }; lastReplayedAt: Date } }): Promise<unknown>;
  deleteMany(args: { where: Owned | { id: string; expiresAt: { lte: Date } } }): Promise<{ count: number }>;
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
}

/**
 * Stores records through Prisma, on any database whose unique constraint on (scope, key) it relies
 * on. Fenced work runs in an interactive transaction that first touches the record under its lock
 * token — on PostgreSQL that row lock also makes a concurrent takeover wait for the commit.
 */
export function prismaStore<TTx extends { idempotencyRecord: IdempotencyRecordDelegate }>(options: PrismaStoreOptions<TTx>): IdempotencyStore<TTx> {
  const { db, transactionTimeoutMs = 15_000, transactionMaxWaitMs = 10_000 } = options;
  const records = db.idempotencyRecord;

  return {
    async insert({ scope, key, procedure, fingerprint, lockToken, lockedUntil, expiresAt }) {
      try {
        const row = await records.create({ data: { scope, key, procedure, fingerprint, lockToken, lockedUntil, expiresAt } });
        return { inserted: true, record: toView(row) as InProgressRecord };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const existing = await records.findUnique({ where: { scope_key: { scope, key } } });
      return { inserted: false, existing: existing && toView(existing) };
    },
    async takeOver({ id, expectedToken, lockToken, lockedUntil, now }) {
      const { count } = await records.updateMany({
        where: { id, lockToken: expectedToken, status: 'IN_PROGRESS', lockedUntil: { lt: now } },
        data: { lockToken, lockedUntil },
      });
      return count === 1;
    },
    async deleteExpired({ id, now }) {
      const { count } = await records.deleteMany({ where: { id, expiresAt: { lte: now } } });
      return count === 1;
    },
    fenced(fence, work, update) {
      const where: Owned = { id: fence.id, lockToken: fence.lockToken, status: 'IN_PROGRESS' };
      return db.$transaction(
        async (tx) => {
          // Touch the record first: fail fast when the lock is gone, and hold its row lock.
          const touched = await tx.idempotencyRecord.updateMany({ where, data: { lockToken: fence.lockToken } });
          if (touched.count !== 1) throw new LostLockError();
          const result = await work(tx);
          const { lockedUntil, recoveryPoint, phaseData, response } = update(result);
          const data = response
            ? { status: 'COMPLETED' as const, responseStatus: response.status, responseBody: response.body, lockToken: null, lockedUntil: null, recoveryPoint }
            : { lockedUntil, recoveryPoint, phaseData };
          const { count } = await tx.idempotencyRecord.updateMany({ where, data });
          if (count !== 1) throw new LostLockError();
          return result;
        },
        { timeout: transactionTimeoutMs, maxWait: transactionMaxWaitMs },
      );
    },
    async release({ id, lockToken }) {
      const { count } = await records.deleteMany({ where: { id, lockToken, status: 'IN_PROGRESS' } });
      return count === 1;
    },
    async find({ scope, key }) {
      const row = await records.findUnique({ where: { scope_key: { scope, key } } });
      return row && toView(row);
    },
    async recordReplay({ id, at }) {
      await records.update({ where: { id }, data: { replayCount: { increment: 1 }, lastReplayedAt: at } });
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
  };
}

/** Prisma's P2002, checked by shape so that any generated client's error class matches. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
