/**
 * The tRPC backend, in three parts: 1. context, 2. initialization, 3. procedures.
 * Routers import only the procedures.
 */
import { randomUUID } from 'node:crypto';
import { initTRPC } from '@trpc/server';
import { idempotency, idempotencyErrorData } from '@idem/trpc-server';
import { ZodError, z } from 'zod';
import type { Db } from './db/create-db';
import { readServerEnv, type ServerEnv } from './env';
import { isSecureRequest } from './http/is-secure-request';
import { authenticateOperator, OPERATOR_WWW_AUTHENTICATE } from './ops-auth/authenticate-operator';
import { noFaults, type FaultInjector } from './faults';
import type { PaymentGateway } from './payments/payment-gateway';
import { simulatedGatewayFor } from './payments/simulated-gateway';
import { idempotencyStoresFor } from './idempotency/idempotency-store';
import { resolveSession, type Session } from './session/resolve-session';
import { ShopError, shopError } from './errors';
import { idempotencyObservers } from './observability/idempotency-observers';
import { observeProcedure } from './observability/observe-procedure';
import { tracedIdempotencyHandle } from './observability/traced-idempotency-handle';

/** The process's settings, read once; a context may be given others (tests). */
const processEnv = readServerEnv();

// 1. Context ----------------------------------------------------------------------------------

interface ContextBase {
  db: Db;
  req: Request;
  resHeaders: Headers;
  /** @default simulatedGatewayFor(db) */
  payments?: PaymentGateway;
  /** @default noFaults */
  faults?: FaultInjector;
  /** Ties this request's error body to its server log lines (see `requestIdOf`). @default a new UUID */
  requestId?: string;
  /** @default readServerEnv() (once per process) */
  env?: ServerEnv;
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

export function createContext({ db, req, resHeaders, payments, faults = noFaults, requestId = randomUUID(), env = processEnv, ...who }: CreateContextOptions) {
  const secure = isSecureRequest(req, env.TRUST_PROXY);
  const session = 'session' in who ? who.session : resolveSession(req, resHeaders, { secret: who.sessionSecret, secure, maxAgeS: env.SESSION_MAX_AGE_S });
  return {
    db,
    req,
    resHeaders,
    payments: payments ?? simulatedGatewayFor(db),
    faults,
    requestId,
    env,
    /** The client reached us over HTTPS (TRUST_PROXY decides whether X-Forwarded-Proto counts). */
    secure,
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
  /** Set by `operatorProcedure`: the procedure requires the operator credential. */
  operator?: boolean;
}

/** What a 5xx says, whatever went wrong: the cause is for the server log, found by the request id. */
const SERVER_FAULT_MESSAGE = 'Internal server error. Retry with the same Idempotency-Key; quote the requestId when reporting it.';

const t = initTRPC.context<Context>().meta<Meta>().create({
  errorFormatter({ shape, error, ctx }) {
    // A stored error is replayed byte for byte, so its body carries no stack trace — and no other
    // body does either: a stack quotes the failure's own text, which belongs in the server log.
    const { stack: _stack, ...data } = shape.data;
    // A 5xx is never stored (it is an unknown outcome), so a per-request id cannot end up replayed.
    const serverFault = data.httpStatus >= 500;
    // Our own coded errors (503 PAYMENT_PROVIDER_UNAVAILABLE) have messages written for clients;
    // any other 5xx text — a driver's message, a file path — is for the server log only.
    const vetted = error.cause instanceof ShopError;
    return {
      ...shape,
      message: serverFault && !vetted ? SERVER_FAULT_MESSAGE : shape.message,
      data: {
        ...data,
        ...idempotencyErrorData(error),
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
        ...(serverFault && ctx ? { requestId: ctx.requestId } : {}),
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// 3. Procedures -------------------------------------------------------------------------------

/**
 * Queries and naturally idempotent mutations. A mutation acts for its session, so it needs an
 * established one: without a valid session cookie it is refused with 401 SESSION_REQUIRED (the
 * response sets a cookie to send back) rather than run for a throwaway session — which would
 * leave a cart row behind on every cookieless request and lose the change anyway.
 */
/** Every procedure: a span around it and the RED metrics (see `observeProcedure`). */
const observedProcedure = t.procedure.use(observeProcedure);

export const publicProcedure = observedProcedure.use(({ ctx, type, next }) => {
  if (type === 'mutation' && ctx.session.isNew) {
    throw shopError('SESSION_REQUIRED', 'This request carried no valid session cookie. Send the cookie this response sets, then retry (with the same Idempotency-Key, if any).');
  }
  return next();
});

/**
 * Mutations that must run exactly once per `Idempotency-Key`: a request without a key is refused
 * (400), a duplicate gets the stored response, a concurrent duplicate 409.
 */
export const idempotentProcedure = publicProcedure
  .meta({ idempotent: true })
  .use(({ ctx, type, next }) => {
    // A key is scoped to its session, so `publicProcedure` has already refused a request without
    // one: its retry, still without one, would be yet another session and the key would never match.
    if (type === 'mutation') ctx.faults('before_claim');
    return next();
  })
  .concat(
    idempotency({
      store: (ctx: Context) => idempotencyStoresFor(ctx.db).records,
      scope: (ctx) => ctx.principal,
      ttlMs: processEnv.IDEMPOTENCY_TTL_MS,
      lockTimeoutMs: processEnv.IDEMPOTENCY_LOCK_TIMEOUT_MS,
      // Each outcome: a log line, a metric, an event on the procedure's span.
      hooks: idempotencyObservers,
    }),
  )
  // A span around each phase and the finish.
  .use(({ ctx, next }) => next({ ctx: { idempotency: tracedIdempotencyHandle(ctx.idempotency) } }));

/**
 * The operator's procedures (`ops.*`): refused with 401 OPERATOR_CREDENTIAL_REQUIRED without
 * `Authorization: Bearer <OPS_TOKEN>` or the /ops sign-in cookie, and with 403
 * OPERATOR_ACCESS_DISABLED on a server without OPS_TOKEN. Not built on `publicProcedure`: an
 * operator's tool (curl, a script) has no guest session and needs none.
 */
export const operatorProcedure = observedProcedure.meta({ operator: true }).use(({ ctx, next }) => {
  const auth = authenticateOperator(ctx.req.headers, { opsToken: ctx.env.OPS_TOKEN });
  if (!auth.ok) {
    if (auth.code === 'OPERATOR_CREDENTIAL_REQUIRED') ctx.resHeaders.set('WWW-Authenticate', OPERATOR_WWW_AUTHENTICATE);
    throw shopError(auth.code, auth.message);
  }
  return next();
});
