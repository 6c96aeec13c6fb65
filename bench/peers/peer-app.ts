/**
 * One peer variant's express app: `POST /plain/order`, the shared checkout without any idempotency
 * (the variant's own baseline), and `POST /order`, the same checkout behind the peer library. Both in
 * one process, so that they differ in nothing else. The key comes in the `Idempotency-Key` header;
 * the plain route only labels its rows with it.
 */
import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import type { OrderInput, PlaceOrder } from './checkout-work';

/** How a peer library guards `POST /order`. */
export interface PeerGuard {
  /** Mounts `POST /order` on `app`, with the library between the request and `placeOrder`. */
  mount(app: Express, placeOrder: PlaceOrder): void;
  /** Releases what the guard holds (a store's connection). */
  close(): Promise<void>;
}

/** An error that carries the HTTP status to answer with (the peers' own errors, or ours). */
interface StatusError {
  status?: number;
  statusCode?: number;
  code?: string;
  name?: string;
}

export function peerApp(guard: PeerGuard, placeOrder: PlaceOrder): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.use(express.json());
  app.post('/plain/order', async (req, res) => {
    res.json(await placeOrder(requestKey(req), orderInput(req)));
  });
  guard.mount(app, placeOrder);
  app.use(answerError);
  return app;
}

/** The request's `Idempotency-Key` header (a new one when it has none, for the plain route). */
export function requestKey(req: Request): string {
  return req.get('idempotency-key') ?? crypto.randomUUID();
}

/** The posted order, as the checkout takes it. */
export function orderInput(req: Request): OrderInput {
  const body = (req.body ?? {}) as { productId?: unknown; quantity?: unknown };
  return { productId: Number(body.productId), quantity: Number(body.quantity ?? 1) };
}

/**
 * Errors answer with their status (or the one a middleware set before passing the error on), and a
 * small JSON body naming them; nothing is logged per request.
 */
const answerError: ErrorRequestHandler = (error: StatusError, _req, res, next) => {
  if (res.headersSent) return next(error);
  const status = error.status ?? error.statusCode ?? (res.statusCode >= 400 ? res.statusCode : 500);
  res.status(status).json({ error: error.code ?? error.name ?? 'Error' });
};
