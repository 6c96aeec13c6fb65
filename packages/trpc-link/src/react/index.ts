// @idem/trpc-link/react: one idempotent mutation in TanStack Query, and what a reload left pending
export { useIdempotentMutation, type UseIdempotentMutationOptions, type UseIdempotentMutationResult, type IdempotencyActions } from './useIdempotentMutation.js';
export { usePendingOperations, type PendingOperationsResult } from './usePendingOperations.js';
export type { IdempotencyState, IdempotencyStatus } from './IdempotencyState.js';
