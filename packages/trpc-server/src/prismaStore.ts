import type { ClaimResult, IdempotencyRecordView, IdempotencyStore } from './store.js';

/** The columns of the `IdempotencyRecord` model this store reads (see the README's schema). */
export interface IdempotencyRecordRow {
  scope: string;
  key: string;
  procedure: string;
  fingerprint: string;
  status: 'IN_PROGRESS' | 'COMPLETED';
  lockedUntil: Date | null;
  responseStatus: number | null;
  responseBody: string | null;
  expiresAt: Date;
}

type ScopeKey = { scope: string; key: string };

/**
 * The slice of a Prisma model delegate (`prisma.idempotencyRecord`) this store uses. Any generated
 * client with the documented model fits, whatever its provider.
 */
export interface IdempotencyRecordDelegate {
  create(args: { data: Omit<IdempotencyRecordRow, 'responseStatus' | 'responseBody'> & { lockToken: string } }): Promise<unknown>;
  findUnique(args: { where: { scope_key: ScopeKey } }): Promise<IdempotencyRecordRow | null>;
  updateMany(args: {
    where: ScopeKey & { lockToken: string; status: 'IN_PROGRESS' };
    data: Partial<Pick<IdempotencyRecordRow, 'status' | 'responseStatus' | 'responseBody'>> & { lockToken: null; lockedUntil: null };
  }): Promise<{ count: number }>;
  deleteMany(args: { where: ScopeKey & { lockToken: string; status: 'IN_PROGRESS' } }): Promise<{ count: number }>;
  update(args: { where: { scope_key: ScopeKey }; data: { replayCount: { increment: number }; lastReplayedAt: Date } }): Promise<unknown>;
}

export interface PrismaStoreOptions {
  /** `prisma.idempotencyRecord`, or the same model under another name. */
  records: IdempotencyRecordDelegate;
}

/** Stores records through Prisma, on any database whose unique constraint on (scope, key) it relies on. */
export function prismaStore({ records }: PrismaStoreOptions): IdempotencyStore {
  return {
    async claim(input): Promise<ClaimResult> {
      const { scope, key, procedure, fingerprint, lockToken, lockedUntil, expiresAt } = input;
      try {
        await records.create({ data: { scope, key, procedure, fingerprint, status: 'IN_PROGRESS', lockToken, lockedUntil, expiresAt } });
        return { claimed: true };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const existing = await records.findUnique({ where: { scope_key: { scope, key } } });
      // Deleted between our insert and our read (its owner released it): the caller may retry.
      if (!existing) return { claimed: false, existing: { status: 'IN_PROGRESS', scope, key, procedure, fingerprint, expiresAt, lockedUntil } };
      return { claimed: false, existing: toView(existing) };
    },
    async complete({ scope, key, lockToken, response }) {
      const { count } = await records.updateMany({
        where: { scope, key, lockToken, status: 'IN_PROGRESS' },
        data: { status: 'COMPLETED', responseStatus: response.status, responseBody: response.body, lockToken: null, lockedUntil: null },
      });
      return count === 1;
    },
    async release({ scope, key, lockToken }) {
      const { count } = await records.deleteMany({ where: { scope, key, lockToken, status: 'IN_PROGRESS' } });
      return count === 1;
    },
    async recordReplay({ scope, key, at }) {
      await records.update({ where: { scope_key: { scope, key } }, data: { replayCount: { increment: 1 }, lastReplayedAt: at } });
    },
  };
}

function toView(row: IdempotencyRecordRow): IdempotencyRecordView {
  const { scope, key, procedure, fingerprint, expiresAt } = row;
  if (row.status === 'COMPLETED' && row.responseStatus !== null && row.responseBody !== null) {
    return { status: 'COMPLETED', scope, key, procedure, fingerprint, expiresAt, response: { status: row.responseStatus, body: row.responseBody } };
  }
  return { status: 'IN_PROGRESS', scope, key, procedure, fingerprint, expiresAt, lockedUntil: row.lockedUntil ?? expiresAt };
}

/** Prisma's P2002, checked by shape so that any generated client's error class matches. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
