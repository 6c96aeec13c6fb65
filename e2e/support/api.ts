import type { CheckoutDetailsInput } from '~/shared/checkout-details';

/** Raw HTTP calls to the tRPC API, as curl would make them: no client library in the way. */
export interface RawResponse {
  status: number;
  headers: Headers;
  body: string;
}

export async function postMutation(
  baseUrl: string,
  path: string,
  init: { key?: string | null; body: string | object; cookie?: string; headers?: Record<string, string> },
): Promise<RawResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...init.headers };
  if (init.cookie) headers.cookie = init.cookie;
  if (init.key !== undefined && init.key !== null) headers['idempotency-key'] = init.key;
  const response = await fetch(`${baseUrl}/api/trpc/${path}`, {
    method: 'POST',
    headers,
    body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body),
  });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** `error.data.code` of an error body. */
export function errorCode(body: string): string | undefined {
  return (JSON.parse(body) as { error?: { data?: { code?: string } } }).error?.data?.code;
}

/** Contact and shipping address for a test checkout: what every placeOrder input carries next to its lines and card. */
export const SAMPLE_CHECKOUT = {
  contact: { email: 'ada@example.com' },
  shipping: { name: 'Ada Lovelace', line1: '12 Market Street', city: 'Springfield', region: 'IL', postalCode: '62701', country: 'US' },
} as const satisfies CheckoutDetailsInput;

/** A placeOrder input for one product. */
export const order = (productId: string, quantity = 1, token = 'tok_visa') => ({ items: [{ productId, quantity }], ...SAMPLE_CHECKOUT, payment: { token } });

/** A placeOrder input for the session's cart at `cartVersion`. */
export const cartOrder = (cartVersion: number, token = 'tok_visa') => ({ cartVersion, ...SAMPLE_CHECKOUT, payment: { token } });

/** A query as a plain GET, input URL-encoded as tRPC expects. */
export async function getQuery(baseUrl: string, path: string, init: { input?: unknown; cookie?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const query = init.input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(init.input))}`;
  const response = await fetch(`${baseUrl}/api/trpc/${path}${query}`, { headers: { ...init.headers, ...(init.cookie ? { cookie: init.cookie } : {}) } });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

/** `result.data` of a success body. */
export function dataOf<T = unknown>(response: RawResponse): T {
  return (JSON.parse(response.body) as { result: { data: T } }).result.data;
}

/** `error.data.details` of an error body. */
export function detailsOf<T = Record<string, unknown>>(response: RawResponse): T {
  return (JSON.parse(response.body) as { error: { data: { details: T } } }).error.data.details;
}
