import { describe, expect, it } from 'vitest';
import { verifySession } from '~/server/session/session-cookie';
import { FORGERIES, type FuzzRequest } from './fuzz-request';
import { KeyLedger } from './key-ledger';
import { judgeExchange, type Exchange } from './oracles';
import { OrderOwners } from './order-owners';
import { createPrincipals, FUZZ_SESSION_SECRET, renderCookie } from './principals';
import { parseResponse } from './raw-http';
import { keyState, proceduresAsServed, renderRequest } from './render-request';
import { sharedKey } from './shop-inputs';

// The fuzzer's own oracles, on answers made up to break them: a fuzz run that finds nothing is
// only worth something if each oracle does see what it looks for.

const principals = createPrincipals(2);
const request = (overrides: Partial<FuzzRequest>): FuzzRequest => ({
  category: 'key', method: 'POST', procedures: ['checkout.placeOrder'], batch: false, cookie: { kind: 'valid', principal: 0, dress: 'plain' },
  key: { kind: 'bare', value: 'k1' }, body: { kind: 'json', value: {} }, chunked: false, contentType: 'application/json', headers: [], ...overrides,
});
const answered = (req: FuzzRequest, status: number, body: unknown, headers: Record<string, string[]> = {}): Exchange => {
  const { raw, intent } = renderRequest(req, { principals, knownOrderIds: [] });
  return { request: req, raw, intent, outcome: { ok: true, response: { status, headers: { 'x-request-id': ['r'], ...headers }, body: JSON.stringify(body) } } };
};
const kinds = (x: Exchange) => judgeExchange(x).map((v) => v.kind);

