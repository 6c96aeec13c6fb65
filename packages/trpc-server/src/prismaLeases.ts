import { isUniqueViolation } from './internals/prismaErrors.js';
import type { LeaseStore } from './store.js';

/** The slice of a Prisma model delegate (`prisma.lease`) `prismaLeases` uses. */
export interface LeaseDelegate {
  create(args: { data: { name: string; holder: string; expiresAt: Date } }): Promise<unknown>;
  updateMany(args: {
    where: { name: string; OR?: [{ holder: string }, { expiresAt: { lt: Date } }]; holder?: string };
    data: { holder?: string; expiresAt: Date };
  }): Promise<{ count: number }>;
}

/**
 * Leases in the `Lease` model, each taken with one conditional write, so that at most one instance
 * holds a lease at a time across every instance sharing the database.
 */
export function prismaLeases(options: { db: { lease: LeaseDelegate } }): LeaseStore {
  const leases = options.db.lease;
  return {
    async acquire({ name, holder, until, now }) {
      const { count } = await leases.updateMany({ where: { name, OR: [{ holder }, { expiresAt: { lt: now } }] }, data: { holder, expiresAt: until } });
      if (count === 1) return true;
      try {
        await leases.create({ data: { name, holder, expiresAt: until } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false; // someone else holds it, live
        throw error;
      }
    },
    async release({ name, holder }) {
      await leases.updateMany({ where: { name, holder }, data: { expiresAt: new Date(0) } });
    },
  };
}
