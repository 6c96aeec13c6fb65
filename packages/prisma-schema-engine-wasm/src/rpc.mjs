// JSON-RPC 2.0 over stdio, as the native engine speaks it to the CLI: one JSON message per line,
// requests answered strictly one at a time in arrival order. The engine can also call the CLI
// (`print`), so lines that are responses to our own requests are routed back to their caller
// while a request is being handled.

import readline from 'node:readline';
import { userFacingError } from './errors.mjs';

/** Thrown by a handler for a method it does not know. */
export class MethodNotFoundError extends Error {
  /** @override */
  name = /** @type {const} */ ('MethodNotFoundError');
}

/**
 * Serialises like serde_json does for the native engine: `undefined` (Rust `None` from the WASM
 * bindings) becomes `null` instead of vanishing, since the CLI reads fields such as `history: null`.
 */
const stringify = (/** @type {unknown} */ message) =>
  JSON.stringify(message, (_key, value) => (value === undefined ? null : value));

/**
 * The error object of a JSON-RPC response, as the native engine builds it: Prisma's details in
 * `data` (`error_code`, `message`, `is_panic`), under the server error code 4466.
 * @param {unknown} error
 */
function toRpcError(error) {
  if (error instanceof MethodNotFoundError) return { code: -32601, message: 'Method not found' };
  return { code: 4466, message: 'An error happened. Check the data field for details.', data: userFacingError(error) };
}

/**
 * @typedef {object} JsonRpcServerOptions
 * @property {(method: string, params: any, callClient: (method: string, params: unknown) => Promise<unknown>) => Promise<unknown>} handle
 *   answers one request; throws `MethodNotFoundError` or any error to answer with an error object
 * @property {NodeJS.ReadableStream} [input] where requests arrive (default: process.stdin)
 * @property {NodeJS.WritableStream} [output] where answers go (default: process.stdout)
 */

/**
 * Serves requests until the input ends, and resolves once the last one is answered.
 * @param {JsonRpcServerOptions} options
 * @returns {Promise<void>}
 */
export function serveJsonRpc({ handle, input = process.stdin, output = process.stdout }) {
  const send = (/** @type {object} */ message) => output.write(`${stringify({ jsonrpc: '2.0', ...message })}\n`);

  /** @type {Map<number | string, { resolve(value: unknown): void, reject(error: Error): void }>} */
  const waiting = new Map();
  let nextId = 1;
  let inputClosed = false;
  const callClient = (/** @type {string} */ method, /** @type {unknown} */ params) =>
    new Promise((resolve, reject) => {
      if (inputClosed) throw new Error('The CLI closed stdin: it cannot answer anymore.');
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      send({ id, method, params });
    });

  /** @param {any} request */
  const answer = async (request) => {
    const isNotification = request.id === undefined;
    try {
      const result = await handle(request.method, request.params, callClient);
      if (!isNotification) send({ id: request.id, result: result ?? {} });
    } catch (error) {
      if (!isNotification) send({ id: request.id ?? null, error: toRpcError(error) });
    }
  };

  let queue = Promise.resolve();
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (!line.trim()) return;
    let message;
    try {
      message = JSON.parse(line);
    } catch {
      send({ id: null, error: { code: -32700, message: 'Parse error' } });
      return;
    }
    if (message?.method === undefined) {
      // A response to our own request (the CLI acknowledging a `print`).
      const caller = waiting.get(message?.id);
      waiting.delete(message?.id);
      if (message?.error) caller?.reject(new Error(`The CLI answered ${JSON.stringify(message.error)}`));
      else caller?.resolve(message?.result);
      return;
    }
    if (typeof message.method !== 'string') {
      send({ id: message.id ?? null, error: { code: -32600, message: 'Invalid Request' } });
      return;
    }
    queue = queue.then(() => answer(message));
  });

  return new Promise((resolve) => {
    lines.on('close', () => {
      inputClosed = true;
      for (const caller of waiting.values()) caller.reject(new Error('The CLI closed stdin before answering.'));
      waiting.clear();
      resolve(queue);
    });
  });
}
