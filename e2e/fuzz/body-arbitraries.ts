/**
 * Inputs and bodies: valid-ish inputs per procedure (from `shop-inputs`), the same with a field of
 * the wrong type, and bodies that are truncated, huge, deeply nested, not JSON at all, or shaped
 * for another kind of request.
 */
import fc from 'fast-check';
import type { BodySpec, InputValue } from './fuzz-request';
import { cancelOrderInput, cartCheckoutInput, PAYMENT_TOKENS, payOrderInput, placeOrderInput, PRODUCT_IDS, SCARCE_PRODUCT, setItemQuantityInput } from './shop-inputs';

const productId = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...PRODUCT_IDS) }, { weight: 1, arbitrary: fc.constantFrom('no-such-product', 'hario-v60\u0000', 'HARIO-V60', '', ' hario-v60', 'x'.repeat(101)) });
const token = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PAYMENT_TOKENS) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }) });
const version = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom(-1, 2_147_483_647, 2_147_483_648, 1.5));

/** An order id: `{ $orderRef: n }`, the n-th order id any principal was shown so far (often another's), or junk. */
const orderRef: fc.Arbitrary<unknown> = fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 1_000 }).map((n) => ({ $orderRef: n })) }, { weight: 1, arbitrary: fc.string({ maxLength: 40 }) });

/** A placeOrder input: some items (the scarce product now and then) or the session's cart. */
export const placeOrderValue: fc.Arbitrary<InputValue> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.array(fc.record({ productId: fc.oneof({ weight: 6, arbitrary: productId }, { weight: 1, arbitrary: fc.constant(SCARCE_PRODUCT) }), quantity: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 3 }), token).map(([lines, t]) => placeOrderInput(lines, t)) },
  { weight: 1, arbitrary: fc.tuple(version, token).map(([v, t]) => cartCheckoutInput(v, t)) },
);

/** A valid-ish input for `procedure`; `{ $orderRef: n }` stands for the n-th order id seen so far. */
export function inputFor(procedure: string): fc.Arbitrary<InputValue> {
  switch (procedure) {
    case 'checkout.placeOrder':
      return placeOrderValue;
    case 'cart.setItemQuantity':
      return fc.tuple(productId, fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom(99, 100, -1)), version).map(([p, q, v]) => setItemQuantityInput(p, q, v));
    case 'checkout.payOrder':
      return fc.tuple(orderRef, token).map(([orderId, t]) => payOrderInput(orderId, t));
    case 'checkout.cancelOrder':
      return orderRef.map(cancelOrderInput);
    case 'checkout.screen':
      return fc.constantFrom(undefined, { country: 'US' }, { country: 'fr' }, { country: 'XX' }, { country: '\u0000' });
    case 'catalog.byId':
      return productId.map((id) => ({ id }));
    case 'orders.byId':
      return orderRef.map((orderId) => ({ orderId }));
    case 'ops.retryFlaggedRecord':
      return fc.string({ maxLength: 40 }).map((id) => ({ id }));
    default:
      return fc.constantFrom(undefined, {}, null);
  }
}

/** Strings a text field may meet: control characters, Unicode of every plane, lone surrogates, right-to-left marks, 10 000 characters. */
const oddString = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('\u0000', 'a\u0000b', '\ud800', '\u202eevil', ' ', 'x'.repeat(10_000), '<script>alert(1)</script>', "'; DROP TABLE orders; --"));

/** `value` with one leaf (at any depth: an address line, a quantity, a token) replaced by an odd string or a random JSON value. */
function leafReplaced(value: fc.Arbitrary<InputValue>): fc.Arbitrary<InputValue> {
  return fc.tuple(value, fc.nat(), fc.oneof(oddString, fc.jsonValue({ maxDepth: 1 }))).map(([v, n, junk]) => {
    const copy = structuredClone(v);
    const leaves: Array<{ parent: Record<string, unknown>; key: string }> = [];
    const walk = (node: unknown) => {
      if (node === null || typeof node !== 'object') return;
      for (const [k, child] of Object.entries(node)) {
        if (child !== null && typeof child === 'object') walk(child);
        else leaves.push({ parent: node as Record<string, unknown>, key: k });
      }
    };
    walk(copy);
    const leaf = leaves[n % Math.max(1, leaves.length)];
    if (leaf) leaf.parent[leaf.key] = junk;
    return copy;
  });
}

