import { db } from '~/server/db';
import { createTrpcHandler } from '~/server/http/trpc-handler';

export const dynamic = 'force-dynamic';

const handler = createTrpcHandler({ db });

export { handler as GET, handler as POST };
