/**
 * Idempotency keys as clients get them wrong: empty, huge, control characters, Unicode, header
 * injection, quotes and backslashes, and batch key lists that do not match their batch.
 */
import fc from 'fast-check';
import type { KeySpec } from './fuzz-request';

const visibleAsciiChar = fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c));

/** 1–64 visible ASCII characters: a valid key. */
export const validKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: visibleAsciiChar, minLength: 1, maxLength: 64 }) },
  { weight: 1, arbitrary: fc.constantFrom('k'.repeat(255), 'a"b', 'a\\b', '"', '\\', 'a,b', '(k)', '%0d%0aX-Injected:%201', '__proto__') },
);

/** Text a key must never be: CR LF and other ways to break out of the header line. */
const INJECTIONS = [
  '\r\nX-Injected: 1',
  '\r\n\r\nGET /api/health/live HTTP/1.1\r\nHost: fuzz\r\n\r\n',
  '\nSet-Cookie: idem_session=stolen',
  '\r\nContent-Length: 0',
  '\r\nTransfer-Encoding: chunked',
  '\r\nIdempotency-Key: other',
  '\u0000',
  '\r',
  '\r\n folded-continuation',
];

const UNICODE = ['clé', '🔑', 'key\u200b', '\u202ekey', 'ｋｅｙ', 'k\ud800', 'ключ', 'k\u0085', 'k\u00a0'];

/** A key that must be refused (400) or never reach the app (the HTTP parser's 400/431). */
export const invalidKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\t', 'has space', 'k'.repeat(256)),
  fc.tuple(validKey, fc.integer({ min: 0, max: 31 }), validKey).map(([a, c, b]) => `${a}${String.fromCharCode(c)}${b}`),
  validKey.map((k) => `${k}\u007f`),
  fc.tuple(validKey, fc.constantFrom(...UNICODE)).map(([k, u]) => `${k}${u}`),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }),
  fc.tuple(validKey, fc.constantFrom(...INJECTIONS)).map(([k, i]) => `${k}${i}`),
);

/** Any member string: mostly valid, often not. */
export const anyKey: fc.Arbitrary<string> = fc.oneof({ weight: 2, arbitrary: validKey }, { weight: 3, arbitrary: invalidKey });

/** Malformed structured-field lists: unterminated, missing commas, parameters, stray separators. */
const MALFORMED_LISTS = ['"unterminated', '"a" "b"', '"a",', ',', '"a";x=1', '"a"\t,\t"b"', '("a" "b")', '"a",,"b"', '""', '"", ""', '" "', '"a\\"', 'a, "b"', '"\\x"'];

/** The header for one operation: absent, bare, a one-member list, huge, malformed, repeated. */
export const singleKeySpec: fc.Arbitrary<KeySpec> = fc.oneof(
  fc.constant<KeySpec>({ kind: 'absent' }),
  anyKey.map((value): KeySpec => ({ kind: 'bare', value })),
  anyKey.map((value): KeySpec => ({ kind: 'list', members: [value] })),
  fc.record({ length: fc.constantFrom(255, 256, 1_000, 8_000, 20_000), char: fc.constantFrom('k', '"', ',', '\\', 'é') }).map((h): KeySpec => ({ kind: 'huge', ...h })),
  fc.constantFrom(...MALFORMED_LISTS).map((value): KeySpec => ({ kind: 'bare', value })),
  fc.array(anyKey, { minLength: 2, maxLength: 3 }).map((values): KeySpec => ({ kind: 'repeated', values })),
);

/**
 * The header for a batch of `size` operations: a list of the right length (some members empty,
 * meaning "no key"), or one that does not match — too short, too long, a bare value — or none.
 */
export function batchKeySpec(size: number): fc.Arbitrary<KeySpec> {
  const member = fc.oneof({ weight: 4, arbitrary: validKey }, { weight: 1, arbitrary: fc.constant('') }, { weight: 1, arbitrary: invalidKey });
  return fc.oneof(
    { weight: 3, arbitrary: fc.array(member, { minLength: size, maxLength: size }).map((members): KeySpec => ({ kind: 'list', members })) },
    { weight: 2, arbitrary: fc.array(member, { minLength: 0, maxLength: size + 3 }).map((members): KeySpec => ({ kind: 'list', members })) },
    { weight: 1, arbitrary: singleKeySpec },
    // One key for every operation: they race for it inside one request.
    { weight: 1, arbitrary: validKey.map((key): KeySpec => ({ kind: 'list', members: Array.from({ length: size }, () => key) })) },
  );
}
