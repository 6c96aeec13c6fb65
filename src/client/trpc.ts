import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '~/server/root';

/** The typed hooks of the shop's API: `useTRPC()` for query and mutation options, `useTRPCClient()` for direct calls. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
