import { z } from 'zod';

const schema = z.object({
  /** How long a key is remembered (ms). */
  IDEMPOTENCY_TTL_MS: z.coerce.number().int().positive().default(86_400_000),
  /** How long a request may hold its key before a retry may take it over (ms). */
  IDEMPOTENCY_LOCK_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Largest request body accepted by /api/trpc (bytes); larger ones get 413. */
  API_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
});

export type ServerEnv = z.infer<typeof schema>;

/** The server's settings from the environment, validated: a bad value stops the server with a clear message. */
export function readServerEnv(env: Record<string, string | undefined> = process.env): ServerEnv {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid environment:\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
