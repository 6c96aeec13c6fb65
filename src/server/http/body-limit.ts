/** Thrown when a request body is larger than allowed. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError' as const;
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
  }
}

/** Thrown when a client takes longer than allowed to send its request body. */
export class BodyTimeoutError extends Error {
  override readonly name = 'BodyTimeoutError' as const;
  constructor(readonly timeoutMs: number) {
    super(`The request body did not arrive within ${timeoutMs} ms.`);
  }
}

/** Thrown when the client went away (the connection closed or reset) before its body arrived. */
export class BodyAbortedError extends Error {
  override readonly name = 'BodyAbortedError' as const;
  constructor(cause: unknown) {
    super('The client closed the connection before its request body arrived.', { cause });
  }
}

/**
 * The request with its body read into memory, or `BodyTooLargeError` once it passes `limit`
 * bytes — judged by Content-Length when present, and by counting otherwise (chunked bodies), so
 * a client cannot make the server buffer an unbounded body — or `BodyTimeoutError` when the body
 * has not fully arrived within `timeoutMs`: a stalled upload must not hold the server. A body
 * stream that fails is the client's connection ending mid-body: `BodyAbortedError`.
 */
export async function limitBody(req: Request, limit: number, timeoutMs = Infinity): Promise<Request> {
  if (req.body === null) return req;
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const reader = req.body.getReader();
  let timer: NodeJS.Timeout | undefined;
  const stalled = new Promise<never>((_, reject) => {
    if (Number.isFinite(timeoutMs)) timer = setTimeout(() => reject(new BodyTimeoutError(timeoutMs)), timeoutMs);
  });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    const next = () => Promise.race([reader.read().catch((error: unknown) => Promise.reject(new BodyAbortedError(error))), stalled]);
    for (let chunk = await next(); !chunk.done; chunk = await next()) {
      size += chunk.value.byteLength;
      if (size > limit) throw new BodyTooLargeError(limit);
      chunks.push(chunk.value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return new Request(req, { body: Buffer.concat(chunks), duplex: 'half' } as RequestInit);
}
