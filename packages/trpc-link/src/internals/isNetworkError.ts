import { isErrorNamed } from './isErrorNamed.js';

/**
 * Messages of the `TypeError` that `fetch` rejects with when no response arrived (or its body was
 * cut off). `fetch` gives no error code, so the message is all there is; the list follows
 * sindresorhus/is-network-error. Anything else — a `TypeError` thrown by a bug in a `headers`
 * callback, say — is not a network failure and must not be retried as one.
 */
const MESSAGES = new Set([
  'Failed to fetch', // Chromium
  'network error', // Chromium, body stream cut
  'NetworkError when attempting to fetch resource.', // Firefox
  'The Internet connection appears to be offline.', // Safari 16
  'Network request failed', // cross-fetch, React Native
  'fetch failed', // undici (Node.js)
  'terminated', // undici, body stream cut
  ' A network error occurred.', // Bun (WebKit)
  'Network connection lost', // Cloudflare Workers
]);

export function isNetworkError(error: unknown): boolean {
  if (!isErrorNamed(error, 'TypeError')) return false;
  // Safari 17+ says only "Load failed"; its network errors carry no stack, a bug's TypeError does.
  if (error.message === 'Load failed') return error.stack === undefined;
  return MESSAGES.has(error.message) || error.message.startsWith('error sending request for url'); // Deno
}
