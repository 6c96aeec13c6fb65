import type { Reply } from '../../test-utils/scriptedFetch.js';

export interface HeldRequest {
  /** The `Idempotency-Key` header as sent. */
  key: string | null;
  /** Answers the request: a reply, `network-error` for a dropped connection, `hang` for none. */
  answer(reply: Reply): void;
}

/** A `fetch` whose every request waits until the test answers it, so a test sees each state in between. */
export function heldFetch() {
  const requests: HeldRequest[] = [];
  const fetch = (_input: RequestInfo | URL, init?: RequestInit): Promise<Response> =>
    new Promise((resolve, reject) => {
      init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      requests.push({
        key: new Headers(init?.headers as HeadersInit | undefined).get('idempotency-key'),
        answer(reply) {
          if (reply === 'hang') return;
          if (reply === 'network-error') return reject(new TypeError('fetch failed'));
          resolve(new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json', ...reply.headers } }));
        },
      });
    });
  return { fetch, requests };
}
