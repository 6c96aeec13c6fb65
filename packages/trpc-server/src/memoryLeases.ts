import type { LeaseStore } from './store.js';

/** Leases for one process (tests, single-instance apps): a Map of holder and expiry by name. */
export function memoryLeases(): LeaseStore {
  const leases = new Map<string, { holder: string; expiresAt: Date }>();
  return {
    async acquire({ name, holder, until, now }) {
      const current = leases.get(name);
      if (current && current.holder !== holder && current.expiresAt >= now) return false;
      leases.set(name, { holder, expiresAt: until });
      return true;
    },
    async release({ name, holder }) {
      if (leases.get(name)?.holder === holder) leases.delete(name);
    },
  };
}
