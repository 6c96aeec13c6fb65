import { randomUUID } from 'node:crypto';

/** The header a request id travels in, both ways. */
export const REQUEST_ID_HEADER = 'X-Request-Id';

/** Visible ASCII, 1–128 characters: safe to echo in a header and to write to a log line. */
const VALID = /^[\x21-\x7e]{1,128}$/;

/**
 * The id that ties a response to its server log lines: the caller's `X-Request-Id` when it is
 * well-formed (a proxy's or a client's id, so both sides can search for one value), else a new UUID.
 */
export function requestIdOf(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given !== null && VALID.test(given) ? given : randomUUID();
}
