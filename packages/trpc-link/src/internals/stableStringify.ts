/**
 * JSON with object keys sorted, so `{ a, b }` and `{ b, a }` serialize alike. Returns `undefined`
 * for inputs it cannot serialize faithfully — cycles, `Map`/`Set`, `FormData`, `Blob`, typed arrays,
 * class instances — where plain `JSON.stringify` would silently collapse different values into
 * `{}`. The journal does not persist such operations rather than risk matching the wrong one.
 */
export function stableStringify(value: unknown): string | undefined {
  try {
    return serialize(value, new Set());
  } catch {
    return undefined;
  }
}

function serialize(value: unknown, ancestors: Set<object>): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'bigint') return JSON.stringify(`${value}n`);
  if (typeof value !== 'object') throw new TypeError(`cannot serialize ${typeof value}`);
  if (ancestors.has(value)) throw new TypeError('cycle');
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') return serialize(toJSON.call(value), ancestors); // Date
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      return `[${value.map((item) => (item === undefined || typeof item === 'function' ? 'null' : serialize(item, ancestors))).join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new TypeError('not a plain object');
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((name) => record[name] !== undefined && typeof record[name] !== 'function')
      .map((name) => `${JSON.stringify(name)}:${serialize(record[name], ancestors)}`);
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
