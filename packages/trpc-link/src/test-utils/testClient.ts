import { createTRPCClient } from '@trpc/client';
import { idempotencyLink } from '../idempotencyLink.js';
import type { IdempotencyLinkOptions } from '../IdempotencyLinkOptions.js';
import { idempotentHttpLink } from '../idempotentHttpLink.js';
import { memoryStorage } from '../memoryStorage.js';
import type { scriptedFetch, TestRouter } from './scriptedFetch.js';

/** Where the scripted server of these tests answers. */
export const TEST_URL = 'http://api.test/trpc';

/** A promise's outcome as a value, so a test can assert on a rejection without try/catch. */
export const settle = <T>(promise: Promise<T>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }));

/** A structured-field string header value (`"k1"`) without its quotes. */
export const unquote = (key: string | null | undefined) => key?.slice(1, -1);

/** The link over the ready-wired terminating link and `fetch`, with deterministic jitter, and its storage. */
export function clientWith(fetch: ReturnType<typeof scriptedFetch>['fetch'], options: IdempotencyLinkOptions = {}) {
  const storage = options.storage ?? memoryStorage();
  const link = idempotencyLink<TestRouter>({ storage, random: () => 0.5, ...options });
  return { storage, link, client: createTRPCClient<TestRouter>({ links: [link, idempotentHttpLink({ url: TEST_URL, fetch })] }) };
}
