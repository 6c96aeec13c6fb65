import { initTRPC } from '@trpc/server';

/** What the fake server answers to one request. */
export type Reply =
  | { status: number; body: unknown; headers?: Record<string, string> }
  /** `fetch` rejects the way undici does when the connection drops. */
  | 'network-error'
  /** `fetch` never settles (until its signal aborts). */
  | 'hang';

export interface RecordedRequest {
  url: string;
  /** The `Idempotency-Key` header as sent. */
  key: string | null;
  /** `Date.now()` when the request went out (fake time in timer tests). */
  at: number;
}

/**
 * A `fetch` for `httpLink({ fetch })` that answers from a script, one reply per request; the
 * last reply repeats. Records every request, so tests can count attempts and compare keys.
 */
export function scriptedFetch(...replies: Reply[]) {
  const requests: RecordedRequest[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const headers = new Headers(init?.headers as HeadersInit | undefined);
    requests.push({ url, key: headers.get('idempotency-key'), at: Date.now() });
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)] ?? 'network-error';
    if (reply === 'network-error') throw new TypeError('fetch failed');
    if (reply === 'hang') {
      return new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError'))));
    }
    return new Response(JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'content-type': 'application/json', ...reply.headers },
    });
  };
  return { fetch, requests };
}

/** A tRPC success body. */
export function ok(data: unknown, headers?: Record<string, string>): Reply {
  return { status: 200, body: { result: { data } }, headers };
}

/** A tRPC error body as the Idem server shapes it: `data.code`, `data.httpStatus`, `data.retryable`. */
export function fail(status: number, code: string, options: { retryable?: boolean; headers?: Record<string, string> } = {}): Reply {
  const data: Record<string, unknown> = { code, httpStatus: status };
  if (options.retryable !== undefined) data['retryable'] = options.retryable;
  return { status, body: { error: { message: code, code: -32000, data } }, headers: options.headers };
}

const t = initTRPC.create();
const _router = t.router({
  buy: t.procedure.input((raw) => raw as { sku: string; quantity?: number } | string).mutation(() => 'bought'),
  list: t.procedure.query(() => [] as string[]),
});
/** The router the unit tests' clients are typed against; no server runs it. */
export type TestRouter = typeof _router;
