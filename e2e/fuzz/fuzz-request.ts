/**
 * What the fuzzer generates: a small, printable description of one HTTP request. Large or
 * runtime-dependent parts (a 2 MB body, a 100 000-deep nesting, a session cookie, an order id seen
 * earlier) are described, not spelled out, and rendered just before sending (see `render-request`),
 * so a shrunk counterexample prints in a few lines and replays from its seed.
 */

/** Which protocol surface a request attacks; the summary counts requests by it. */
export const CATEGORIES = ['key', 'body', 'cookie', 'batch', 'principals', 'headers', 'query'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The `Idempotency-Key` header as generated. */
export type KeySpec =
  /** No header at all. */
  | { kind: 'absent' }
  /** One value sent as is (curl's form); may hold anything, CR LF included. */
  | { kind: 'bare'; value: string }
  /** A structured-field list, one member per operation; members are escaped as the format says. */
  | { kind: 'list'; members: string[] }
  /** A value of `length` copies of `char`, too long to print. */
  | { kind: 'huge'; length: number; char: string }
  /** Several `Idempotency-Key` header lines (Node joins them with `, `). */
  | { kind: 'repeated'; values: string[] };

/** Which kind of cookie a forged session cookie is. */
export const FORGERIES = ['bad-signature', 'other-secret', 'expired', 'future', 'swapped-id', 'truncated', 'renamed', 'quoted', 'empty', 'garbage'] as const;
export type Forgery = (typeof FORGERIES)[number];

/** The `Cookie` header as generated: a principal's real session, none, or a forged one. */
export type CookieSpec =
  | { kind: 'none' }
  /** Principal `principal`'s valid cookie, possibly among unrelated cookies or `__Host-`-prefixed. */
  | { kind: 'valid'; principal: number; dress: 'plain' | 'among-others' | 'host-prefixed' }
  /** Never a valid session: `garbage` is the cookie value for `kind: 'garbage'`. */
  | { kind: 'forged'; principal: number; forgery: Forgery; garbage: string };

/** A JSON input with placeholders the renderer fills in: `{ $orderRef: n }` is the n-th order id seen so far. */
export type InputValue = unknown;

/** The request body as generated. */
export type BodySpec =
  | { kind: 'none' }
  /** JSON.stringify of `value` (placeholders filled in). */
  | { kind: 'json'; value: InputValue }
  /** Raw text: truncated JSON, garbage, odd encodings. */
  | { kind: 'text'; text: string }
  /** A valid order padded past (or just under) the body limit, or `bytes` of filler. */
  | { kind: 'huge'; bytes: number; shape: 'padded-order' | 'filler' }
  /** Arrays or objects nested `depth` deep, at the top or inside an order's items. */
  | { kind: 'deep'; depth: number; shape: 'array' | 'object'; where: 'top' | 'items' };

/** One generated request. */
export interface FuzzRequest {
  category: Category;
  method: string;
  /** Procedure names in the path (`a,b` for a batch). */
  procedures: string[];
  /** `?batch=1` in the query. */
  batch: boolean;
  /** GET input (URL-encoded JSON, placeholders filled in), or a raw query string when `rawQuery` is set. */
  queryInput?: InputValue;
  rawQuery?: string;
  cookie: CookieSpec;
  key: KeySpec;
  body: BodySpec;
  /** Sent chunked instead of with a Content-Length. */
  chunked: boolean;
  /** Content-Type; `null` for none. */
  contentType: string | null;
  /** Further header lines, sent raw (CR LF and all). */
  headers: Array<[string, string]>;
  /** The client goes away once the request is sent, without reading the answer. */
  abandon?: boolean;
}

/** Names that are not procedures, some of them dangerous as property names. */
export const NOT_PROCEDURES = ['nope', 'checkout', 'checkout.placeOrder.x', 'checkout..placeOrder', '__proto__', 'constructor', 'toString', 'catalog.__proto__', 'orders.byId/../ops.reconciliation', 'CHECKOUT.PLACEORDER', 'checkout.placeOrder%00', 'cafe\u0301'];
