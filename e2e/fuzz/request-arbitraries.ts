/**
 * One generated request of each category (see `CATEGORIES`), and the mix the fuzz run draws from.
 * Principals are indexes into the run's principals (see `principals`), resolved when sending.
 */
import fc from 'fast-check';
import { bodyFor, hugeBody, inputFor, placeOrderValue } from './body-arbitraries';
import { FORGERIES, NOT_PROCEDURES, type BodySpec, type CookieSpec, type FuzzRequest, type KeySpec } from './fuzz-request';
import { PROCEDURES } from './procedure-table';
import { anyKey, batchKeySpec, singleKeySpec, validKey } from './key-arbitraries';
import { SHARED_KEY_COUNT, sharedKey } from './shop-inputs';

const PROCEDURE_NAMES = Object.keys(PROCEDURES);
const QUERY_NAMES = PROCEDURE_NAMES.filter((p) => PROCEDURES[p]?.type === 'query');
/** The shopper's mutations, placeOrder (which creates what the others act on) most of all. */
const SHOP_MUTATIONS = ['checkout.placeOrder', 'checkout.placeOrder', ...PROCEDURE_NAMES.filter((p) => PROCEDURES[p]?.type === 'mutation' && !PROCEDURES[p].operator)];

/** Defaults every category starts from: a plain JSON POST. */
const base = { batch: false, chunked: false, contentType: 'application/json', headers: [] as Array<[string, string]> } satisfies Partial<FuzzRequest>;

function validCookie(principals: number): fc.Arbitrary<CookieSpec> {
  return fc.record({ principal: fc.nat({ max: principals - 1 }), dress: fc.constantFrom('plain' as const, 'plain' as const, 'among-others' as const, 'host-prefixed' as const) }).map((c): CookieSpec => ({ kind: 'valid', ...c }));
}

function badCookie(principals: number): fc.Arbitrary<CookieSpec> {
  const forged = fc.record({ principal: fc.nat({ max: principals - 1 }), forgery: fc.constantFrom(...FORGERIES), garbage: fc.string({ maxLength: 80 }) }).map((c): CookieSpec => ({ kind: 'forged', ...c }));
  return fc.oneof({ weight: 4, arbitrary: forged }, { weight: 1, arbitrary: fc.constant<CookieSpec>({ kind: 'none' }) });
}

const freshKey: fc.Arbitrary<KeySpec> = validKey.map((value): KeySpec => ({ kind: 'bare', value }));

/** placeOrder with a valid session and order, and a fuzzed key header. */
function keyRequest(principals: number): fc.Arbitrary<FuzzRequest> {
  return fc.record({ cookie: validCookie(principals), key: singleKeySpec, value: placeOrderValue }).map(({ cookie, key, value }): FuzzRequest => ({
    ...base, category: 'key', method: 'POST', procedures: ['checkout.placeOrder'], cookie, key, body: { kind: 'json', value },
  }));
}

/** A mutation (or a query by GET) with a valid session and key, and a fuzzed body or input. */
function bodyRequest(principals: number): fc.Arbitrary<FuzzRequest> {
  const mutation = fc.constantFrom(...SHOP_MUTATIONS).chain((procedure) =>
    fc.record({ cookie: validCookie(principals), key: freshKey, body: bodyFor(inputFor(procedure)), chunked: fc.boolean(), contentType: contentType() }).map((r): FuzzRequest => ({ ...base, ...r, category: 'body', method: 'POST', procedures: [procedure] })),
  );
  return fc.oneof({ weight: 4, arbitrary: mutation }, { weight: 1, arbitrary: queryRequest(principals, 'body') });
}

/** Any procedure with a forged, tampered or missing session cookie (sometimes a valid one, dressed up). */
function cookieRequest(principals: number): fc.Arbitrary<FuzzRequest> {
  const procedure = fc.constantFrom(...SHOP_MUTATIONS, 'orders.list', 'cart.get', 'orders.byId');
  const cookie = fc.oneof({ weight: 4, arbitrary: badCookie(principals) }, { weight: 1, arbitrary: validCookie(principals) });
  return fc.tuple(procedure, cookie, freshKey).chain(([p, c, key]) =>
    inputFor(p).map((value): FuzzRequest => {
      const query = PROCEDURES[p]?.type === 'query';
      return { ...base, category: 'cookie', method: query ? 'GET' : 'POST', procedures: [p], cookie: c, key, body: query ? { kind: 'none' } : { kind: 'json', value }, ...(query ? { queryInput: value } : {}) };
    }),
  );
}

