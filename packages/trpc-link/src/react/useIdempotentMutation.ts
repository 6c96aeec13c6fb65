import { useMutation, type DefaultError, type MutateFunctionRest, type UseMutationOptions, type UseMutationResult } from '@tanstack/react-query';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { IdempotencyContext } from '../IdempotencyContext.js';
import type { IdempotencyLink } from '../idempotencyLink.js';
import { IDLE, type IdempotencyState } from './IdempotencyState.js';
import { trackIdempotency } from './trackIdempotency.js';

export interface UseIdempotentMutationOptions<TData, TError, TVariables, TOnMutateResult>
  extends Omit<UseMutationOptions<TData, TError, TVariables, TOnMutateResult>, 'mutationFn' | 'retry'> {
  /** The client's `idempotencyLink()`: `abandon()` removes the key from its journal. */
  link: Pick<IdempotencyLink<never>, 'abandon'>;
  /**
   * Sends the mutation, passing `context` as the call's tRPC context — spread it and add your own
   * fields (`idempotencyKey`, `resumable`, `resumeData`):
   * `(input, context) => client.checkout.placeOrder.mutate(input, { context })`.
   * The listeners in it keep `idempotency` up to date.
   */
  mutationFn: (variables: TVariables, context: IdempotencyContext) => Promise<TData>;
}

/** The actions on an unknown outcome. */
export interface IdempotencyActions {
  /**
   * Sends the last call's variables again (only when `status` is `unknown`): the same input finds
   * its key in the journal, so the server resumes or replays the first attempt. Like `mutate`,
   * it does not throw: the result and any error land in the mutation's state.
   */
  resume(): void;
  /**
   * Gives up on an unknown outcome: removes its key from the journal and returns to `idle`, so
   * the same input sent again is a new operation with a new key. Resolves to whether the journal
   * held the key (`false` too when `status` is not `unknown`). A call started before it resolves
   * (`resume`, `mutate`) wins: its state is kept, not reset. Rejects with a `JournalStorageError`
   * when the removal could not reach the journal's storage.
   */
  abandon(): Promise<boolean>;
}

export type UseIdempotentMutationResult<TData, TError, TVariables, TOnMutateResult> = UseMutationResult<TData, TError, TVariables, TOnMutateResult> & {
  /** The current or last call's key, attempt, next retry and status, and the actions on an unknown outcome. */
  idempotency: IdempotencyState & IdempotencyActions;
};

/**
 * TanStack Query's `useMutation` for one idempotent mutation. It owns the call's tRPC context —
 * `mutationFn` receives it per call, which a `useMutation` built from `mutationOptions()` cannot
 * do — and tracks the call's idempotency: key, attempt, next retry, and status (`pending`,
 * `retrying`, `unknown`, `settled`), with `resume()` and `abandon()` for an unknown outcome.
 *
 * One call at a time: `mutate`/`mutateAsync` while a call is on its way join it (same request,
 * same key) instead of starting a second — a double click pays once. TanStack's `retry` is not
 * accepted: `idempotencyLink` is the one layer that retries.
 *
 * @example
 * const pay = useIdempotentMutation({
 *   link,
 *   mutationFn: (input: PayInput, context) => client.checkout.pay.mutate(input, { context }),
 * });
 * pay.mutate(input);
 * if (pay.idempotency.status === 'unknown') <button onClick={pay.idempotency.resume}>Try again</button>
 */
export function useIdempotentMutation<TData = unknown, TError = DefaultError, TVariables = void, TOnMutateResult = unknown>(
  options: UseIdempotentMutationOptions<TData, TError, TVariables, TOnMutateResult>,
): UseIdempotentMutationResult<TData, TError, TVariables, TOnMutateResult> {
  const { link, mutationFn, ...mutationOptions } = options;
  const [state, setState] = useState<IdempotencyState>(IDLE);
  const call = useRef(0); // the current call; listeners of an older one are ignored
  const latest = useRef(state);
  latest.current = state;

  const mutation = useMutation<TData, TError, TVariables, TOnMutateResult>({
    ...mutationOptions,
    retry: false,
    mutationFn: (variables) => {
      const id = ++call.current;
      return trackIdempotency(
        (context) => mutationFn(variables, context),
        (next) => setState((previous) => (call.current === id ? next(previous) : previous)),
      );
    },
  });
  const { mutateAsync: startAsync, reset: resetMutation } = mutation;
  const { mutateAsync, inFlight, started, last } = useJoinedCalls(startAsync, setState);
  const mutate = useCallback(
    (...args: MutateFunctionRest<TData, TError, TVariables, TOnMutateResult>) => void mutateAsync(...args).catch(() => {}),
    [mutateAsync],
  );
  const resume = useCallback(() => {
    if (latest.current.status === 'unknown' && last.current) void mutateAsync(...([last.current.variables] as MutateFunctionRest<TData, TError, TVariables, TOnMutateResult>)).catch(() => {});
  }, [mutateAsync]);
  const abandon = useCallback(async () => {
    const { status, key } = latest.current;
    if (status !== 'unknown' || key === undefined || inFlight.current) return false;
    const before = started.current;
    const removed = await link.abandon(key);
    // A call began while the journal was updated ("Try again" pressed during the abandon): its
    // state is the one to show — resetting it would hide a charge that went through.
    if (started.current !== before) return removed;
    call.current++;
    last.current = null;
    setState(IDLE);
    resetMutation();
    return removed;
  }, [link, resetMutation]);
  const reset = useCallback(() => {
    call.current++;
    setState(IDLE);
    resetMutation();
  }, [resetMutation]);

  const idempotency = useMemo(() => ({ ...state, resume, abandon }), [state, resume, abandon]);
  return { ...mutation, mutate, mutateAsync, reset, idempotency };
}

/**
 * `mutateAsync` for one call at a time: while a call is on its way, it joins it (same request, same
 * key) instead of starting a second. Keeps the call on its way, the count of calls started and the
 * last call's variables.
 */
function useJoinedCalls<TData, TError, TVariables, TOnMutateResult>(
  startAsync: (...args: MutateFunctionRest<TData, TError, TVariables, TOnMutateResult>) => Promise<TData>,
  setState: (state: IdempotencyState) => void,
) {
  const inFlight = useRef<Promise<TData> | null>(null);
  const started = useRef(0); // calls started: an abandon that awaited the journal checks none began since
  const last = useRef<{ variables: TVariables } | null>(null);
  const mutateAsync = useCallback(
    (...args: MutateFunctionRest<TData, TError, TVariables, TOnMutateResult>): Promise<TData> => {
      if (inFlight.current) return inFlight.current;
      last.current = { variables: args[0] as TVariables };
      started.current++;
      setState({ ...IDLE, status: 'pending' });
      const run = startAsync(...args);
      inFlight.current = run;
      const done = () => {
        if (inFlight.current === run) inFlight.current = null;
      };
      run.then(done, done);
      return run;
    },
    [startAsync, setState],
  );
  return { mutateAsync, inFlight, started, last };
}