/** `value` with one field replaced by a random JSON value, deleted, or a new field added; or something else entirely. */
export function wrongTyped(value: fc.Arbitrary<InputValue>): fc.Arbitrary<InputValue> {
  const mutated = fc.tuple(value, fc.nat(), fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('replace', 'delete', 'add', 'replace-in-item')).map(([v, n, junk, how]) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return junk;
    const copy: Record<string, unknown> = structuredClone(v) as Record<string, unknown>;
    const keys = Object.keys(copy);
    const field = keys[n % Math.max(1, keys.length)] ?? 'x';
    if (how === 'delete') delete copy[field];
    else if (how === 'add') copy[`extra${n % 3}`] = junk;
    else if (how === 'replace-in-item' && Array.isArray(copy.items) && copy.items[0]) copy.items = [{ ...(copy.items[0] as object), [n % 2 ? 'quantity' : 'productId']: junk }];
    else copy[field] = junk;
    return copy;
  });
  return fc.oneof({ weight: 3, arbitrary: mutated }, { weight: 3, arbitrary: leafReplaced(value) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }, { weight: 1, arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: true, withObjectString: true }).map((v) => v as InputValue) });
}

/** Text no JSON parser should like, or should like in a way worth checking. */
const ODD_TEXTS = [
  '',
  'null',
  '[]',
  '{}',
  '"string"',
  '0',
  'true',
  '\ufeff{}',
  '{"0":',
  '{"items":[{"productId":"hario-v60","quantity":1e999}],"payment":{"token":"tok_visa"}}',
  '{"items":[{"productId":"hario-v60","quantity":1}],"payment":{"token":"tok_visa"},"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"items":[],"items":[{"productId":"hario-v60","quantity":1}],"payment":{"token":"tok_visa"}}',
  '{"items":[{"productId":"hario-v60","quantity":1}],"payment":{"token":"tok_visa\\u0000"}}',
  '{"items":[{"productId":"\\ud800","quantity":1}],"payment":{"token":"tok_visa"}}',
  `{"items":[{"productId":"hario-v60","quantity":${'9'.repeat(400)}}],"payment":{"token":"tok_visa"}}`,
  '{"json":{"items":[{"productId":"hario-v60","quantity":1}],"payment":{"token":"tok_visa"}},"meta":{"values":{"items":["undefined"]}}}',
  '\u0000',
];

/** A body for a request whose valid input would be drawn from `input`. */
export function bodyFor(input: fc.Arbitrary<InputValue>): fc.Arbitrary<BodySpec> {
  return fc.oneof(
    { weight: 3, arbitrary: input.map((value): BodySpec => ({ kind: 'json', value })) },
    { weight: 3, arbitrary: wrongTyped(input).map((value): BodySpec => ({ kind: 'json', value })) },
    { weight: 2, arbitrary: fc.tuple(input, fc.nat()).map(([v, n]): BodySpec => ({ kind: 'text', text: truncate(JSON.stringify(v) ?? '', n) })) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD_TEXTS).map((text): BodySpec => ({ kind: 'text', text })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }).map((text): BodySpec => ({ kind: 'text', text })) },
    { weight: 1, arbitrary: fc.record({ depth: fc.constantFrom(64, 1_000, 10_000, 100_000), shape: fc.constantFrom('array' as const, 'object' as const), where: fc.constantFrom('top' as const, 'items' as const) }).map((d): BodySpec => ({ kind: 'deep', ...d })) },
    { weight: 1, arbitrary: fc.constant<BodySpec>({ kind: 'none' }) },
    { weight: 1, arbitrary: hugeBody },
  );
}

/** Bodies around the 1 MiB limit (API_MAX_BODY_BYTES): just under, just over, far over. */
export const hugeBody: fc.Arbitrary<BodySpec> = fc.record({ bytes: fc.constantFrom(900_000, 1_048_576, 1_048_577, 2_500_000), shape: fc.constantFrom('padded-order' as const, 'filler' as const) }).map((h): BodySpec => ({ kind: 'huge', ...h }));

function truncate(text: string, n: number): string {
  return text.length <= 1 ? text : text.slice(0, n % (text.length - 1));
}
