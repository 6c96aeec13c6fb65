import { createTRPCClient, TRPCClientError, type OperationContext, type TRPCClient } from '@trpc/client';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { getIdempotencyMeta, getIdempotencyResultMeta } from './getIdempotencyMeta.js';
import { idempotencyContext, type IdempotencyContext } from './IdempotencyContext.js';
import type { IdempotencyErrorMeta } from './IdempotencyErrorMeta.js';
import type { IdempotencyResultMeta } from './IdempotencyResultMeta.js';
import { idempotencyLink } from './idempotencyLink.js';
import { idempotentHttpBatchLink } from './idempotentHttpBatchLink.js';
import { idempotentHttpLink } from './idempotentHttpLink.js';
import type { TestRouter } from './test-utils/scriptedFetch.js';

/**
 * Type-level checks: `tsc --noEmit -p packages/trpc-link` (the package's `typecheck`, run in CI)
 * compiles this file, so an `@ts-expect-error` that stops erroring, or an `expectTypeOf` that no
 * longer holds, fails the build. The runtime assertions cover the accessors.
 */

describe('types', () => {
  it('IdempotencyContext is assignable to tRPC’s operation context, and passes as a call’s context', () => {
    expectTypeOf<IdempotencyContext>().toExtend<OperationContext>();
    const context: IdempotencyContext = { idempotencyKey: 'k1', onRetry: () => {} };
    const client: TRPCClient<TestRouter> = createTRPCClient<TestRouter>({ links: [idempotencyLink(), idempotentHttpBatchLink({ url: 'http://x' })] });
    expectTypeOf(client.buy.mutate).toBeCallableWith('a', { context });
    expectTypeOf(client.buy.mutate).toBeCallableWith('a', { context: idempotencyContext({ idempotencyKey: 'k1' }) });
  });

  it('rejects a misspelled or mistyped context field where it is built', () => {
    // @ts-expect-error — misspelled field
    idempotencyContext({ idempotencyKy: 'k1' });
    // @ts-expect-error — misspelled field
    void ({ onRety: () => {} } satisfies IdempotencyContext);
    // @ts-expect-error — a key is a string
    idempotencyContext({ idempotencyKey: 42 });
    expect(idempotencyContext({ idempotencyKey: 'k1' })).toEqual({ idempotencyKey: 'k1' });
  });

  it('types the ready-wired links as tRPC links of the router', () => {
    expectTypeOf(idempotentHttpLink<TestRouter>({ url: 'http://x' })).toExtend<Parameters<typeof createTRPCClient<TestRouter>>[0]['links'][number]>();
    expectTypeOf(idempotencyLink<TestRouter>().clearJournal).returns.toEqualTypeOf<Promise<number>>();
  });

  it('getIdempotencyMeta reads error.meta.idempotency as a typed value, and only a well-formed one', () => {
    expectTypeOf(getIdempotencyMeta).returns.toEqualTypeOf<IdempotencyErrorMeta | undefined>();
    const meta: IdempotencyErrorMeta = { key: 'k1', attempts: 2, stoppedBy: 'max-attempts', outcome: 'unknown' };
    const error = TRPCClientError.from(new TypeError('fetch failed'), { meta: { idempotency: meta } });
    expect(getIdempotencyMeta(error)).toEqual(meta);
    expect(getIdempotencyMeta(TRPCClientError.from(new Error('x'), { meta: { idempotency: { key: 'k1' } } }))).toBeUndefined();
    expect(getIdempotencyMeta(TRPCClientError.from(new Error('x'), { meta: { idempotency: { ...meta, outcome: 'maybe' } } }))).toBeUndefined();
    expect(getIdempotencyMeta(new Error('x'))).toBeUndefined();
    expect(getIdempotencyMeta(null)).toBeUndefined();
  });

  it('getIdempotencyResultMeta reads a success envelope or its context', () => {
    expectTypeOf(getIdempotencyResultMeta).returns.toEqualTypeOf<IdempotencyResultMeta | undefined>();
    const idempotency = { key: 'k1', attempts: 1, replayed: false };
    expect(getIdempotencyResultMeta({ result: { type: 'data', data: 1 }, context: { idempotency } })).toEqual(idempotency);
    expect(getIdempotencyResultMeta({ idempotency })).toEqual(idempotency);
    expect(getIdempotencyResultMeta({ result: { type: 'data', data: 1 } })).toBeUndefined();
  });
});
