/**
 * `ctx.idempotency` inside an idempotent procedure: the key, and the tools to make its effects
 * happen exactly once — phases with recovery points, and the final transaction that commits the
 * last business writes together with the stored response.
 */
export interface IdempotencyHandle<TTx = unknown> {
  /** The client's key. */
  readonly key: string;
  /** The principal the key belongs to. */
  readonly scope: string;
  /** Whether this request took the key over from a crashed or stalled owner and resumes its work. */
  readonly resumed: boolean;
  /** The last phase committed before this request started, `started` if none. */
  readonly recoveryPoint: string;
  /**
   * A key for an external call made on behalf of this request (e.g. a payment provider's own
   * idempotency key): the same for every attempt of this request, different for every other request.
   */
  derivedKey(purpose: string): string;
  /**
   * Runs `work` once for this key, in a transaction that also records the phase as the recovery
   * point. A resumed request gets the stored result instead of running it again. Results must be
   * JSON values (they are stored as JSON).
   */
  phase<T>(name: string, work: (tx: TTx) => Promise<T>): Promise<T>;
  /**
   * The last step: runs `work` and stores its result as the response, in one transaction. Return
   * its result from the procedure. Errors thrown by `work` roll it back and follow the outcome
   * policy — except `commitThenFail(error)`, which commits `work`'s writes and stores `error` as the
   * response (e.g. a declined payment: the order is marked failed, the client gets a 402).
   */
  finish<T>(work: (tx: TTx) => Promise<T>): Promise<T>;
}
