/**
 * Watches the completer's lease (`idempotency-completer` in the `leases` table) during a scenario:
 * which processes held it — each holder is `<host>:<pid>`, so a restarted instance is a new one.
 */
import type { Db } from '~/server/db/create-db';

export const COMPLETER_LEASE = 'idempotency-completer';

export interface LeaseWatch {
  /** Every holder seen, in order of first sight. */
  readonly holders: readonly string[];
  /** The pid in the lease right now, if a holder's lease has not expired. */
  currentPid(): Promise<number | undefined>;
  stop(): void;
}

export function watchLease(db: Db, everyMs = 200): LeaseWatch {
  const holders: string[] = [];
  const read = async () => {
    const lease = await db.lease.findUnique({ where: { name: COMPLETER_LEASE } }).catch(() => null);
    if (lease && !holders.includes(lease.holder)) holders.push(lease.holder);
    return lease;
  };
  const timer = setInterval(() => void read(), everyMs);
  return {
    holders,
    async currentPid() {
      const lease = await read();
      if (!lease || lease.expiresAt.getTime() < Date.now()) return undefined;
      const pid = Number(lease.holder.split(':').at(-1));
      return Number.isInteger(pid) ? pid : undefined;
    },
    stop: () => clearInterval(timer),
  };
}
