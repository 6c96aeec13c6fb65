import { z } from 'zod';

const schema = z
  .object({
    /** How long a key is remembered (ms). */
    IDEMPOTENCY_TTL_MS: z.coerce.number().int().positive().default(86_400_000),
    /** How long a request may hold its key before a retry (or the completer) may take it over (ms). */
    IDEMPOTENCY_LOCK_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
    /** How often the completer looks for abandoned requests and the sweeper for expired keys (ms). */
    IDEMPOTENCY_COMPLETER_INTERVAL_MS: z.coerce.number().int().positive().default(10_000),
    /** Largest request body accepted by /api/trpc (bytes); larger ones get 413. */
    API_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  })
  .refine((env) => env.IDEMPOTENCY_TTL_MS > env.IDEMPOTENCY_LOCK_TIMEOUT_MS, {
    message: 'IDEMPOTENCY_TTL_MS must be greater than IDEMPOTENCY_LOCK_TIMEOUT_MS: a key must outlive the lock of its request',
    path: ['IDEMPOTENCY_TTL_MS'],
  });

export type ServerEnv = z.infer<typeof schema>;

/** The server's settings from the environment, validated: a bad value stops the server with a clear message. */
export function readServerEnv(env: Record<string, string | undefined> = process.env): ServerEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * The longest a fenced database transaction may run: half the lock timeout, at most 15 s. A phase
 * that outlives its lock could be taken over while it still writes; below the lock it cannot.
 */
export function transactionTimeoutMs(env: ServerEnv): number {
  return Math.min(15_000, Math.floor(env.IDEMPOTENCY_LOCK_TIMEOUT_MS / 2));
}
