import { z } from 'zod';

/**
 * Ids and tokens a client sends: 1–100 visible ASCII characters. Anything else (a NUL, which
 * PostgreSQL text cannot hold; control characters; Unicode look-alikes) can name nothing here, and is
 * refused as invalid input (400) before it reaches the database.
 */
export const idSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, 'must be visible ASCII characters');
