/**
 * A procedure returned (or a business error carried) a value that JSON cannot represent — a
 * BigInt, a cycle. It can never be stored or replayed: a programming error, reported at once.
 */
export class UnserializableResultError extends Error {
  override readonly name = 'UnserializableResultError' as const;
  constructor(procedure: string, options: { cause: unknown }) {
    super(`The result of ${procedure} cannot be stored as JSON, so it could never be replayed. Return plain JSON values.`, options);
  }
}

/** Works across realms and bundled copies: checks the name, not the prototype. */
export function isUnserializableResultError(value: unknown): value is UnserializableResultError {
  return value instanceof Error && value.name === 'UnserializableResultError';
}
