import { z } from 'zod';

/** The operator page's filters, from its query string; anything unrecognized means "any". */
const opsFiltersSchema = z.object({
  status: z.enum(['IN_PROGRESS', 'COMPLETED', 'FLAGGED']).optional().catch(undefined),
  procedure: z
    .string()
    .trim()
    .max(200)
    .optional()
    .catch(undefined)
    .transform((p) => p || undefined),
});

export type OpsFilters = z.infer<typeof opsFiltersSchema>;

export function parseOpsFilters(searchParams: Record<string, string | string[] | undefined>): OpsFilters {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  return opsFiltersSchema.parse({ status: first(searchParams['status']), procedure: first(searchParams['procedure']) });
}
