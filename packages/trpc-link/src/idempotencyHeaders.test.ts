import type { Operation } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { idempotencyHeaders } from './idempotencyHeaders.js';
import { mergeHeaders } from './internals/mergeHeaders.js';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('idempotencyHeaders', () => {
  const op = (idempotencyKey?: string, idempotencyAttempt?: number) =>
    ({ context: { ...(idempotencyKey ? { idempotencyKey } : {}), ...(idempotencyAttempt ? { idempotencyAttempt } : {}) } }) as Operation;

  it('sends one structured-field string for one operation', () => {
    expect(idempotencyHeaders(op('k1'))).toMatchObject({ 'Idempotency-Key': '"k1"' });
  });
  it('sends one member per operation of a batch, "" for an operation without a key', () => {
    expect(idempotencyHeaders([op('k1'), op(), op('k"3')])).toMatchObject({ 'Idempotency-Key': '"k1", "", "k\\"3"' });
  });
  it('sends no header when no operation has a key', () => {
    expect(idempotencyHeaders([op(), op()])).toEqual({});
  });
  it('numbers the send of the key in Idempotency-Attempt (a batch: the highest)', () => {
    expect(idempotencyHeaders(op('k1', 3))['Idempotency-Attempt']).toBe('3');
    expect(idempotencyHeaders([op('k1', 1), op(), op('k2', 2)])['Idempotency-Attempt']).toBe('2');
    expect(idempotencyHeaders(op('k1'))).not.toHaveProperty('Idempotency-Attempt');
  });
  it('puts every send of one key in one trace, each send with a new parent id', () => {
    const [first, second, other] = [idempotencyHeaders(op('k1', 1)), idempotencyHeaders(op('k1', 2)), idempotencyHeaders(op('k2', 1))].map((h) => TRACEPARENT.exec(h.traceparent ?? ''));
    expect(first?.[1]).toBe(second?.[1]);
    expect(first?.[2]).not.toBe(second?.[2]);
    expect(other?.[1]).not.toBe(first?.[1]);
  });
});

describe('mergeHeaders', () => {
  it("lets the app's own traceparent win, never its Idempotency-Key", () => {
    const ours = idempotencyHeaders({ context: { idempotencyKey: 'k1' } } as unknown as Operation);
    const merged = mergeHeaders({ 'idempotency-key': '"forged"', traceparent: '00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-01', authorization: 'Bearer x' }, ours);
    expect(merged).toEqual({ traceparent: '00-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-01', authorization: 'Bearer x', 'Idempotency-Key': '"k1"' });
  });
});
