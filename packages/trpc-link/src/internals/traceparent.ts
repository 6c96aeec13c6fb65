import { hashString } from './hashString.js';

/**
 * A W3C `traceparent` (Trace Context §3.2) for one send of the operation with `key`: the trace id
 * is derived from the key, so every attempt of one logical operation — retries, a resume after a
 * reload — lands in one trace on the server; the parent id is new for each send. Sampled.
 */
export function traceparentFor(key: string): string {
  return `00-${traceIdOf(key)}-${randomHex(8)}-01`;
}

/** 32 lowercase hex digits from the key; never all zeros (an invalid trace id). */
export function traceIdOf(key: string): string {
  const id = (hashString(`trace:${key}`) + hashString(`trace2:${key}`)).slice(0, 32);
  return /^0+$/.test(id) ? `${id.slice(0, 31)}1` : id;
}

function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  globalThis.crypto.getRandomValues(buffer);
  if (buffer.every((b) => b === 0)) buffer[bytes - 1] = 1; // an all-zero parent id is invalid
  return [...buffer].map((b) => b.toString(16).padStart(2, '0')).join('');
}