/** `/api/trpc/a,b?batch=1`: lists of procedures, body shapes and key lists that do not match. */
function batchRequest(principals: number): fc.Arbitrary<FuzzRequest> {
  const name = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...SHOP_MUTATIONS) }, { weight: 2, arbitrary: fc.constantFrom(...PROCEDURE_NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...NOT_PROCEDURES) });
  return fc.array(name, { minLength: 1, maxLength: 28 }).chain((procedures) =>
    fc.record({
      cookie: fc.oneof({ weight: 5, arbitrary: validCookie(principals) }, { weight: 1, arbitrary: badCookie(principals) }),
      key: batchKeySpec(procedures.length),
      inputs: fc.tuple(...procedures.map((p) => inputFor(p))),
      shape: fc.constantFrom('object', 'object', 'object', 'array', 'missing-index', 'extra-index', 'odd-indexes', 'not-an-object', 'huge', 'deep'),
      method: fc.constantFrom('POST', 'POST', 'POST', 'GET'),
    }).map(({ cookie, key, inputs, shape, method }): FuzzRequest => {
      const body = batchBody(inputs, shape);
      const get = method === 'GET';
      return { ...base, category: 'batch', method, procedures, batch: true, cookie, key, body: get ? { kind: 'none' } : body, ...(get && body.kind === 'json' ? { queryInput: body.value } : {}) };
    }),
  );
}

function batchBody(inputs: unknown[], shape: string): BodySpec {
  const byIndex = Object.fromEntries(inputs.map((v, i) => [String(i), v]));
  switch (shape) {
    case 'array':
      return { kind: 'json', value: inputs };
    case 'missing-index':
      return { kind: 'json', value: Object.fromEntries(Object.entries(byIndex).slice(1)) };
    case 'extra-index':
      return { kind: 'json', value: { ...byIndex, [String(inputs.length)]: inputs[0] ?? {}, 99: {} } };
    case 'odd-indexes':
      return { kind: 'json', value: Object.fromEntries(inputs.map((v, i) => [['00', '-1', '1.0', ' 0', 'NaN', '__proto__'][i % 6] ?? '0', v])) };
    case 'not-an-object':
      return { kind: 'text', text: JSON.stringify(inputs[0] ?? null) ?? 'null' };
    case 'huge':
      return { kind: 'huge', bytes: 1_048_577, shape: 'filler' };
    case 'deep':
      return { kind: 'deep', depth: 50_000, shape: 'object', where: 'top' };
    default:
      return { kind: 'json', value: byIndex };
  }
}

/** placeOrder under a few shared keys, each always with its one body, by several principals; a batch of two now and then. */
function principalsRequest(principals: number): fc.Arbitrary<FuzzRequest> {
  const shared = fc.nat({ max: SHARED_KEY_COUNT - 1 });
  const single = fc.record({ cookie: validCookie(principals), i: shared, otherBody: fc.nat({ max: 9 }), attempt: fc.constantFrom(null, null, '1', '2', '7'), leave: fc.nat({ max: 7 }) }).map(({ cookie, i, otherBody, attempt, leave }): FuzzRequest => {
    const { key, input } = sharedKey(i);
    // Now and then the key with another shared key's body: 422 for the principal that used it first, never for the others.
    const value = otherBody === 0 ? sharedKey((i + 1) % SHARED_KEY_COUNT).input : input;
    // A retry's attempt number (2+) makes the server read the key before claiming it.
    const headers: Array<[string, string]> = attempt === null ? [] : [['Idempotency-Attempt', attempt]];
    // One in eight: the client goes away once it has sent the request; the server finishes it, and a retry meets it.
    return { ...base, category: 'principals', method: 'POST', procedures: ['checkout.placeOrder'], cookie, key: { kind: 'bare', value: key }, body: { kind: 'json', value }, headers, abandon: leave === 0 };
  });
  const pair = fc.record({ cookie: validCookie(principals), a: shared, b: shared }).map(({ cookie, a, b }): FuzzRequest => ({
    ...base, category: 'principals', method: 'POST', procedures: ['checkout.placeOrder', 'checkout.placeOrder'], batch: true, cookie,
    key: { kind: 'list', members: [sharedKey(a).key, sharedKey(b).key] }, body: { kind: 'json', value: { 0: sharedKey(a).input, 1: sharedKey(b).input } },
  }));
  return fc.oneof({ weight: 4, arbitrary: single }, { weight: 1, arbitrary: pair });
}

function contentType(): fc.Arbitrary<string | null> {
  return fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom(null, 'text/plain', 'multipart/form-data; boundary=x', 'multipart/form-data', 'application/x-www-form-urlencoded', 'application/octet-stream', 'application/json; charset=utf-16', 'application/jsonl', '\u0000') });
}

