/**
 * The tRPC backend, in three parts: 1. context, 2. initialization, 3. procedures.
 * Routers import only the procedures.
 */
import { initTRPC } from '@trpc/server';
import { idempotency, idempotencyErrorData, prismaStore } from '@idem/trpc-server';
import { ZodError, z } from 'zod';
import type { Db } from './db/create-db';

// 1. Context ----------------------------------------------------------------------------------

export interface CreateContextOptions {
  db: Db;
  req: Request;
  resHeaders: Headers;
}

export function createContext({ db, req, resHeaders }: CreateContextOptions) {
  return {
    db,
    req,
    resHeaders,
    // Every caller is one anonymous principal until guest sessions exist; keys are scoped by it.
    principal: 'public',
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
    return {
      ...shape,
      data: {
        ...shape.data,
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
export const idempotentProcedure = publicProcedure
  .meta({ idempotent: true })
  .concat(
    idempotency<Context>({
      store: (ctx) => prismaStore({ records: ctx.db.idempotencyRecord }),
      scope: (ctx) => ctx.principal,
    }),
  );
