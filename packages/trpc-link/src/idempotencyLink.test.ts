import { createTRPCClient, type Operation, type TRPCLink } from '@trpc/client';
import { initTRPC } from '@trpc/server';
import { observable } from '@trpc/server/observable';
import { describe, expect, it } from 'vitest';
import { idempotencyHeaders } from './idempotencyHeaders.js';
import { idempotencyLink } from './idempotencyLink.js';
import { uuidv7 } from './internals/uuidv7.js';

const t = initTRPC.create();
const _router = t.router({
  buy: t.procedure.input((raw) => raw as string).mutation(() => 'bought'),
  list: t.procedure.query(() => []),
});
type Router = typeof _router;

/** A terminating link that records every operation it sees and answers `null`. */
function recordingLink(seen: Operation[]): TRPCLink<Router> {
  return () =>
    ({ op }) =>
      observable((observer) => {
        seen.push(op);
        observer.next({ result: { type: 'data', data: null } });
        observer.complete();
      });
}

describe('idempotencyLink', () => {
  it('gives each mutation its own key', async () => {
    const seen: Operation[] = [];
    const client = createTRPCClient<Router>({ links: [idempotencyLink(), recordingLink(seen)] });
    await client.buy.mutate('a');
    await client.buy.mutate('a');
    const keys = seen.map((op) => op.context['idempotencyKey']);
    expect(keys).toHaveLength(2);
    expect(typeof keys[0]).toBe('string');
    expect(keys[0]).not.toBe(keys[1]);
  });

  it('keeps a key supplied by the caller', async () => {
    const seen: Operation[] = [];
    const client = createTRPCClient<Router>({ links: [idempotencyLink({ generateKey: () => 'generated' }), recordingLink(seen)] });
    await client.buy.mutate('a', { context: { idempotencyKey: 'mine' } });
    expect(seen[0]?.context['idempotencyKey']).toBe('mine');
  });

  it('leaves queries without a key', async () => {
    const seen: Operation[] = [];
    const client = createTRPCClient<Router>({ links: [idempotencyLink(), recordingLink(seen)] });
    await client.list.query();
    expect(seen[0]?.context['idempotencyKey']).toBeUndefined();
  });
});

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

describe('uuidv7', () => {
  it('is a version 7, variant 10 UUID', () => {
    expect(uuidv7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it('sorts by creation time', () => {
    const zeros = (bytes: Uint8Array) => bytes.fill(0xff);
    expect(uuidv7(1_000, zeros) < uuidv7(1_001, () => {})).toBe(true);
    expect(uuidv7(0x0123456789ab, () => {}).slice(0, 13)).toBe('01234567-89ab');
  });
});
