/**
 * The app's procedures as the fuzzer needs to know them, read from the router itself
 * (src/server/root.ts): a procedure added or made idempotent there is fuzzed as such at once.
 */
import type { AnyTRPCRouter } from '@trpc/server';
import { appRouter } from '~/server/root';
import type { Meta } from '~/server/trpc';

/** What the oracles need to know of a procedure. */
export interface ProcedureInfo {
  type: 'query' | 'mutation';
  /** Needs an Idempotency-Key (`idempotentProcedure`). */
  idempotent: boolean;
  /** Needs the operator credential (`operatorProcedure`); the fuzzer never sends a valid one. */
  operator: boolean;
}

interface ProcedureDef {
  type: 'query' | 'mutation' | 'subscription';
  meta?: Meta;
}

/** Every query and mutation of the router, by dotted path. */
export const PROCEDURES: Readonly<Record<string, ProcedureInfo>> = Object.fromEntries(
  Object.entries((appRouter as AnyTRPCRouter)._def.procedures as Record<string, { _def: ProcedureDef }>)
    .filter(([, { _def }]) => _def.type !== 'subscription')
    .map(([path, { _def }]) => [path, { type: _def.type === 'query' ? 'query' : 'mutation', idempotent: _def.meta?.idempotent === true, operator: _def.meta?.operator === true }]),
);

/** The procedure `name` names, if any (own properties only: `__proto__` names none). */
export function procedureInfo(name: string): ProcedureInfo | undefined {
  return Object.hasOwn(PROCEDURES, name) ? PROCEDURES[name] : undefined;
}
