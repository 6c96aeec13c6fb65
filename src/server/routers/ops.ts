import { z } from 'zod';
import { gatewayChaosSchema, getGatewayChaos, setGatewayChaos } from '../payments/gateway-chaos';
import { createTRPCRouter, operatorProcedure } from '../trpc';
import { idSchema } from '../ids';
import { findMismatches } from '../reconciliation/find-mismatches';

/**
 * The operator's view; every procedure needs the operator credential (`operatorProcedure`).
 * Records are listed without their stored response bodies or inputs, and with keys and scopes
 * shortened: enough to find a stuck key, nothing of a customer's order. Records the completer gave
 * up on are flagged, and listed with `status: 'FLAGGED'`.
 */
export const opsRouter = createTRPCRouter({
  idempotencyRecords: operatorProcedure
    .meta({ summary: 'Recent idempotency records: status, recovery point, lock, expiry, replays.' })
    .input(
      z
        .object({
          status: z.enum(['IN_PROGRESS', 'COMPLETED', 'FLAGGED']).optional().describe('FLAGGED: abandoned requests the completer gave up on'),
          procedure: z.string().max(200).regex(/^[\x21-\x7e]*$/, 'must be visible ASCII characters').optional(),
          limit: z.int().min(1).max(200).default(50),
        })
        .default({ limit: 50 }),
    )
    .query(async ({ ctx, input }) => {
      const records = await ctx.db.idempotencyRecord.findMany({
        where: input.status === 'FLAGGED' ? { flaggedAt: { not: null }, procedure: input.procedure } : { status: input.status, procedure: input.procedure },
        orderBy: { createdAt: 'desc' },
        take: input.limit,
      });
      return records.map((r) => ({
        id: r.id,
        keyPreview: preview(r.key),
        scopePreview: preview(r.scope),
        procedure: r.procedure,
        status: r.status,
        recoveryPoint: r.recoveryPoint,
        lockedUntil: r.lockedUntil?.toISOString() ?? null,
        expiresAt: r.expiresAt.toISOString(),
        createdAt: r.createdAt.toISOString(),
        replayCount: r.replayCount,
        lastReplayedAt: r.lastReplayedAt?.toISOString() ?? null,
        responseStatus: r.responseStatus,
        completionAttempts: r.completionAttempts,
        flaggedAt: r.flaggedAt?.toISOString() ?? null,
        flagReason: r.flagReason,
      }));
    }),

  retryFlaggedRecord: operatorProcedure
    .meta({ summary: 'Hand a flagged record back to the completer: clears the flag and its attempt count (naturally idempotent).' })
    .input(z.object({ id: idSchema }))
    .mutation(async ({ ctx, input }) => {
      // One conditional write: only a record still unfinished and flagged is handed back.
      const { count } = await ctx.db.idempotencyRecord.updateMany({
        where: { id: input.id, status: 'IN_PROGRESS', flaggedAt: { not: null } },
        data: { flaggedAt: null, flagReason: null, completionAttempts: 0 },
      });
      return { handedBack: count === 1 };
    }),

  reconciliation: operatorProcedure
    .meta({ summary: "Where the payment gateway's ledger and the orders disagree: charges without a PAID order, PAID orders without a charge, amounts that differ, orders charged more than once." })
    .query(async ({ ctx }) => {
      const mismatches = await findMismatches(ctx.db);
      return { checkedAt: new Date().toISOString(), total: mismatches.length, mismatches: mismatches.slice(0, 100) };
    }),

  gatewayChaos: operatorProcedure
    .meta({ summary: "The simulated payment gateway's injected latency and failure rate, and whether they may be changed (ENABLE_GATEWAY_CHAOS)." })
    .query(({ ctx }) => ({ enabled: ctx.env.ENABLE_GATEWAY_CHAOS, ...getGatewayChaos() })),

  setGatewayChaos: operatorProcedure
    .meta({ summary: "Set the simulated payment gateway's injected latency and failure rate (this instance); 403 unless ENABLE_GATEWAY_CHAOS=1." })
    .input(gatewayChaosSchema)
    .mutation(({ ctx, input }) => ({ enabled: true, ...setGatewayChaos(input, ctx.env) })),
});

function preview(value: string): string {
  return value.length <= 12 ? value : `${value.slice(0, 8)}…${value.slice(-4)}`;
}
