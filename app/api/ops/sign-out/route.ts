import { readServerEnv } from '~/server/env';
import { isSecureRequest } from '~/server/http/is-secure-request';
import { clearOperatorCookies } from '~/server/ops-auth/operator-cookie';

export const dynamic = 'force-dynamic';

const env = readServerEnv();

/** Signs the operator out of this browser (both cookie names), then back to the /ops sign-in form. */
export function POST(req: Request) {
  const headers = new Headers({ Location: '/ops', 'Cache-Control': 'no-store' });
  for (const cookie of clearOperatorCookies(isSecureRequest(req, env.TRUST_PROXY))) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}
