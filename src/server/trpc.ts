/**
 * The tRPC backend, in three parts: 1. context, 2. initialization, 3. procedures.
 * Routers import only the procedures.
 */
import { initTRPC } from '@trpc/server';
import { idempotency, idempotencyErrorData } from '@idem/trpc-server';
import { ZodError, z } from 'zod';
import type { Db } from './db/create-db';
import { readServerEnv } from './env';
import { noFaults, type FaultInjector } from './faults';
import type { PaymentGateway } from './payments/payment-gateway';
import { simulatedGatewayFor } from './payments/simulated-gateway';
import { idempotencyStoresFor } from './idempotency/idempotency-store';
import { resolveSession, type Session } from './session/resolve-session';
import { shopError } from './errors';

// 1. Context ----------------------------------------------------------------------------------

interface ContextBase {
  db: Db;
  req: Request;
  resHeaders: Headers;
  /** @default simulatedGatewayFor(db) */
  payments?: PaymentGateway;
  /** @default noFaults */
  faults?: FaultInjector;
}

export type CreateContextOptions = ContextBase &
  (
    | {
        /** The key that signs session cookies (see `loadSessionSecret`): the session comes from the request's cookie. */
        sessionSecret: string;
      }
    | {
        /** A session already established: the completer acting for the principal of an abandoned request. */
        session: Session;
      }
  );

export function createContext({ db, req, resHeaders, payments, faults = noFaults, ...who }: CreateContextOptions) {
  const session = 'session' in who ? who.session : resolveSession(req, resHeaders, who.sessionSecret);
  return {
    db,
    req,
    resHeaders,
    payments: payments ?? simulatedGatewayFor(db),
    faults,
    session,
    /** Whose carts, orders and idempotency keys these are: the guest session. */
    principal: session.id,
  };
}

export type Context = ReturnType<typeof createContext>;

// 2. Initialization ---------------------------------------------------------------------------

/** Per-procedure metadata; read by the OpenAPI generator. */
export interface Meta {
  /** One line for docs: what the procedure does. */
  summary?: string;
  /** Set by `idempotentProcedure`: the procedure requires an `Idempotency-Key`. */
  idempotent?: boolean;
}

const t = initTRPC.context<Context>().meta<Meta>().create({
  errorFormatter({ shape, error }) {
    // A stored error is replayed byte for byte, so its body carries no stack trace; only
    // unexpected failures (never stored) keep theirs, in development.
    const { stack, ...data } = shape.data;
    const internal = error.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      // An unexpected failure's own text (a driver's message, a file path) is for the server log only.
      message: internal ? 'Internal server error. Retry with the same Idempotency-Key.' : shape.message,
      data: {
        ...data,
        ...(internal && stack ? { stack } : {}),
        ...idempotencyErrorData(error),
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. Procedures -------------------------------------------------------------------------------

/** Queries and naturally idempotent mutations. */
export const publicProcedure = t.procedure;

/**
 * Mutations that must run exactly once per `Idempotency-Key`: a request without a key is refused
 * (400), a duplicate gets the stored response, a concurrent duplicate 409.
 */
const env = readServerEnv();

export const idempotentProcedure = publicProcedure
  .meta({ idempotent: true })
  .use(({ ctx, type, next }) => {
    if (type !== 'mutation') return next();
    // A key is scoped to its session. A request without one would get a brand-new session, and
    // its retry — still without one — another: the key would never match. Refuse instead.
    if (ctx.session.isNew) throw shopError('SESSION_REQUIRED', 'Send the session cookie this response sets, then retry with the same Idempotency-Key.');
    ctx.faults('before_claim');
    return next();
  })
  .concat(
    idempotency({
      store: (ctx: Context) => idempotencyStoresFor(ctx.db).records,
      scope: (ctx) => ctx.principal,
      ttlMs: env.IDEMPOTENCY_TTL_MS,
      lockTimeoutMs: env.IDEMPOTENCY_LOCK_TIMEOUT_MS,
    }),
  );
