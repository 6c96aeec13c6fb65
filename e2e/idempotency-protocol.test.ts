import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, PROVIDERS, type TestDatabase } from '~/test/test-database';
import { startProtocolApp } from './support/protocol-app';

const LOCK_MS = 30_000;

/** A clock that only moves when the test moves it. */
function manualClock(start = Date.parse('2026-01-01T00:00:00Z')) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

/** A promise the test resolves by hand, to hold a request at a known point. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe.each(PROVIDERS)('the idempotency protocol on %s', (provider) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(provider);
  });
  afterEach(() => database?.drop());

  it('fences a stalled owner: a retry takes over after the lock timeout, the owner’s commit is refused', async () => {
    const clock = manualClock();
    const held = gate();
    const reached = gate();
    const events: string[] = [];
    const app = await startProtocolApp({
      db: database.db,
      now: clock.now,
      lockTimeoutMs: LOCK_MS,
      hooks: { onTakeover: () => events.push('takeover'), onLockLost: () => events.push('lock-lost'), onRecovered: () => events.push('recovered') },
      // The first attempt stalls after its first phase (a GC pause, a slow dependency…).
      pauseBeforeFinish: async (attempt) => {
        if (attempt !== 1) return;
        reached.open();
        await held.opened;
      },
    });
    try {
      const owner = app.pay('k-stall');
      await reached.opened;
      clock.advance(LOCK_MS + 1);
      const retry = await app.pay('k-stall');
      held.open();
      const resumedOwner = await owner;

      expect(retry.status).toBe(200);
      expect(JSON.parse(retry.body).result.data.attempt).toBe(2);
      // The owner's finish was refused; it answers with what the retry stored.
      expect(resumedOwner).toEqual({ status: 200, replayed: true, body: retry.body });
      expect(app.executions).toEqual({ phase: 1, finish: 1 }); // the retry resumed after order_created
      expect(await database.db.order.count()).toBe(1);
      expect(await database.db.order.count({ where: { status: 'PAID' } })).toBe(1);
      expect(events).toEqual(['takeover', 'recovered', 'lock-lost']);
    } finally {
      await app.close();
    }
  });

  it('answers a duplicate with 409 while the lock is live', async () => {
    const clock = manualClock();
    const held = gate();
    const reached = gate();
    const app = await startProtocolApp({
      db: database.db,
      now: clock.now,
      pauseBeforeFinish: async (attempt) => {
        if (attempt !== 1) return;
        reached.open();
        await held.opened;
      },
    });
    try {
      const owner = app.pay('k-live');
      await reached.opened;
      clock.advance(LOCK_MS - 1);
      const duplicate = await app.pay('k-live');
      held.open();
      expect(duplicate.status).toBe(409);
      expect((await owner).status).toBe(200);
      expect(await database.db.order.count()).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('treats a key older than its TTL as new', async () => {
    const clock = manualClock();
    const app = await startProtocolApp({ db: database.db, now: clock.now, ttlMs: 60_000 });
    try {
      const first = await app.pay('k-ttl');
      clock.advance(30_000);
      const replay = await app.pay('k-ttl');
      clock.advance(30_001);
      const afterTtl = await app.pay('k-ttl');
      expect(replay).toEqual({ ...first, replayed: true });
      expect(afterTtl.status).toBe(200);
      expect(afterTtl.replayed).toBe(false);
      expect(afterTtl.body).not.toBe(first.body);
      expect(await database.db.order.count()).toBe(2);
      expect(await database.db.idempotencyRecord.count()).toBe(1);
    } finally {
      await app.close();
    }
  });

  it('scopes keys per principal: the same key from another user is unrelated', async () => {
    const app = await startProtocolApp({ db: database.db, now: () => new Date() });
    try {
      const alice = await app.pay('shared-key', 100, 'alice');
      const bob = await app.pay('shared-key', 999, 'bob');
      expect(bob.status).toBe(200);
      expect(bob.replayed).toBe(false);
      expect(bob.body).not.toBe(alice.body);
      expect(await database.db.order.count()).toBe(2);
      expect(await database.db.idempotencyRecord.count({ where: { key: 'shared-key' } })).toBe(2);
    } finally {
      await app.close();
    }
  });
});
