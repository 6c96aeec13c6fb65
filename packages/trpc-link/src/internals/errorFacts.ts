import { isGatewayError } from '../GatewayError.js';

/**
 * What the retry policy needs to know about a failed attempt, read defensively from a
 * `TRPCClientError` (or anything else a link below may have thrown).
 *
 * tRPC puts the raw `Response` at `error.meta.response` when one arrived, and the server's error
 * shape at `error.data`. In a batch the response is shared (status 207 when operations ended
 * differently), so each operation's own status is `error.data.httpStatus`. A gateway's non-JSON
 * error page carries no tRPC shape: the ready-wired links raise a `GatewayError` (the `cause`)
 * holding its status and headers instead.
 */
export interface ErrorFacts {
  /** This operation's HTTP status, if a response arrived. */
  status: number | undefined;
  /** The server's stable machine code, `error.data.code`. */
  code: string | undefined;
  /** The server's retry hint, `error.data.retryable`, when it gave one. */
  retryable: boolean | undefined;
  /** The response headers (shared by a batch). */
  headers: { get(name: string): string | null } | undefined;
  /** The error's `cause`: for a failed `fetch`, the `TypeError` it threw. */
  cause: unknown;
}

export function errorFacts(error: unknown): ErrorFacts {
  const record = asRecord(error);
  const data = asRecord(record?.['data']);
  const response = asRecord(asRecord(record?.['meta'])?.['response']);
  const cause = record?.['cause'];
  if (isGatewayError(cause)) return { status: cause.status, code: undefined, retryable: undefined, headers: cause.headers, cause };
  const headers = asRecord(response?.['headers']);
  const dataStatus = data?.['httpStatus'];
  const responseStatus = response?.['status'];
  let status: number | undefined;
  if (typeof dataStatus === 'number') status = dataStatus;
  else if (typeof responseStatus === 'number' && responseStatus !== 207) status = responseStatus;
  return {
    status,
    code: typeof data?.['code'] === 'string' ? data['code'] : undefined,
    retryable: typeof data?.['retryable'] === 'boolean' ? data['retryable'] : undefined,
    headers: typeof headers?.['get'] === 'function' ? (headers as unknown as ErrorFacts['headers']) : undefined,
    cause,
  };
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}
