import type { Operation } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { idempotencyHeaders } from './idempotencyHeaders.js';

describe('idempotencyHeaders', () => {
  const op = (idempotencyKey?: string) => ({ context: idempotencyKey ? { idempotencyKey } : {} }) as Operation;

  it('sends one structured-field string for one operation', () => {
    expect(idempotencyHeaders(op('k1'))).toEqual({ 'Idempotency-Key': '"k1"' });
  });
  it('sends one member per operation of a batch, "" for an operation without a key', () => {
    expect(idempotencyHeaders([op('k1'), op(), op('k"3')])).toEqual({ 'Idempotency-Key': '"k1", "", "k\\"3"' });
  });
  it('sends no header when no operation has a key', () => {
    expect(idempotencyHeaders([op(), op()])).toEqual({});
  });
});
