import { errorFacts } from './errorFacts.js';
import { replayOf } from './replayOf.js';
import { statusClasses } from './statusClasses.js';

/**
 * Whether a failed attempt settles what happened to the operation. Pure; the rules apply in
 * order and the first that matches decides.
 *
 * `known` lets the journal forget the key: the next identical mutation is a new intent. `unknown`
 * keeps it, so re-issuing the mutation (a "try again" button, a reload) sends the same key and the
 * server resumes or replays the first attempt instead of running a second one. Forgetting a key
 * too early is what charges twice; keeping it too long costs only a replay, and the journal's TTL
 * ends it.
 */
export function outcomeOf(error: unknown): 'known' | 'unknown' {
  const { status, code, retryable } = errorFacts(error);

  // 1. No response (network failure, abort, a bug below): the request may have reached the server.
  if (status === undefined) return 'unknown';

  // 2. Any 5xx, even one marked `retryable: false`: the server failed, maybe after committing a
  //    phase (an order, a charge). Only a later answer for the same key can tell.
  if (status >= 500) return 'unknown';

  // 3. Validation, auth, missing procedure, stale version, payload mismatch / business rule: the
  //    server refused or stored this answer, so the same key would only get it again.
  if (statusClasses.final.has(status)) return 'known';

  // 4. Timeout, rate limit, client closed, or another attempt still holding the key: not an answer.
  if (statusClasses.transientClient.has(status)) return 'unknown';
  if (status === 409 && code === 'IDEMPOTENCY_REQUEST_IN_PROGRESS') return 'unknown';

  // 5. The server marks every failure it did not store `retryable: true`: the key is still open.
  if (retryable === true) return 'unknown';

  // 6. Any other answer (2xx aside, which never gets here): a stored 4xx, final for this key.
  return 'known';
}

/**
 * The outcome of an operation after one more failed attempt. Pure. Once an attempt's outcome was
 * unknown (`earlierUnknown`), a later refusal says nothing about it: a 401 after a 504 (the session
 * expired while the link waited), a 404 from an instance without the route, a 403 after a CSRF
 * token rotated — the server refused that request before looking at the key, and the first
 * attempt may have charged. Only an answer the server holds for the key settles it then (a 2xx
 * does too, but never gets here): see `isStoredAnswer`.
 */
export function operationOutcome(error: unknown, earlierUnknown: boolean): 'known' | 'unknown' {
  const outcome = outcomeOf(error);
  if (outcome === 'unknown' || !earlierUnknown) return outcome;
  return isStoredAnswer((error as { meta?: unknown } | null)?.meta) ? 'known' : 'unknown';
}

/**
 * Whether an error response (tRPC's `error.meta`: `{ response, responseJSON }`) is an answer the
 * server keeps for the key: replayed from its store (`Idempotent-Replayed: true`), or one for
 * which it advertises how long it remembers the key (`Idempotency-Expires`, which the server
 * withdraws when it stored nothing). A refusal before the idempotency layer carries neither. A
 * batch shares its headers, so a response carrying several operations proves nothing about one.
 */
function isStoredAnswer(meta: unknown): boolean {
  if (replayOf(meta)?.batched === false) return true;
  const { response, responseJSON } = (meta ?? {}) as { response?: { headers?: { get?: unknown } }; responseJSON?: unknown };
  if (typeof response?.headers?.get !== 'function' || (Array.isArray(responseJSON) && responseJSON.length > 1)) return false;
  return (response.headers as Headers).get('idempotency-expires') !== null;
}
