/**
 * The one rule by which this package recognises an error, its own or another's: an `Error` whose
 * `name` is one of `names`. Not the prototype, so an error made by a second bundled copy of this
 * package still counts; `@idem/trpc-server` recognises its errors the same way.
 */
export function isErrorNamed(value: unknown, ...names: readonly string[]): value is Error {
  return value instanceof Error && names.includes(value.name);
}