const EXTRA_HEADERS: fc.Arbitrary<[string, string]> = fc.oneof(
  fc.constantFrom<[string, string]>(['trpc-accept', 'application/jsonl'], ['accept', 'application/jsonl'], ['x-forwarded-proto', 'https'], ['expect', '100-continue'], ['content-encoding', 'gzip'], ['connection', 'keep-alive, Upgrade'], ['upgrade', 'websocket'], ['transfer-encoding', 'chunked']),
  anyKey.map((v): [string, string] => ['x-request-id', v]),
  fc.constantFrom('0', '1', '2', '999999', '1000000', '-1', '1e3', 'abc', '', '01').map((v): [string, string] => ['idempotency-attempt', v]),
  fc.oneof(fc.constant('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'), anyKey).map((v): [string, string] => ['traceparent', v]),
  anyKey.map((v): [string, string] => ['authorization', `Bearer ${v}`]),
  fc.tuple(fc.constantFrom('X-Evil', 'x-fuzz\r\nInjected', 'Idempotency-Key ', ' Cookie', 'Content-Length'), anyKey).map(([n, v]): [string, string] => [n, v]),
);

/** Any procedure, any method, odd content types and the headers around the protocol (attempt, request id, trace, auth, streaming). */
function headersRequest(principals: number): fc.Arbitrary<FuzzRequest> {
  const procedure = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...PROCEDURE_NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...NOT_PROCEDURES) });
  return fc.tuple(procedure, fc.constantFrom('POST', 'POST', 'GET', 'GET', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD')).chain(([p, method]) =>
    fc.record({
      cookie: fc.oneof(validCookie(principals), badCookie(principals)),
      key: fc.oneof(freshKey, singleKeySpec),
      value: inputFor(p),
      contentType: contentType(),
      headers: fc.array(EXTRA_HEADERS, { minLength: 1, maxLength: 4 }),
      chunked: fc.boolean(),
      huge: fc.nat({ max: 19 }),
    }).chain(({ value, huge, ...r }) =>
      (huge === 0 ? hugeBody : fc.constant<BodySpec>({ kind: 'json', value })).map((body): FuzzRequest => ({ ...base, ...r, category: 'headers', method, procedures: [p], body: method === 'GET' || method === 'HEAD' ? { kind: 'none' } : body, ...(method === 'GET' ? { queryInput: value } : {}) })),
    ),
  );
}

const RAW_QUERIES = [`input=${'%7B'.repeat(6_000)}`, `input=${encodeURIComponent(JSON.stringify({ id: 'x'.repeat(12_000) }))}`, 'input=%E0%A4%A', 'input=%7B', 'input=%', 'batch=1&input=%7B%220%22%3A1%7D', 'batch=1', 'batch=0', 'batch=true&input=%7B%7D', 'input[]=1', 'input=%00', 'input=%22%5Cu0000%22', 'input=null&input=1', 'input=undefined', 'input=1e999', 'input= ', 'input=é', '%', 'batch=1&input=%5B%5D'];

/** GET queries with fuzzed input: odd encodings, order ids of other principals, batches of queries. */
function queryRequest(principals: number, category: 'query' | 'body' = 'query'): fc.Arbitrary<FuzzRequest> {
  return fc.record({
    procedures: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...QUERY_NAMES) }, { weight: 1, arbitrary: fc.constantFrom(...NOT_PROCEDURES) }), { minLength: 1, maxLength: 4 }),
    cookie: fc.oneof({ weight: 4, arbitrary: validCookie(principals) }, { weight: 1, arbitrary: badCookie(principals) }),
    how: fc.constantFrom('valid', 'valid', 'wrong', 'raw'),
    raw: fc.constantFrom(...RAW_QUERIES),
  }).chain(({ procedures, cookie, how, raw }) => {
    const single = procedures.length === 1;
    const inputs = fc.tuple(...procedures.map((p) => (how === 'wrong' ? fc.jsonValue({ maxDepth: 2 }) : inputFor(p))));
    return inputs.map((values): FuzzRequest => ({
      ...base, category, method: 'GET', procedures, batch: !single, cookie, key: { kind: 'absent' }, body: { kind: 'none' }, contentType: null,
      ...(how === 'raw' ? { rawQuery: raw } : { queryInput: single ? values[0] : Object.fromEntries(values.map((v, i) => [String(i), v])) }),
    }));
  });
}

/** The mix of one fuzz run: every category, principals sharing keys most of all. */
export function fuzzRequest(principals: number): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 3, arbitrary: keyRequest(principals) },
    { weight: 3, arbitrary: bodyRequest(principals) },
    { weight: 2, arbitrary: cookieRequest(principals) },
    { weight: 3, arbitrary: batchRequest(principals) },
    { weight: 4, arbitrary: principalsRequest(principals) },
    { weight: 2, arbitrary: headersRequest(principals) },
    { weight: 2, arbitrary: queryRequest(principals) },
  );
}
