/** Thrown when a request body is larger than allowed. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError' as const;
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
  }
}

/**
 * The request with its body read into memory, or `BodyTooLargeError` once it passes `limit`
 * bytes — judged by Content-Length when present, and by counting otherwise (chunked bodies), so
 * a client cannot make the server buffer an unbounded body.
 */
export async function limitBody(req: Request, limit: number): Promise<Request> {
  if (req.body === null) return req;
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new BodyTooLargeError(limit);
    }
    chunks.push(chunk.value);
  }
  return new Request(req, { body: Buffer.concat(chunks), duplex: 'half' } as RequestInit);
}
