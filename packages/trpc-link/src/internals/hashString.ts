/**
 * A 106-bit non-cryptographic hash (two seeded rounds of bryc's cyrb53), as 28 hex digits.
 * Synchronous and dependency-free: `crypto.subtle` is async and missing on insecure origins.
 * It only has to tell one pending operation's input from another's; a collision would make the
 * server answer 422 IDEMPOTENCY_KEY_REUSED (payload mismatch), never replay the wrong response.
 */
export function hashString(text: string): string {
  return cyrb53(text, 0) + cyrb53(text, 0x9e3779b9);
}

function cyrb53(text: string, seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
