import { CodedError } from './CodedError.js';

/**
 * The cause of a stored error, as answered the first time and on every replay: it carries the
 * original's machine-readable code and details. A stored outcome is final (`retryable: false`).
 */
export class ReplayedError extends CodedError {
  override readonly name = 'ReplayedError' as const;
  constructor(code: string | undefined, message: string, details?: unknown) {
    // An uncoded original (a bare TRPCError) replays without a code of its own: tRPC's code shows.
    super(code ?? '', message, false, details);
  }
}

/** Works across realms and bundled copies: checks the name, not the prototype. */
export function isReplayedError(value: unknown): value is ReplayedError {
  return value instanceof Error && value.name === 'ReplayedError';
}
