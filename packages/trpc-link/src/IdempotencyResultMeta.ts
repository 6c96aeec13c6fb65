/**
 * What the link adds to a successful mutation's result envelope, at `envelope.context.idempotency`:
 * the key the server saw, as stripe-node exposes `lastResponse.idempotencyKey`. Links above
 * `idempotencyLink` read it with `getIdempotencyResultMeta(envelope)`; a caller gets the same key
 * from the operation's `onSettled` listener.
 */
export type IdempotencyResultMeta = {
  /** The key every attempt carried. */
  key: string;
  /** Attempts made, the successful one included. */
  attempts: number;
  /** The server answered from its stored outcome (`Idempotent-Replayed: true`). */
  replayed: boolean;
};
