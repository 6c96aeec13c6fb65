import { readServerEnv } from '~/server/env';
import { BodyTooLargeError, limitBody } from '~/server/http/body-limit';
import { isSecureRequest } from '~/server/http/is-secure-request';
import { issueOperatorCookie } from '~/server/ops-auth/operator-cookie';
import { tokensMatch } from '~/server/ops-auth/tokens-match';

export const dynamic = 'force-dynamic';

const env = readServerEnv();

/**
 * The /ops sign-in form posts the token here (`application/x-www-form-urlencoded`, field `token`).
 * Right: an HttpOnly, SameSite=Strict cookie holding a value derived from the token (never the
 * token itself), then back to /ops. Wrong, missing, or operator access off: back to /ops with
 * `?signin=failed` or `?signin=off`, and no cookie. A plain form post, so it works without JavaScript.
 */
export async function POST(req: Request) {
  const back = (query: string, setCookie?: string) =>
    new Response(null, { status: 303, headers: { Location: `/ops${query}`, 'Cache-Control': 'no-store', ...(setCookie ? { 'Set-Cookie': setCookie } : {}) } });
  if (env.OPS_TOKEN === undefined) return back('?signin=off');
  let token: string;
  try {
    const form = await (await limitBody(req, 4096)).formData();
    token = String(form.get('token') ?? '').trim();
  } catch (error) {
    if (error instanceof BodyTooLargeError || error instanceof TypeError) return back('?signin=failed');
    throw error;
  }
  if (!tokensMatch(token, env.OPS_TOKEN)) return back('?signin=failed');
  return back('', issueOperatorCookie(env.OPS_TOKEN, { secure: isSecureRequest(req, env.TRUST_PROXY) }));
}
