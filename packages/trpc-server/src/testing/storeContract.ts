import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isLostLockError } from '../LostLockError.js';
import type { ClaimInput, IdempotencyStore, InProgressRecord, LeaseStore } from '../store.js';

/** A store under test, fresh for each test, with whatever it needs released afterwards. */
export interface StoreUnderTest {
  store: IdempotencyStore<unknown>;
  leases: LeaseStore;
  /** Closes connections, drops the database. */
  cleanup?: () => Promise<void>;
}

const T0 = new Date('2030-01-01T00:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);

function claimInput(overrides: Partial<ClaimInput> = {}): ClaimInput {
  return {
    scope: 'alice',
    key: `k-${randomUUID()}`,
    procedure: 'shop.pay',
    fingerprint: 'fp-1',
    input: '{"amount":1}',
    lockToken: randomUUID(),
    lockedUntil: at(30_000),
    expiresAt: at(86_400_000),
    ...overrides,
  };
}

/**
 * The behaviour every `IdempotencyStore` and `LeaseStore` must have, as a vitest suite: run it on
 * each implementation (`memoryStore`, `prismaStore` on every database). Each test gets a fresh store.
 */
export function describeStoreContract(name: string, create: () => Promise<StoreUnderTest>): void {
  async function withStore(test: (subject: StoreUnderTest) => Promise<void>): Promise<void> {
    const subject = await create();
    try {
      await test(subject);
    } finally {
      await subject.cleanup?.();
    }
  }

  async function claimed(store: IdempotencyStore<unknown>, overrides: Partial<ClaimInput> = {}): Promise<InProgressRecord> {
    const result = await store.insert(claimInput(overrides));
    if (!result.inserted) throw new Error('expected a fresh insert');
    return result.record;
  }

  async function withPhase(store: IdempotencyStore<unknown>, overrides: Partial<ClaimInput> = {}): Promise<InProgressRecord> {
    const record = await claimed(store, overrides);
    await store.fenced(record, async () => 'ok', () => ({ lockedUntil: at(1_000), recoveryPoint: 'order_created', phaseData: '{"order_created":"ok"}' }));
    return record;
  }

  const complete = (store: IdempotencyStore<unknown>, record: InProgressRecord) =>
    store.fenced(record, async () => null, () => ({ lockedUntil: new Date(0), response: { status: 200, body: '{"result":1}' } }));

  describe(`IdempotencyStore contract: ${name}`, () => {
    it('inserts once per (scope, key), and stores the input', () =>
      withStore(async ({ store }) => {
        const input = claimInput();
        const first = await store.insert(input);
        const second = await store.insert({ ...input, lockToken: randomUUID(), fingerprint: 'fp-2' });
        expect(first.inserted).toBe(true);
        expect(second).toMatchObject({ inserted: false, existing: { fingerprint: 'fp-1', status: 'IN_PROGRESS', input: '{"amount":1}' } });
        const otherScope = await store.insert({ ...input, scope: 'bob' });
        expect(otherScope.inserted).toBe(true);
      }));

    it('lets exactly one of 10 concurrent inserts of one key win', () =>
      withStore(async ({ store }) => {
        const input = claimInput();
        const results = await Promise.all(Array.from({ length: 10 }, () => store.insert({ ...input, lockToken: randomUUID() })));
        expect(results.filter((r) => r.inserted)).toHaveLength(1);
      }));

    it('takes over only an expired lock held by the expected token, and returns the current phases', () =>
      withStore(async ({ store }) => {
        const record = await withPhase(store);
        const live = await store.takeOver({ id: record.id, expectedToken: record.lockToken, lockToken: randomUUID(), lockedUntil: at(60_000), expiresAt: at(90_000_000), now: at(500) });
        expect(live).toBeNull();
        const wrongToken = await store.takeOver({ id: record.id, expectedToken: 'not-it', lockToken: randomUUID(), lockedUntil: at(60_000), expiresAt: at(90_000_000), now: at(2_000) });
        expect(wrongToken).toBeNull();
        const token = randomUUID();
        const taken = await store.takeOver({ id: record.id, expectedToken: record.lockToken, lockToken: token, lockedUntil: at(60_000), expiresAt: at(90_000_000), now: at(2_000) });
        expect(taken).toMatchObject({ id: record.id, lockToken: token, recoveryPoint: 'order_created', phaseData: '{"order_created":"ok"}', expiresAt: at(90_000_000) });
      }));

    it('lets exactly one of 10 concurrent takeovers win', () =>
      withStore(async ({ store }) => {
        const record = await withPhase(store);
        const takes = await Promise.all(
          Array.from({ length: 10 }, () => store.takeOver({ id: record.id, expectedToken: record.lockToken, lockToken: randomUUID(), lockedUntil: at(60_000), expiresAt: at(90_000_000), now: at(2_000) })),
        );
        expect(takes.filter((t) => t !== null)).toHaveLength(1);
      }));

    it('fences: a lost lock refuses the phase and completion', () =>
      withStore(async ({ store }) => {
        const record = await withPhase(store);
        await store.takeOver({ id: record.id, expectedToken: record.lockToken, lockToken: randomUUID(), lockedUntil: at(60_000), expiresAt: at(90_000_000), now: at(2_000) });
        const stale = store.fenced(record, async () => 'late', () => ({ lockedUntil: at(90_000), recoveryPoint: 'charged' }));
        await expect(stale).rejects.toSatisfy(isLostLockError);
        await expect(complete(store, record)).rejects.toSatisfy(isLostLockError);
        expect(await store.find(record)).toMatchObject({ status: 'IN_PROGRESS', recoveryPoint: 'order_created' });
      }));

    it('completes with the response, byte for byte', () =>
      withStore(async ({ store }) => {
        const record = await claimed(store);
        await complete(store, record);
        expect(await store.find(record)).toMatchObject({ status: 'COMPLETED', response: { status: 200, body: '{"result":1}' } });
      }));

    it('completes a flagged record too, and moves the end of its TTL when the completion says so', () =>
      withStore(async ({ store }) => {
        const record = await withPhase(store, { expiresAt: at(10_000) });
        await store.flag({ id: record.id, reason: 'gave up', at: at(1) });
        await store.fenced(record, async () => null, () => ({ lockedUntil: new Date(0), response: { status: 200, body: '{"result":1}' }, expiresAt: at(50_000) }));
        expect(await store.find(record)).toMatchObject({ status: 'COMPLETED', expiresAt: at(50_000) });
        expect(await store.sweepExpired({ now: at(20_000), limit: 10 })).toBe(0);
        expect(await store.findAbandoned({ now: at(20_000), limit: 10 })).toEqual([]);
      }));

    it('releases a key only while no phase committed', () =>
      withStore(async ({ store }) => {
        const fresh = await claimed(store);
        expect(await store.release({ id: fresh.id, lockToken: 'not-it' })).toBe(false);
        expect(await store.release(fresh)).toBe(true);
        expect(await store.find(fresh)).toBeNull();
        const worked = await withPhase(store);
        expect(await store.release(worked)).toBe(false);
        expect(await store.find(worked)).toMatchObject({ status: 'IN_PROGRESS', recoveryPoint: 'order_created' });
      }));

    it('deletes an expired key only when it holds no unfinished work', () =>
      withStore(async ({ store }) => {
        const expiresAt = at(10_000);
        const done = await claimed(store, { expiresAt });
        await complete(store, done);
        const unstarted = await claimed(store, { expiresAt });
        const unfinished = await withPhase(store, { expiresAt });
        expect(await store.deleteExpired({ id: done.id, now: at(5_000) })).toBe(false);
        expect(await store.deleteExpired({ id: done.id, now: at(10_000) })).toBe(true);
        expect(await store.deleteExpired({ id: unstarted.id, now: at(10_000) })).toBe(true);
        expect(await store.deleteExpired({ id: unfinished.id, now: at(10_000) })).toBe(false);
        expect(await store.find(unfinished)).not.toBeNull();
      }));

    it('counts a replay of a record that is gone without failing', () =>
      withStore(async ({ store }) => {
        const record = await claimed(store);
        await store.release(record);
        await expect(store.recordReplay({ id: record.id, at: at(1) })).resolves.toBeUndefined();
        if (store.flushReplays) await expect(store.flushReplays()).resolves.toBeUndefined();
      }));

    it('finds abandoned records: committed phases, lock expired, not flagged', () =>
      withStore(async ({ store }) => {
        const abandoned = await withPhase(store);
        await claimed(store, { lockedUntil: at(1_000) }); // no phase: nothing to finish
        const done = await withPhase(store);
        await complete(store, done);
        const flagged = await withPhase(store);
        await store.flag({ id: flagged.id, reason: 'gave up', at: at(1) });
        expect(await store.findAbandoned({ now: at(500), limit: 10 })).toEqual([]);
        const found = await store.findAbandoned({ now: at(2_000), limit: 10 });
        expect(found.map((r) => r.id)).toEqual([abandoned.id]);
        expect(found[0]).toMatchObject({ input: '{"amount":1}', completionAttempts: 0, recoveryPoint: 'order_created' });
      }));

    it('counts completion attempts until the record finishes or is flagged', () =>
      withStore(async ({ store }) => {
        const record = await withPhase(store);
        expect(await store.countCompletionAttempt({ id: record.id })).toBe(1);
        expect(await store.countCompletionAttempt({ id: record.id })).toBe(2);
        await store.flag({ id: record.id, reason: 'gave up', at: at(1) });
        expect(await store.countCompletionAttempt({ id: record.id })).toBeNull();
        const done = await claimed(store);
        await complete(store, done);
        expect(await store.countCompletionAttempt({ id: done.id })).toBeNull();
      }));

    it('sweeps expired records in bounded batches, never unfinished or flagged work', () =>
      withStore(async ({ store }) => {
        const expiresAt = at(10_000);
        for (let i = 0; i < 3; i++) await complete(store, await claimed(store, { expiresAt }));
        await claimed(store, { expiresAt });
        const unfinished = await withPhase(store, { expiresAt });
        const flagged = await withPhase(store, { expiresAt });
        await store.flag({ id: flagged.id, reason: 'gave up', at: at(1) });
        const live = await claimed(store);
        expect(await store.sweepExpired({ now: at(10_000), limit: 2 })).toBe(2);
        expect(await store.sweepExpired({ now: at(10_000), limit: 10 })).toBe(2);
        expect(await store.sweepExpired({ now: at(10_000), limit: 10 })).toBe(0);
        for (const kept of [unfinished, flagged, live]) expect(await store.find(kept)).not.toBeNull();
      }));
  });

  describe(`LeaseStore contract: ${name}`, () => {
    it('gives a lease to one holder until it expires, renews it, and frees it on release', () =>
      withStore(async ({ leases }) => {
        const name = `lease-${randomUUID()}`;
        expect(await leases.acquire({ name, holder: 'a', until: at(3_000), now: at(0) })).toBe(true);
        expect(await leases.acquire({ name, holder: 'b', until: at(4_000), now: at(1_000) })).toBe(false);
        expect(await leases.acquire({ name, holder: 'a', until: at(5_000), now: at(2_000) })).toBe(true);
        expect(await leases.acquire({ name, holder: 'b', until: at(7_000), now: at(4_000) })).toBe(false);
        expect(await leases.acquire({ name, holder: 'b', until: at(8_000), now: at(6_000) })).toBe(true);
        await leases.release({ name, holder: 'a' }); // not a's any more: no effect
        expect(await leases.acquire({ name, holder: 'a', until: at(9_000), now: at(6_500) })).toBe(false);
        await leases.release({ name, holder: 'b' });
        expect(await leases.acquire({ name, holder: 'a', until: at(9_000), now: at(6_500) })).toBe(true);
      }));

    it('lets exactly one of 10 concurrent candidates take a free lease', () =>
      withStore(async ({ leases }) => {
        const name = `lease-${randomUUID()}`;
        const won = await Promise.all(Array.from({ length: 10 }, (_, i) => leases.acquire({ name, holder: `h${i}`, until: at(3_000), now: at(0) })));
        expect(won.filter(Boolean)).toHaveLength(1);
      }));
  });
}
