/**
 * A generated `FuzzRequest` made concrete: the bytes to send (`RawRequest`), and what the oracles
 * may expect of it (`Intent`): whose session it carries, and per operation whether its key is valid.
 */
import type { BodySpec, FuzzRequest, KeySpec } from './fuzz-request';
import { procedureInfo, type ProcedureInfo } from './procedure-table';
import { renderCookie, type Principals } from './principals';
import type { RawRequest } from './raw-http';
import { normalCheckoutInput } from './shop-inputs';

/** Whether an operation's own key is one the server must accept, must refuse, or cannot be predicted (malformed or split header). */
export type KeyState = { state: 'valid'; key: string } | { state: 'invalid' } | { state: 'unknown'; header: string };

export interface OpIntent {
  procedure: string;
  /** Undefined for a name that is no procedure. */
  info: ProcedureInfo | undefined;
  key: KeyState;
  /** The operation's input as sent, when known (JSON text), for the key-reuse oracle. */
  inputText: string | undefined;
}

export interface Intent {
  /** The principal whose valid cookie the request carries; `null` when it carries none (forged, tampered, absent). */
  principal: number | null;
  ops: OpIntent[];
}

/** What the renderer needs at send time. */
export interface RenderContext {
  principals: Principals;
  /** Order ids seen in responses so far, for `{ $orderRef: n }` placeholders. */
  knownOrderIds: readonly string[];
}

const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

export function renderRequest(request: FuzzRequest, context: RenderContext): { raw: RawRequest; intent: Intent } {
  const headers: Array<[string, string]> = [];
  const cookie = renderCookie(request.cookie, context.principals);
  if (cookie !== null) headers.push(['Cookie', cookie]);
  if (request.contentType !== null) headers.push(['Content-Type', request.contentType]);
  for (const value of keyHeaderLines(request.key)) headers.push(['Idempotency-Key', value]);
  headers.push(...request.headers);
  const body = renderBody(request.body, context);
  const raw: RawRequest = { method: request.method, target: target(request, context), headers, body, chunked: request.chunked && body !== null, abandon: request.abandon === true };
  const inputs = opInputs(request, context);
  const ops = proceduresAsServed(raw.target).map((procedure, i) => ({ procedure, info: procedureInfo(procedure), key: keyState(request.key, i), inputText: inputs[i] }));
  return { raw, intent: { principal: request.cookie.kind === 'valid' ? request.cookie.principal : null, ops } };
}

function target(request: FuzzRequest, context: RenderContext): string {
  const path = `/api/trpc/${request.procedures.join(',')}`;
  if (request.rawQuery !== undefined) return `${path}?${request.rawQuery}`;
  const query: string[] = request.batch ? ['batch=1'] : [];
  if (request.queryInput !== undefined) query.push(`input=${encodeURIComponent(json(fill(request.queryInput, context)))}`);
  return query.length > 0 ? `${path}?${query.join('&')}` : path;
}

/**
 * The procedure names the server will read from `target`, as tRPC's fetch adapter reads them: the
 * URL's normalized path (`a/../b` is `b`) after the endpoint, URL-decoded, split on commas when
 * the query says `batch=1`. Not the names the generator put in: those may not survive the trip.
 */
export function proceduresAsServed(target: string): string[] {
  let url: URL;
  try {
    url = new URL(target, 'http://fuzz.invalid');
  } catch {
    return [];
  }
  const path = url.pathname.replace(/^\/+|\/+$/g, '').slice('api/trpc'.length).replace(/^\/+|\/+$/g, '');
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return [];
  }
  return url.searchParams.get('batch') === '1' ? decoded.split(',') : [decoded];
}

/** The header lines for `spec`: none, one, or several. */
export function keyHeaderLines(spec: KeySpec): string[] {
  switch (spec.kind) {
    case 'absent':
      return [];
    case 'bare':
      return [spec.value];
    case 'list':
      return [spec.members.map((m) => `"${m.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(', ')];
    case 'huge':
      return [spec.char.repeat(spec.length)];
    case 'repeated':
      return spec.values;
  }
}

/** The key the server must see for operation `i`, as the contract defines it (see packages/trpc-server keyHeader). */
export function keyState(spec: KeySpec, i: number): KeyState {
  const unknown: KeyState = { state: 'unknown', header: keyHeaderLines(spec).join(', ') };
  const judge = (key: string | undefined): KeyState => (key !== undefined && VALID_KEY.test(key) ? { state: 'valid', key } : { state: 'invalid' });
  switch (spec.kind) {
    case 'absent':
      return { state: 'invalid' };
    case 'huge':
    case 'bare': {
      const value = (spec.kind === 'huge' ? spec.char.repeat(spec.length) : spec.value).replace(/^[ \t]+|[ \t]+$/g, '');
      if (/[\r\n\0]/.test(value) || value.startsWith('"')) return unknown;
      return judge(i === 0 ? value : undefined);
    }
    case 'list':
      if (spec.members.some((m) => /[\r\n\0]/.test(m))) return unknown;
      // One empty member is a lone empty key (invalid); in a longer list it means "no key": invalid too.
      return judge(spec.members.length === 0 ? '' : spec.members[i]);
    case 'repeated':
      return unknown;
  }
}

/** Each operation's input as JSON text, when the body says it plainly. */
function opInputs(request: FuzzRequest, context: RenderContext): Array<string | undefined> {
  const value = request.method === 'GET' ? request.queryInput : request.body.kind === 'json' ? request.body.value : undefined;
  if (value === undefined) return [];
  if (!request.batch) return [json(fill(value, context))];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return request.procedures.map((_, i) => (Object.hasOwn(value, String(i)) ? json(fill((value as Record<string, unknown>)[String(i)], context)) : undefined));
}

/** The body's bytes, or `null` for none. */
export function renderBody(spec: BodySpec, context: RenderContext): Buffer | null {
  switch (spec.kind) {
    case 'none':
      return null;
    case 'json':
      return Buffer.from(json(fill(spec.value, context)), 'utf8');
    case 'text':
      return Buffer.from(spec.text, 'utf8');
    case 'huge': {
      if (spec.shape === 'filler') return Buffer.alloc(spec.bytes, 'x');
      const shell = json({ ...normalCheckoutInput(), padding: '' });
      return Buffer.from(json({ ...normalCheckoutInput(), padding: 'x'.repeat(Math.max(0, spec.bytes - shell.length)) }), 'utf8');
    }
    case 'deep': {
      const nested = spec.shape === 'array' ? `${'['.repeat(spec.depth)}${']'.repeat(spec.depth)}` : `${'{"a":'.repeat(spec.depth)}1${'}'.repeat(spec.depth)}`;
      return Buffer.from(spec.where === 'top' ? nested : `{"items":${nested},"payment":{"token":"tok_visa"}}`, 'utf8');
    }
  }
}

/** `value` with every `{ $orderRef: n }` replaced by the n-th newest known order id (or an id no order has). */
export function fill(value: unknown, context: RenderContext): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => fill(v, context));
  const ref = (value as { $orderRef?: unknown }).$orderRef;
  if (typeof ref === 'number' && Object.keys(value).length === 1) {
    const ids = context.knownOrderIds;
    // Counted from the newest: small numbers (fast-check's favourites) pick recent orders, so
    // attempts to pay, cancel or read one order often meet.
    return ids.length > 0 ? ids[ids.length - 1 - (ref % ids.length)] : '00000000-0000-4000-8000-000000000000';
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, context)]));
}

/** JSON text; values JSON cannot hold (undefined at the top, a BigInt) become `null`. */
function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
}
