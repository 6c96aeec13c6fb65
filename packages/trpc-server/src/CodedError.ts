/**
 * An error with a stable, machine-readable `code` and a retry hint: the contract behind
 * `error.data.code` / `error.data.retryable`. This package's protocol errors are coded errors; an
 * app's business errors should be too (extend this class), so `idempotencyErrorData` can surface
 * their code and optional JSON `details`, which are stored and replayed with them.
 */
export class CodedError<TCode extends string = string> extends Error {
  override readonly name: string = 'CodedError';
  constructor(
    /** A stable code; branch on it, never on the message. */
    readonly code: TCode,
    message: string,
    /** Whether repeating the same request (same key) may get another outcome. */
    readonly retryable: boolean,
    /** JSON a client needs to recover, e.g. the current state of what it tried to change. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Whether `value` is a coded error: a string `code` and a boolean `retryable`. Checked by shape,
 * not by prototype, so errors from another copy of this package — or an app's own classes that
 * follow the contract without extending `CodedError` — count too.
 */
export function isCodedError(value: unknown): value is CodedError {
  return value instanceof Error && typeof (value as { code?: unknown }).code === 'string' && typeof (value as { retryable?: unknown }).retryable === 'boolean';
}