describe('the fuzz oracles', () => {
  it('see a 5xx, whole or inside a batch, a missing answer and a body that is not JSON', () => {
    expect(kinds(answered(request({}), 500, { error: {} }))).toContain('server-error');
    const batch = request({ procedures: ['cart.get', 'cart.get'], batch: true, method: 'GET' });
    expect(kinds(answered(batch, 207, [{ result: { data: 1 } }, { error: { data: { httpStatus: 503 } } }]))).toEqual(['server-error']);
    const x = answered(request({}), 200, {});
    expect(kinds({ ...x, outcome: { ok: false, reason: 'timeout', detail: '' } })).toEqual(['no-response']);
    expect(kinds({ ...x, outcome: { ok: true, response: { status: 400, headers: { 'x-request-id': ['r'] }, body: 'oops' } } })).toEqual(['malformed-response']);
    expect(kinds({ ...x, outcome: { ok: true, response: { status: 400, headers: {}, body: '' } } })).toEqual([]);
  });

  it('see a mutation run without a session, an idempotent one without its own valid key, an operator procedure and a non-procedure succeed', () => {
    const ok = { result: { data: {} } };
    expect(kinds(answered(request({ cookie: { kind: 'forged', principal: 0, forgery: 'expired', garbage: '' } }), 200, ok))).toEqual(['executed-without-session']);
    expect(kinds(answered(request({ key: { kind: 'bare', value: 'has space' } }), 200, ok))).toEqual(['executed-without-valid-key']);
    const batch = request({ procedures: ['checkout.placeOrder', 'checkout.placeOrder'], batch: true, key: { kind: 'list', members: ['a'] } });
    expect(kinds(answered(batch, 200, [ok, ok]))).toEqual(['executed-without-valid-key']);
    expect(kinds(answered(request({ procedures: ['ops.reconciliation'], method: 'GET' }), 200, ok))).toEqual(['operator-without-credential']);
    expect(kinds(answered(request({ procedures: ['__proto__'] }), 200, ok))).toEqual(['unknown-procedure-executed']);
    expect(kinds(answered(request({}), 200, ok))).toEqual([]);
  });

  it('see a replay for a principal that never sent the key, and a 422 for one that only sent it with one input', () => {
    const ledger = new KeyLedger();
    const replayed = { 'idempotent-replayed': ['true'] };
    const first = answered(request({ key: { kind: 'bare', value: 'k9' } }), 200, { result: { data: {} } }, replayed);
    expect(ledger.judgeBatch([first]).map((v) => v.kind)).toEqual(['replay-without-prior-key']);
    expect(ledger.judgeBatch([first])).toEqual([]); // sent before now
    const { key, input } = sharedKey(0);
    const reused = answered(request({ cookie: { kind: 'valid', principal: 1, dress: 'plain' }, key: { kind: 'bare', value: key }, body: { kind: 'json', value: input } }), 422, { error: { data: { code: 'IDEMPOTENCY_KEY_REUSED', httpStatus: 422 } } });
    expect(ledger.judgeBatch([reused]).map((v) => v.kind)).toEqual(['key-reuse-across-principals']);
    const again = (orderId: string) => answered(request({ key: { kind: 'bare', value: 'k10' } }), 200, { result: { data: { orderId } } });
    expect(ledger.judgeBatch([again('o1')])).toEqual([]);
    expect(ledger.judgeBatch([again('o2')]).map((v) => v.kind)).toEqual(['replay-differs']);
  });

  it("see an order shown to a principal that is not its owner, or to a request without a session", async () => {
    const owners = new OrderOwners(async (ids) => ids.map((id) => ({ id, sessionId: principals.ids[0] ?? '' })), principals);
    const shown = { result: { data: [{ orderId: 'o1' }] } };
    expect((await owners.judge([answered(request({}), 200, shown)])).violations).toEqual([]);
    expect((await owners.judge([answered(request({ cookie: { kind: 'valid', principal: 1, dress: 'plain' } }), 200, shown)])).violations.map((v) => v.kind)).toEqual(['cross-principal-order']);
    expect((await owners.judge([answered(request({ cookie: { kind: 'none' } }), 402, { error: { data: { details: { orderId: 'o1' } } } })])).violations).toHaveLength(1);
  });

  it('label cookies as the server reads them: every forgery is refused, a valid cookie names its principal', () => {
    for (const forgery of FORGERIES) {
      const header = renderCookie({ kind: 'forged', principal: 0, forgery, garbage: 'x.y.z' }, principals) ?? '';
      const value = /(?:^|; )idem_session=([^;]*)/.exec(header)?.[1];
      expect(verifySession(value, FUZZ_SESSION_SECRET, { maxAgeS: 30 * 86_400 }), forgery).toBeNull();
    }
    expect(verifySession(principals.cookieValue(1), FUZZ_SESSION_SECRET, { maxAgeS: 30 * 86_400 })).toBe(principals.ids[1]);
  });

  it("predict each operation's key as the server splits the header", () => {
    expect(keyState({ kind: 'absent' }, 0)).toEqual({ state: 'invalid' });
    expect(keyState({ kind: 'bare', value: ' k ' }, 0)).toEqual({ state: 'valid', key: 'k' });
    expect(keyState({ kind: 'bare', value: 'k' }, 1)).toEqual({ state: 'invalid' });
    expect(keyState({ kind: 'bare', value: 'k\r\nX: 1' }, 0).state).toBe('unknown');
    expect(keyState({ kind: 'list', members: ['a"b', ''] }, 0)).toEqual({ state: 'valid', key: 'a"b' });
    expect(keyState({ kind: 'list', members: ['a', ''] }, 1)).toEqual({ state: 'invalid' });
    expect(keyState({ kind: 'list', members: [] }, 0)).toEqual({ state: 'invalid' });
    expect(keyState({ kind: 'huge', length: 255, char: 'k' }, 0).state).toBe('valid');
    expect(keyState({ kind: 'huge', length: 256, char: 'k' }, 0)).toEqual({ state: 'invalid' });
    expect(keyState({ kind: 'list', members: ['clé'] }, 0)).toEqual({ state: 'invalid' });
  });
});

describe('the raw HTTP response parser', () => {
  const parse = (text: string, closed = false) => parseResponse(Buffer.from(text, 'latin1'), false, closed);
  it('reads Content-Length, chunked and until-close bodies, after a 100 Continue', () => {
    expect(parse('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi')?.body).toBe('hi');
    expect(parse('HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nhi')).toBeNull();
    expect(parse('HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 207 Multi\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhi\r\n1\r\n!\r\n0\r\n\r\n')).toMatchObject({ status: 207, body: 'hi!' });
    expect(parse('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')).toBeNull();
    expect(parse('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n', true)).toMatchObject({ status: 400, body: '' });
  });
});

describe('the procedure names a request reaches', () => {
  it('are read as tRPC reads them: normalized path, decoded, split only in a batch', () => {
    expect(proceduresAsServed('/api/trpc/a,b?batch=1')).toEqual(['a', 'b']);
    expect(proceduresAsServed('/api/trpc/a,b')).toEqual(['a,b']);
    expect(proceduresAsServed('/api/trpc/catalog.list,orders.byId/../ops.reconciliation,catalog.list?batch=1')).toEqual(['ops.reconciliation', 'catalog.list']);
    expect(proceduresAsServed('/api/trpc/checkout.placeOrder%00')).toEqual(['checkout.placeOrder\u0000']);
  });
});
