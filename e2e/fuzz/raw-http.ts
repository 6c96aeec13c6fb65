/**
 * HTTP/1.1 over a bare TCP socket: the request goes out byte for byte as given — CR LF in a header
 * value, a lone surrogate, a duplicated header — which `fetch` and `node:http` refuse to send. One
 * connection per request (`Connection: close`, sent before the fuzzed headers so none can cut it off).
 */
import net from 'node:net';

export interface RawRequest {
  method: string;
  /** Path and query, as sent on the request line. */
  target: string;
  /** Header lines in order; values are sent UTF-8 encoded, unvalidated. */
  headers: ReadonlyArray<readonly [string, string]>;
  body: Buffer | null;
  /** Send the body as one chunk of `Transfer-Encoding: chunked` instead of with a Content-Length. */
  chunked: boolean;
  /** Close the connection once the request is sent, as a client that goes away does. */
  abandon?: boolean;
}

export interface RawResponse {
  status: number;
  /** Lower-cased names; repeated headers keep every value. */
  headers: Record<string, string[]>;
  body: string;
}

/**
 * The response, or why there was none. `reset-while-sending`: the server closed the connection
 * before it had read the whole request — it refuses a request it cannot read (a header Node's
 * parser rejects, a body over the limit) and stops reading; the reset that follows may discard
 * its answer before the client reads it. That is TCP, not a server without an answer.
 */
export type RawOutcome = { ok: true; response: RawResponse } | { ok: false; reason: 'timeout' | 'no-response' | 'reset-while-sending' | 'abandoned'; detail: string };

/** Sends `request` to `baseUrl`'s host and port and reads the first complete response. */
export function sendRaw(baseUrl: string, request: RawRequest, timeoutMs = 30_000): Promise<RawOutcome> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect({ host: url.hostname, port: Number(url.port) });
    let received = Buffer.alloc(0);
    let settled = false;
    const finish = (outcome: RawOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: 'timeout', detail: `no complete response within ${timeoutMs} ms (${received.length} bytes)` }), timeoutMs);
    const headOnly = request.method === 'HEAD';
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const response = parseResponse(received, headOnly, false);
      if (response) finish({ ok: true, response });
    });
    let sent = false;
    const atEnd = (detail: string) => {
      const response = parseResponse(received, headOnly, true);
      const reason = sent ? 'no-response' : 'reset-while-sending';
      finish(response ? { ok: true, response } : { ok: false, reason, detail: `${detail} after ${received.length} bytes: ${received.toString('latin1').slice(0, 200)}` });
    };
    socket.on('end', () => atEnd('connection closed'));
    socket.on('close', () => atEnd('connection closed'));
    // A server that answers early (413, a parser's 400) and closes resets the connection while the
    // body is still being written: its answer is in `received`, or lost to the reset.
    socket.on('error', (error) => atEnd(`socket error ${(error as NodeJS.ErrnoException).code ?? error.message}`));
    // No half-close after writing: Node's server takes a client's FIN as the client going away.
    socket.write(serialize(url.host, request), (error) => {
      if (!error) sent = true;
      if (!error && request.abandon) finish({ ok: false, reason: 'abandoned', detail: 'the client left once the request was sent' });
    });
  });
}

function serialize(host: string, { method, target, headers, body, chunked }: RawRequest): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, `Host: ${host}`, 'Connection: close'];
  if (body !== null) lines.push(chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`);
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  const head = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
  if (body === null) return head;
  if (!chunked) return Buffer.concat([head, body]);
  const parts = body.length > 0 ? [Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n')] : [];
  return Buffer.concat([head, ...parts, Buffer.from('0\r\n\r\n')]);
}

/** The first final (non-1xx) response in `data` once complete, else `null`; `closed`: nothing more will come. */
export function parseResponse(data: Buffer, headOnly: boolean, closed: boolean): RawResponse | null {
  let start = 0;
  for (;;) {
    const end = data.indexOf('\r\n\r\n', start);
    if (end < 0) return null;
    const [statusLine = '', ...headerLines] = data.subarray(start, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
    if (!Number.isInteger(status)) return null;
    const bodyStart = end + 4;
    if (status >= 100 && status < 200) {
      start = bodyStart; // 100 Continue: the real response follows
      continue;
    }
    const headers: Record<string, string[]> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      (headers[name] ??= []).push(line.slice(colon + 1).trim());
    }
    const body = headOnly || status === 204 || status === 304 ? Buffer.alloc(0) : readBody(data.subarray(bodyStart), headers, closed);
    return body === null ? null : { status, headers, body: body.toString('utf8') };
  }
}

function readBody(rest: Buffer, headers: Record<string, string[]>, closed: boolean): Buffer | null {
  if (headers['transfer-encoding']?.some((v) => /chunked/i.test(v))) return dechunk(rest);
  const length = headers['content-length']?.[0];
  if (length !== undefined) return rest.length >= Number(length) ? rest.subarray(0, Number(length)) : null;
  return closed ? rest : null;
}

function dechunk(data: Buffer): Buffer | null {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return null;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size)) return null;
    if (size === 0) return data.indexOf('\r\n', lineEnd + 2) >= 0 ? Buffer.concat(chunks) : null;
    if (data.length < lineEnd + 2 + size + 2) return null;
    chunks.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}
